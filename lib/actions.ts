/**
 * One wrapper for server actions (STYLE.md §4): resolves the caller, parses the form
 * with zod, runs the action, and returns a typed state the form renders — never a
 * thrown error page for bad input.
 */
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Orm } from "@/db";
import { getDb } from "@/lib/data/db";
import { currentCaller } from "@/lib/auth/session";
import { allowed, type Caller } from "@/lib/data/scope";
import type { Permission } from "@/lib/roles";
import { ForbiddenError, fromDatabaseError, logUnexpected, NotFoundError, RuleError } from "@/lib/errors";
import { notifyDataChanged } from "@/lib/live/events";

export type ActionState = { ok?: string; error?: string; fieldErrors?: Record<string, string>; secret?: string } | null;

/**
 * A form: who may send it, its schema (FormData entries as strings), what it does, and
 * what to refresh after. `need` is checked by the guard before the body is parsed; the
 * data layer checks again (and the scope) where it reads and writes.
 */
export interface FormSpec<S extends z.ZodType> {
  /** The permission the form needs, or "signed-in" for what every user may do to their own account. */
  need: Permission | "signed-in";
  /** The one form a session that must change its password may send: changing it. */
  whileMustChange?: true;
  schema: S;
  run: (ctx: { orm: Orm; caller: Caller; input: z.output<S> }) => Promise<NonNullable<ActionState>>;
  revalidate?: string;
  dataChanged?: boolean;
}
export const formSpec = <S extends z.ZodType>(spec: FormSpec<S>) => spec;

/** The form of a button that acts on one record: its id, sent as text. */
export const byIdForm = z.object({ id: z.coerce.number().int() });

/**
 * Parses the form (`z.coerce` for numbers) and runs it as `caller`; every failure that
 * is not a bug becomes the form's error with its reason, in Vietnamese.
 */
export async function runForm<S extends z.ZodType>(
  spec: FormSpec<S>,
  caller: Caller,
  form: FormData,
): Promise<NonNullable<ActionState>> {
  const refused = guard(spec, caller);
  if (refused) return refused;
  const raw = Object.fromEntries(
    [...form.keys()].map((k) => [k, form.getAll(k).length > 1 ? form.getAll(k) : form.get(k)]),
  );
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const i of parsed.error.issues) fieldErrors[i.path.join(".")] ??= i.message;
    return { error: "Dữ liệu chưa hợp lệ, xem từng trường.", fieldErrors };
  }
  try {
    const { orm } = await getDb();
    return await spec.run({ orm, caller, input: parsed.data });
  } catch (e) {
    if (e instanceof ForbiddenError || e instanceof NotFoundError) return { error: `${e.vi}.` };
    const rule = e instanceof RuleError ? e : fromDatabaseError(e);
    if (rule) return { error: `${rule.vi}.` };
    logUnexpected("action", e);
    return { error: "Lỗi hệ thống, hãy thử lại." };
  }
}

/**
 * The guard every server action passes, as pages and the API do (lib/page.ts,
 * lib/api/caller.ts): a user, not one whose password someone else set (must change it
 * first: a session on a published or reset password administers nothing), and the role's
 * permission. Before anything of the body is read.
 */
export function guard(
  spec: Pick<FormSpec<z.ZodType>, "need" | "whileMustChange">,
  caller: Caller,
): NonNullable<ActionState> | null {
  if (caller.kind !== "user") return { error: `${new ForbiddenError().vi}.` };
  if (caller.mustChangePassword && !spec.whileMustChange) return { error: MUST_CHANGE };
  if (spec.need !== "signed-in" && !allowed(caller, spec.need)) return { error: `${new ForbiddenError().vi}.` };
  return null;
}
export const MUST_CHANGE = "Hãy đổi mật khẩu trước: mật khẩu hiện tại do người khác đặt.";

/** The server action of a form: the signed-in caller, then `runForm`, then the refreshes. */
export function formAction<S extends z.ZodType>(spec: FormSpec<S>) {
  return async (_prev: ActionState, form: FormData): Promise<ActionState> => {
    const caller = await currentCaller();
    if (!caller) return { error: "Phiên đăng nhập đã hết, hãy đăng nhập lại." };
    const r = await runForm(spec, caller, form);
    if (r.ok && spec.revalidate) revalidatePath(spec.revalidate);
    if (r.ok && spec.dataChanged) notifyDataChanged();
    return r;
  };
}
