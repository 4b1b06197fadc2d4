/**
 * The shell of a portal page: who is asking (sent to sign-in when nobody), whether
 * their role may open the page at all (else 404), and the database.
 */
import "server-only";
import { notFound, redirect } from "next/navigation";
import type { Orm } from "@/db";
import { currentCaller } from "@/lib/auth/session";
import { getDb } from "@/lib/data/db";
import { allowed, type Caller } from "@/lib/data/scope";
import { NotFoundError } from "@/lib/errors";
import type { Permission } from "@/lib/roles";
import { UNSTORABLE } from "@/lib/ingest/bounds";

/** `permission`: the one the page needs, or a list of which any one will do. */
export async function requirePage(
  permission?: Permission | readonly Permission[],
): Promise<{ orm: Orm; caller: Caller }> {
  const caller = await currentCaller();
  if (!caller) redirect("/login");
  if (caller.kind === "user" && caller.mustChangePassword) redirect("/doi-mat-khau");
  const needed = permission === undefined ? [] : typeof permission === "string" ? [permission] : permission;
  if (needed.length && !needed.some((p) => allowed(caller, p))) notFound();
  return { orm: (await getDb()).orm, caller };
}

/** A scoped read whose "not found" (missing, or outside the caller's scope) is the page's 404. */
export function orNotFound<T>(read: Promise<T>): Promise<T> {
  return read.catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
}

/** A page number from the URL: canonical decimal up to 100,000, else the first page ("1e309" is no page). */
export function pageParam(raw: string | undefined): number {
  return raw && /^[1-9][0-9]{0,4}$/.test(raw) ? Number(raw) : 1;
}

/**
 * A text parameter from the URL as the page reads it: a repeated key gives its first value
 * (as URLSearchParams.get does); text no database can hold (U+0000, half a surrogate pair:
 * the sync's own rule, lib/ingest/bounds.ts) names nothing there, so the page is not found rather than failing.
 */
export function textParam(raw: string | string[] | undefined): string | undefined {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (v !== undefined && UNSTORABLE.test(v)) notFound();
  return v === "" ? undefined : v;
}

/** Every parameter of a page's URL through `textParam`: a page reads one value per key, storable. */
export function textParams<K extends string>(
  raw: Partial<Record<K, string | string[] | undefined>>,
): Partial<Record<K, string>> {
  return Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, textParam(v as string | string[] | undefined)]),
  ) as Partial<Record<K, string>>;
}
