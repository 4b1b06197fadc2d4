/**
 * The dossiers behind a number: each dossier of the §A population (or of the
 * received-in-period set) with its SQL verdict, filterable and paginated.
 */
import { sql, type SQL } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import type { Period } from "@/lib/method/period";
import type { Verdict } from "@/lib/method/ontime";
import { epochMs, inScope } from "./sql-util";
import { dossierVerdict, overlapsPeriod, verdictCase } from "./verdict-sql";

export interface DossierListQuery {
  period: Period;
  scopeUnit: string | null;
  unit?: string;
  procedure?: string;
  verdict?: Verdict;
  channel?: 1 | 2 | 3;
  /** `population` (§A, default) or `received` (NgayTiepNhan in the period). */
  set?: "population" | "received";
  limit?: number;
  offset?: number;
}

export interface DossierListItem {
  code: string; unitCode: string; procedureCode: string | null; status: number; channel: number | null;
  startMs: number | null; endMs: number | null; dueMs: number | null; verdict: Verdict | null;
}

export async function listDossiers(orm: Orm, q: DossierListQuery): Promise<{ total: number; items: DossierListItem[] }> {
  const conds: SQL[] = [overlapsPeriod(q.period), q.set === "received" ? sql`v.rec` : sql`v.pop`];
  conds.push(inScope(sql`d.unit_code`, q.scopeUnit));
  if (q.unit) conds.push(inScope(sql`d.unit_code`, q.unit));
  if (q.procedure !== undefined) conds.push(sql`coalesce(d.procedure_code, '') = ${q.procedure}`);
  if (q.channel) conds.push(q.channel === 1 ? sql`coalesce(d.channel, 1) = 1` : sql`d.channel = ${q.channel}`);
  const verdict = verdictCase(sql`v`);
  if (q.verdict) conds.push(sql`${verdict} = ${q.verdict}`);
  const where = sql.join(conds, sql` and `);
  const found = await rows<{ code: string; unit_code: string; procedure_code: string | null; status: number;
    channel: number | null; start_ms: number | null; end_ms: number | null; due_ms: number | null; verdict: Verdict | null; total: number }>(
    orm,
    sql`select d.code, d.unit_code, d.procedure_code, d.status, d.channel, ${epochMs(sql`d.start_at`)} as start_ms,
        ${epochMs(sql`v.end_at`)} as end_ms, ${epochMs(sql`d.due_at`)} as due_ms, ${verdict} as verdict,
        count(*) over ()::int as total
      from dossiers d cross join lateral ${dossierVerdict(q.period)} v
      where ${where}
      order by d.due_at nulls first, d.code
      limit ${q.limit ?? 50} offset ${q.offset ?? 0}`,
  );
  return {
    total: found[0]?.total ?? 0,
    items: found.map((r) => ({
      code: r.code, unitCode: r.unit_code, procedureCode: r.procedure_code, status: r.status, channel: r.channel,
      startMs: r.start_ms == null ? null : Number(r.start_ms), endMs: r.end_ms == null ? null : Number(r.end_ms),
      dueMs: r.due_ms == null ? null : Number(r.due_ms), verdict: r.verdict,
    })),
  };
}
