/** The audit log, for administrators. */
import { desc, ilike, or } from "drizzle-orm";
import type { Orm } from "@/db";
import { auditLog } from "@/db/schema";
import { allowed, ForbiddenError, type Caller } from "./scope";

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
