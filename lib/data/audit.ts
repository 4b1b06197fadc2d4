/** The audit log, for administrators. */
import "server-only";
import { desc, ilike, or } from "drizzle-orm";
import type { Orm } from "@/db";
import { auditLog } from "@/db/schema";
import { allowed, type Caller } from "./scope";
import { ForbiddenError } from "@/lib/errors";

export async function listAudit(orm: Orm, caller: Caller, opts: { q?: string; limit?: number } = {}) {
  if (!allowed(caller, "users:manage") || caller.kind !== "user") throw new ForbiddenError();
  const q = opts.q?.trim();
  return orm
    .select()
    .from(auditLog)
    .where(q ? or(ilike(auditLog.action, `%${q}%`), ilike(auditLog.actor, `%${q}%`), ilike(auditLog.target, `%${q}%`)) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(opts.limit ?? 200);
}
