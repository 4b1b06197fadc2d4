/**
 * Early warning: dossiers still in progress now that fall due within N working days,
 * or are already overdue (METHOD §A.4 due instants), per agency — the worklist that
 * prevents the next late dossier.
 */
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import { localDate } from "@/lib/method/time";
import { STATUS } from "@/lib/method/status";
import { epochMs, inScope, instant, type Scope, inUnitFilter, statusSql } from "./sql-util";
import { openAt } from "./verdict-sql";

export interface WarningItem {
  code: string;
  unitCode: string;
  unitName: string | null;
  procedureCode: string | null;
  procedureName: string | null;
  startMs: number | null;
  dueMs: number | null;
  overdue: boolean;
}

export async function earlyWarnings(
  orm: Orm,
  opts: { scope: Scope; unit?: string; workingDays: number; now?: Date; limit?: number },
) {
  const now = opts.now ?? new Date();
  const today = localDate(now);
  const n = Math.max(0, Math.min(30, Math.floor(opts.workingDays)));
  // A dossier without a start (no NgayTiepNhan, no step) is overdue (METHOD §A.3), as the
  // scorecard counts it: listed here too, so the two never disagree on what is late.
  const where = sql`${openAt(now)}
    and (d.due_at is null or d.due_at <= (
      select (w.day + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh' - interval '1 millisecond' from work_days w
      where w.working and w.ord = (select ord from work_days where day = ${today}::date) + ${n}))
    and ${inScope(sql`d.unit_code`, opts.scope)} and ${inUnitFilter(sql`d.unit_code`, opts.unit)}`;
  const isOverdue = sql`(d.due_at is null or d.due_at < ${instant(now)})`;
  const [byUnit, items] = await Promise.all([
    rows<{ unit_code: string; unit_name: string | null; overdue: number; soon: number }>(
      orm,
      sql`
      select d.unit_code, u.name as unit_name, count(*) filter (where ${isOverdue})::int as overdue,
        count(*) filter (where not ${isOverdue})::int as soon
      from dossiers d left join units u on u.code = d.unit_code where ${where}
      group by d.unit_code, u.name order by overdue desc, soon desc`,
    ),
    rows<{
      code: string;
      unit_code: string;
      unit_name: string | null;
      procedure_code: string | null;
      procedure_name: string | null;
      start_ms: number | null;
      due_ms: number | null;
      overdue: boolean;
    }>(
      orm,
      sql`
      select d.code, d.unit_code, u.name as unit_name, d.procedure_code, p.name as procedure_name,
        ${epochMs(sql`d.start_at`)} as start_ms, ${epochMs(sql`d.due_at`)} as due_ms, ${isOverdue} as overdue
      from dossiers d left join units u on u.code = d.unit_code left join procedures p on p.code = d.procedure_code
      where ${where} order by d.due_at nulls first, d.code limit ${opts.limit ?? 200}`,
    ),
  ]);
  return {
    byUnit: byUnit.map((r) => ({ unitCode: r.unit_code, unitName: r.unit_name, overdue: r.overdue, soon: r.soon })),
    items: items.map((r): WarningItem => ({
      code: r.code,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      startMs: r.start_ms == null ? null : Number(r.start_ms),
      dueMs: r.due_ms == null ? null : Number(r.due_ms),
      overdue: r.overdue,
    })),
  };
}

export interface LateReceipt {
  code: string;
  unitCode: string;
  unitName: string | null;
  procedureCode: string | null;
  procedureName: string | null;
  submittedMs: number;
  /** The instant it should have been received by (receiptDeadline). */
  receiptDueMs: number;
}

/**
 * Late receipts now (lib/method/receipt.ts): online dossiers submitted and still neither
 * received (no NgayTiepNhan, no handling step) nor refused nor closed, past the same clock time on the next working day after
 * their submission. The SQL twin of `receiptDeadline`: the first working day after the
 * submission date, at the submission's local time of day.
 */
export async function lateReceipts(
  orm: Orm,
  opts: { scope: Scope; unit?: string; now?: Date; limit?: number },
): Promise<{ total: number; items: LateReceipt[] }> {
  const now = opts.now ?? new Date();
  const local = sql`(d.submitted_at at time zone 'Asia/Ho_Chi_Minh')`;
  const due = sql`(((select min(w.day) from work_days w where w.working and w.day > ${local}::date) + ${local}::time)
    at time zone 'Asia/Ho_Chi_Minh')`;
  const found = await rows<{
    code: string;
    unit_code: string;
    unit_name: string | null;
    procedure_code: string | null;
    procedure_name: string | null;
    submitted_ms: number;
    due_ms: number;
    total: number;
  }>(
    orm,
    sql`
    select x.*, count(*) over ()::int as total from (
      select d.code, d.unit_code, u.name as unit_name, d.procedure_code, p.name as procedure_name,
        ${epochMs(sql`d.submitted_at`)} as submitted_ms, ${epochMs(due)} as due_ms
      from dossiers d left join units u on u.code = d.unit_code left join procedures p on p.code = d.procedure_code
      where d.channel = 2 and d.submitted_at is not null and d.submitted_at <= ${instant(now)}
        and d.received_at is null and d.refused_at is null and d.done_at is null and d.closed_at is null
        -- A handling step means someone took it up, whatever NgayTiepNhan says.
        and not exists (select 1 from process_steps s where s.province_code = d.province_code and s.dossier_id = d.id
          and s.status <> ${statusSql(STATUS.SUBMITTED)})
        and ${inScope(sql`d.unit_code`, opts.scope)} and ${inUnitFilter(sql`d.unit_code`, opts.unit)}
    ) x where x.due_ms < ${now.getTime()}
    order by x.due_ms, x.code limit ${opts.limit ?? 200}`,
  );
  return {
    total: found[0]?.total ?? 0,
    items: found.map((r) => ({
      code: r.code,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      submittedMs: Number(r.submitted_ms),
      receiptDueMs: Number(r.due_ms),
    })),
  };
}
