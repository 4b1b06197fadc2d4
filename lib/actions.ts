/**
 * One wrapper for server actions (STYLE.md §4): resolves the caller, parses the form
 * with zod, runs the action, and returns a typed state the form renders — never a
 * thrown error page for bad input.
 */
import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { Orm } from "@/db";
import { getDb } from "@/lib/data/db";
import { currentCaller } from "@/lib/auth/session";
import { type Caller } from "@/lib/data/scope";
import { ForbiddenError, fromDatabaseError, NotFoundError, RuleError } from "@/lib/errors";
import { notifyDataChanged } from "@/lib/live/events";

export type ActionState = { ok?: string; error?: string; fieldErrors?: Record<string, string>; secret?: string } | null;

export function formAction<S extends z.ZodType>(
  schema: S,
  run: (ctx: { orm: Orm; caller: Caller; input: z.output<S> }) => Promise<NonNullable<ActionState>>,
  opts: { revalidate?: string; dataChanged?: boolean } = {},
) {
  return async (_prev: ActionState, form: FormData): Promise<ActionState> => {
    const caller = await currentCaller();
    if (!caller) return { error: "Phiên đăng nhập đã hết, hãy đăng nhập lại." };
    const raw = Object.fromEntries([...form.keys()].map((k) => [k, form.getAll(k).length > 1 ? form.getAll(k) : form.get(k)]));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const i of parsed.error.issues) fieldErrors[i.path.join(".")] ??= i.message;
      return { error: "Dữ liệu chưa hợp lệ, xem từng trường.", fieldErrors };
    }
    try {
      const { orm } = await getDb();
      const r = await run({ orm, caller, input: parsed.data });
      if (r.ok && opts.revalidate) revalidatePath(opts.revalidate);
      if (r.ok && opts.dataChanged) notifyDataChanged();
      return r;
    } catch (e) {
      if (e instanceof ForbiddenError || e instanceof NotFoundError) return { error: `${e.vi}.` };
      const rule = e instanceof RuleError ? e : fromDatabaseError(e);
      if (rule) return { error: `${rule.vi}.` };
      console.error("[action]", e);
      return { error: "Lỗi hệ thống, hãy thử lại." };
    }
  };
}
