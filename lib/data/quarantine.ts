/**
 * The quarantine of rejected sync records: listed through the caller's scope,
 * corrected and resent (the corrected record goes through the same ingestion), or
 * discarded.
 */
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Orm } from "@/db";
import { auditLog, rejectedRecords, type QuarantineState } from "@/db/schema";
import { ingest } from "@/lib/data/sync";
import { quarantineCopy } from "@/lib/ingest/bounds";
import type { Service } from "@/lib/ingest/dvcqg";
import { allowed, scopeOf, type Caller } from "./scope";
import { ForbiddenError, NotFoundError, RuleError } from "@/lib/errors";
import { actorName } from "./tokens";
import { inScope } from "@/lib/engine/sql-util";

const scopeFilter = (caller: Caller) => inScope(rejectedRecords.unitCode, scopeOf(caller));

export async function listQuarantine(
  orm: Orm,
  caller: Caller,
  opts: { state?: QuarantineState; limit?: number; offset?: number } = {},
) {
  if (!allowed(caller, "quarantine:read")) throw new ForbiddenError();
  const where = and(scopeFilter(caller), eq(rejectedRecords.state, opts.state ?? "open"));
  const items = await orm
    .select()
    .from(rejectedRecords)
    .where(where)
    .orderBy(desc(rejectedRecords.id))
    .limit(opts.limit ?? 50)
    .offset(opts.offset ?? 0);
  const [{ n }] = await orm
    .select({ n: sql<number>`count(*)::int` })
    .from(rejectedRecords)
    .where(where);
  return { total: Number(n), items };
}

async function findInScope(orm: Orm, caller: Caller, id: number) {
  const [r] = await orm
    .select()
    .from(rejectedRecords)
    .where(and(eq(rejectedRecords.id, id), scopeFilter(caller)))
    .limit(1);
  if (!r) throw new NotFoundError();
  return r;
}

/** Resends a corrected record; the quarantined one is marked resent when the new one is accepted. */
export async function resendRecord(orm: Orm, caller: Caller, id: number, corrected: unknown) {
  if (!allowed(caller, "quarantine:write")) throw new ForbiddenError();
  const r = await findInScope(orm, caller, id);
  if (r.state !== "open") throw new RuleError("Bản ghi đã được xử lý", "Record already handled");
  const outcome = await ingest(
    orm,
    caller,
    { service: r.service as Service, data: [corrected], defaultUnit: r.unitCode },
    new Date(),
    {
      permission: "quarantine:write",
      quarantine: false,
    },
  );
  const result = outcome.results[0];
  // Accepted: the record is done. Still invalid: it stays open with the new payload and errors.
  await orm
    .update(rejectedRecords)
    .set(
      result.status === "ok"
        ? { state: "resent" }
        : {
            payload: corrected == null ? sql`'null'::jsonb` : (quarantineCopy(corrected) as object),
            errors: result.errors ?? [],
          },
    )
    .where(eq(rejectedRecords.id, id));
  await orm.insert(auditLog).values({
    actor: actorName(caller),
    action: "quarantine.resend",
    target: `rejected:${id}`,
    details: { status: result.status },
  });
  return result;
}

export async function discardRecord(orm: Orm, caller: Caller, id: number) {
  if (!allowed(caller, "quarantine:write")) throw new ForbiddenError();
  await findInScope(orm, caller, id);
  await orm.update(rejectedRecords).set({ state: "discarded" }).where(eq(rejectedRecords.id, id));
  await orm
    .insert(auditLog)
    .values({ actor: actorName(caller), action: "quarantine.discard", target: `rejected:${id}`, details: null });
}
