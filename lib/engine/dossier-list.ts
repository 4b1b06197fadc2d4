/**
 * The dossiers behind a number: each dossier of the §A population (or of the
 * received-in-period set) with its SQL verdict, filterable and paginated.
 */
import { sql, type SQL } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import type { Period } from "@/lib/method/period";
import type { Reason, Verdict } from "@/lib/method/ontime";
import { epochMs, inScope, instant, type Scope, inUnitFilter } from "./sql-util";
import { dossierVerdict, overlapsPeriod, verdictCase } from "./verdict-sql";

export interface DossierListQuery {
  period: Period;
  scope: Scope;
  unit?: string;
  procedure?: string;
  verdict?: Verdict;
  channel?: 1 | 2 | 3;
  /** `population` (§A, default) or `received` (NgayTiepNhan in the period). */
  set?: "population" | "received";
  /** Why a dossier counts against the rate: lateness, or a gap in its data. */
  reason?: Reason;
  /** `due` (default: earliest due first) or `lateness` (the latest first). */
  sort?: "due" | "lateness";
  limit?: number;
  offset?: number;
}

export interface DossierListItem {
  code: string;
  unitCode: string;
  unitName: string | null;
  procedureCode: string | null;
  procedureName: string | null;
  status: number;
  channel: number | null;
  startMs: number | null;
  endMs: number | null;
  dueMs: number | null;
  verdict: Verdict | null;
  reason: Reason | null;
  /** How late (end or as-of past the due instant), in ms; null when not late or unknown. */
  lateMs: number | null;
}

export async function listDossiers(
  orm: Orm,
  q: DossierListQuery,
): Promise<{ total: number; items: DossierListItem[] }> {
  const conds: SQL[] = [overlapsPeriod(q.period), q.set === "received" ? sql`v.rec` : sql`v.pop`];
  conds.push(inScope(sql`d.unit_code`, q.scope));
  conds.push(inUnitFilter(sql`d.unit_code`, q.unit));
  if (q.procedure !== undefined) conds.push(sql`coalesce(d.procedure_code, '') = ${q.procedure}`);
  if (q.channel) conds.push(q.channel === 1 ? sql`coalesce(d.channel, 1) = 1` : sql`d.channel = ${q.channel}`);
  const verdict = verdictCase(sql`v`);
  if (q.verdict) conds.push(sql`${verdict} = ${q.verdict}`);
  const asOf = instant(q.period.asOf);
  // METHOD §A.3, §A.4: `reasonOf` of lib/method/ontime.ts, in SQL (a test holds them together).
  const reason = sql`case when not v.pop or v.ok then null
    when d.start_at is null then 'no_start'
    when p.code is null then 'unknown_procedure'
    when d.due_at is null then 'no_deadline'
    else 'late' end`;
  if (q.reason) conds.push(sql`${reason} = ${q.reason}`);
  const late = sql`(extract(epoch from coalesce(v.end_at, ${asOf}) - d.due_at) * 1000)::float8`;
  const where = sql.join(conds, sql` and `);
  const found = await rows<{
    code: string;
    unit_code: string;
    unit_name: string | null;
    procedure_code: string | null;
    procedure_name: string | null;
    status: number;
    channel: number | null;
    start_ms: number | null;
    end_ms: number | null;
    due_ms: number | null;
    verdict: Verdict | null;
    reason: Reason | null;
    late_ms: number | null;
    total: number;
  }>(
    orm,
    sql`select d.code, d.unit_code, u.name as unit_name, d.procedure_code, p.name as procedure_name, d.status, d.channel,
        ${epochMs(sql`d.start_at`)} as start_ms, ${epochMs(sql`v.end_at`)} as end_ms, ${epochMs(sql`d.due_at`)} as due_ms,
        ${verdict} as verdict, ${reason} as reason, case when ${reason} = 'late' then ${late} end as late_ms,
        count(*) over ()::int as total
      from dossiers d cross join lateral ${dossierVerdict(q.period)} v
        left join units u on u.code = d.unit_code left join procedures p on p.code = d.procedure_code
      where ${where}
      order by ${q.sort === "lateness" ? sql`case when ${reason} = 'late' then ${late} end desc nulls last, d.code` : sql`d.due_at nulls first, d.code`}
      limit ${q.limit ?? 50} offset ${q.offset ?? 0}`,
  );
  return {
    total: found[0]?.total ?? 0,
    items: found.map((r) => ({
      code: r.code,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      status: r.status,
      channel: r.channel,
      startMs: r.start_ms == null ? null : Number(r.start_ms),
      endMs: r.end_ms == null ? null : Number(r.end_ms),
      dueMs: r.due_ms == null ? null : Number(r.due_ms),
      verdict: r.verdict,
      reason: r.reason,
      lateMs: r.late_ms == null ? null : Number(r.late_ms),
    })),
  };
}
