/**
 * METHOD §A.1–A.5 as a SQL expression over one dossier row `d` and a period: the one
 * definition the scorecard, the dossier lists and the tests use. It mirrors
 * `endOf`, `inPopulation` and `verdictOf` of lib/method/ontime.ts.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Period } from "@/lib/method/period";
import { STATUS } from "@/lib/method/status";
import { instant, statusSql } from "./sql-util";

/**
 * METHOD §C.3 [decision] over a dossier's columns, the SQL twin of `isPayable`
 * (lib/method/payment.ts) without the procedure's integration: a dossier with a fee, or
 * with no fee line at all, is payable; one whose every line is 0 is not. The rollup's
 * dossier_keys (db/migrations/0007) spells the same, which tests/db/rollup-functions.test.ts holds.
 */
export const PAYABLE_DOSSIER = "fee_lines = 0 or fee_positive";

/**
 * METHOD §A as of an instant, for one dossier `d`: in progress — not a draft (status 1),
 * started by then or without a start (§A.3: counted overdue), and not finished nor closed
 * by then. The early warnings, the worklist and the alerts read open dossiers by this.
 */
export function openAt(now: Date): SQL {
  const t = instant(now);
  return sql`d.status <> ${statusSql(STATUS.SUBMITTED)} and (d.start_at is null or d.start_at <= ${t})
    and (d.done_at is null or d.done_at > ${t}) and (d.closed_at is null or d.closed_at > ${t})`;
}

/**
 * A lateral subquery yielding, for dossier `d`:
 * - end_at: §A.2 end as of the as-of instant (Đã xử lý xong first), or null if in progress;
 * - rec: NgayTiepNhan within [period start, as-of] (§B.3, §C.4, §Đ.1);
 * - pop: in the §A.1 population; finished: has an end; ok: §A.4 within the deadline.
 */
export function dossierVerdict(period: Period): SQL {
  const ps = instant(period.startAt);
  const asOf = instant(period.asOf);
  return sql`(
    select e.end_at,
      d.received_at >= ${ps} and d.received_at <= ${asOf} as rec,
      d.status <> ${statusSql(STATUS.SUBMITTED)}
        and (case when d.start_at is not null then d.start_at <= ${asOf}
                  else d.synced_at >= ${ps} and d.synced_at <= ${asOf} end)
        and (e.end_at is null or e.end_at >= ${ps}) as pop,
      e.end_at is not null as finished,
      d.start_at is not null and d.due_at is not null and coalesce(e.end_at, ${asOf}) <= d.due_at as ok
    from (select case when d.done_at <= ${asOf} then d.done_at
                      when d.closed_at <= ${asOf} then d.closed_at end as end_at) e
  )`;
}

/**
 * The dossier's span, as indexed by `dossiers_span_idx` (db/migrations/0002), and the
 * condition that it overlaps the period: a superset of the §A.1 population and of the
 * dossiers received in the period, so adding it never changes a count.
 * - Population with a start: start ≤ as-of, and the end as of the as-of instant is
 *   absent or ≥ period start; then coalesce(done, closed) is absent or ≥ period start
 *   (if it were earlier, it would be the end, before the period).
 * - Population without a start: first sync within [period start, as-of].
 * - Received in the period: the start is NgayTiepNhan, within the period.
 */
export function overlapsPeriod(period: Period): SQL {
  // greatest() skips nulls, hence the case: a dossier with no end event is open-ended.
  return sql`tstzrange(coalesce(d.start_at, d.synced_at), case when coalesce(d.done_at, d.closed_at) is null then null
      else greatest(coalesce(d.done_at, d.closed_at), coalesce(d.start_at, d.synced_at)) end, '[]')
    && tstzrange(${instant(period.startAt)}, ${instant(period.asOf)}, '[]')`;
}

/** The §A.5 verdict word from the booleans above (null when outside the population). */
export const verdictCase = (v: SQL) => sql`case when not ${v}.pop then null
  when ${v}.finished and ${v}.ok then 'on_time' when ${v}.finished then 'late'
  when ${v}.ok then 'within' else 'overdue' end`;
