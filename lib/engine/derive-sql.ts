/**
 * The period-independent facts of METHOD §A.2–A.4, maintained on the dossier row on
 * every write (sync, import, catalogue or calendar change), and METHOD-STEPS S.1.3–S.1.5
 * on each step. The pure definitions
 * are in lib/method/ontime.ts (`derive`, `dueInstant`); tests prove both agree.
 */
import { sql, type SQL } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import { OTHER_TERMINAL, STATUS } from "@/lib/method/status";
import { statusSql } from "./sql-util";
import { history766Sql } from "./verdict766-sql";

const TERMINAL_OTHER = statusSql(...OTHER_TERMINAL);

/**
 * METHOD §A.4, the due-instant form, as a SQL expression over a start instant and the
 * procedure's deadline (unit, value): the last on-time instant, or null when either is
 * unknown ([decision]: not on time). Hours: start + N h. Days/months/years: the end of
 * start date + N (months clamp at month end, as PostgreSQL's date + interval does).
 * Working days: the end of the day before the (N+1)-th working day after the start
 * date (an index lookup in `work_days`).
 */
export function dueExpression(start: SQL, unit: SQL, value: SQL): SQL {
  const n = sql`floor(${value})::int`;
  const day = sql`(${start} at time zone 'Asia/Ho_Chi_Minh')::date`;
  return sql`case
    when ${start} is null or ${unit} is null or ${value} is null then null
    -- Kept to the millisecond, as every instant is (a fraction of an hour could fall between
    -- two: the rollups' due + 1 ms relies on whole milliseconds).
    when ${unit} = 'hour' then date_trunc('milliseconds', ${start} + ${value} * interval '1 hour')
    else (
      case ${unit}
        when 'day' then ${day} + ${n}
        when 'month' then (${day} + make_interval(months => ${n}))::date
        when 'year' then (${day} + make_interval(years => ${n}))::date
        when 'working_day' then (
          select w.day - 1 from work_days w
          where w.working and w.ord = (select s.ord from work_days s where s.day = ${day}) + ${n} + 1)
      end + 1
    )::timestamp at time zone 'Asia/Ho_Chi_Minh' - interval '1 millisecond'
  end`;
}

/**
 * METHOD §A.4 [decision] for §A.6, as SQL (the pure rule is `dueDate`): the date of the
 * N-th working day after the start date (the start date for 0) for working days, else
 * the date of the stored due instant. Null when either is unknown.
 */
export function dueDateExpression(start: SQL, unit: SQL, value: SQL, dueAt: SQL): SQL {
  const day = sql`(${start} at time zone 'Asia/Ho_Chi_Minh')::date`;
  const n = sql`floor(${value})::int`;
  return sql`case
    when ${start} is null or ${unit} is null or ${value} is null then null
    when ${unit} = 'working_day' and ${n} = 0 then ${day}
    when ${unit} = 'working_day' then (select w.day from work_days w
      where w.working and w.ord = (select s.ord from work_days s where s.day = ${day}) + ${n})
    else (${dueAt} at time zone 'Asia/Ho_Chi_Minh')::date
  end`;
}

/**
 * What each handling step keeps beside what was sent, maintained on write with the
 * dossier's facts so that the process view reads one index, not a window over every step
 * of its dossiers (issue #24, item 7; the pure rules: `heldSteps` in lib/method/steps.ts):
 * - held_from: S.1.3, where it was held from;
 * - held_days: S.1.4, working days held (METHOD §A.4's count; null outside the calendar);
 * - late: S.1.5, ended after its own deadline (null without one);
 * - unit_code, procedure_code: its dossier's, for the scope and filters (S.2.2).
 */
export const STEP_DERIVED_COLUMNS = ["held_from", "held_days", "late", "unit_code", "procedure_code"] as const;

const TZ_SQL = sql.raw(`'Asia/Ho_Chi_Minh'`);
const localDay = (t: SQL) => sql`(${t} at time zone ${TZ_SQL})::date`;
const ordOf = (day: SQL) => sql`(select w.ord from work_days w where w.day = ${day})`;

/**
 * STEP_DERIVED_COLUMNS over `src`, a query of steps with the columns province_code,
 * dossier_id, status, at, started_at, step_due_at, previous_at (the previous handling
 * step's end in S.1.1's order), dossier_start (METHOD §A.3), unit_code and procedure_code;
 * every column of `src` passes through. Status 1 is no handling step (S.1.1): null facts.
 */
function stepDerived(src: SQL): SQL {
  return sql`
    select h.*,
      ${ordOf(localDay(sql`h.at`))} - ${ordOf(localDay(sql`h.held_from`))} as held_days,
      -- S.1.5: a deadline at 00:00:00 local is the end of that day.
      case when h.status <> ${STATUS.SUBMITTED} then h.at > case
        when h.step_due_at = ${localDay(sql`h.step_due_at`)}::timestamp at time zone ${TZ_SQL}
          then (${localDay(sql`h.step_due_at`)} + 1)::timestamp at time zone ${TZ_SQL} - interval '1 millisecond'
        else h.step_due_at end end as late
    from (
      select r.*,
        -- S.1.3: NgayBatDau when not after the end; else the previous step's end; else the
        -- dossier's start; [decision] never after the step's own end.
        case when r.status = ${STATUS.SUBMITTED} then null
          when r.started_at <= r.at then r.started_at
          else least(coalesce(r.previous_at, r.dossier_start, r.at), r.at) end as held_from
      from (${src}) r
    ) h`;
}

/** S.1.1's order of a dossier's handling steps (ties by status) over alias `s`; status 1 in a partition of its own. */
export const STEP_ORDER = sql`partition by s.province_code, s.dossier_id, s.status = ${STATUS.SUBMITTED} order by s.at, s.status`;

/**
 * Each step of the dossiers `where` selects (alias `d`) with STEP_DERIVED_COLUMNS
 * recomputed now from the stored steps and the dossier's stored facts: what the refresh
 * writes and `tthc verify` compares.
 */
export function stepsDerivedSql(where?: SQL): SQL {
  return stepDerived(sql`
    select s.province_code, s.dossier_id, s.status, s.at, s.started_at, s.step_due_at,
      lag(s.at) over (${STEP_ORDER}) as previous_at, d.start_at as dossier_start, d.unit_code, d.procedure_code
    from process_steps s join dossiers d on d.province_code = s.province_code and d.id = s.dossier_id
    ${where ? sql`where ${where}` : sql``}`);
}

/**
 * New steps with STEP_DERIVED_COLUMNS: `steps` yields rows with province_code, dossier_id,
 * status, at, started_at, step_due_at and whatever else passes through; each is derived
 * from these rows alone and its dossier, which is exact when they are all its steps.
 */
export function newStepsDerivedSql(steps: SQL): SQL {
  return stepDerived(sql`
    select s.*, lag(s.at) over (${STEP_ORDER}) as previous_at, d.start_at as dossier_start, d.unit_code, d.procedure_code
    from (${steps}) s join dossiers d on d.province_code = s.province_code and d.id = s.dossier_id`);
}

/** Stores STEP_DERIVED_COLUMNS (stepsDerivedSql) where they changed, for the dossiers `where` selects. */
export async function refreshSteps(orm: Orm, where?: SQL): Promise<void> {
  const set = STEP_DERIVED_COLUMNS.map((c) => `${c} = h.${c}`).join(", ");
  const changed = STEP_DERIVED_COLUMNS.map((c) => `t.${c} is distinct from h.${c}`).join(" or ");
  await orm.execute(sql`
    update process_steps t set ${sql.raw(set)} from (${stepsDerivedSql(where)}) h
    where t.province_code = h.province_code and t.dossier_id = h.dossier_id and t.status = h.status and t.at = h.at
      and (${sql.raw(changed)})`);
}

/** The columns of a dossier that are derived from its record, steps and catalogue (METHOD §A.2–A.4, METHOD-766 §2.1). */
export const DERIVED_COLUMNS = [
  "start_at",
  "start_source",
  "done_at",
  "closed_at",
  "closed_status",
  "due_at",
  "end766_at",
  "end766_status",
  "wait766_ms",
  "supplements766",
  "supp766_at",
  "last_event_at",
  "elapsed766_days",
] as const;

/**
 * §A.2–A.4 as a query yielding, per dossier (`province_code`, `id`), every column of
 * DERIVED_COLUMNS as recomputed from its steps now: start (NgayTiepNhan, else the
 * earliest event, NgayTuChoi included), the earliest Đã xử lý xong, the earliest other
 * terminal event with its status (ties broken by the lower code, as `historyOf` sorts),
 * and the due instant; beside them METHOD-766 §2.1's reading of every event.
 * `where` filters dossiers by alias `d`; without it, every dossier. The one definition
 * that the refresh writes and that `tthc verify` compares the stored facts with.
 */
export function derivedFactsSql(where?: SQL): SQL {
  return sql`
    with s as (
      select p.province_code, p.dossier_id,
        min(p.at) as first_at,
        min(p.at) filter (where p.status = ${statusSql(STATUS.DONE)}) as done_at,
        min(p.at) filter (where p.status in ${TERMINAL_OTHER}) as closed_at,
        (array_agg(p.status order by p.at, p.status) filter (where p.status in ${TERMINAL_OTHER}))[1] as closed_status
      from process_steps p
      ${where ? sql`where (p.province_code, p.dossier_id) in (select d.province_code, d.id from dossiers d where ${where})` : sql``}
      group by p.province_code, p.dossier_id
    ), x as (
      -- Joins between distributed tables include the province (docs/scale.md).
      select d.province_code, d.id, d.procedure_code,
        coalesce(d.received_at, least(s.first_at, d.refused_at)) as start_at,
        case when d.received_at is not null then 'received'
             when coalesce(s.first_at, d.refused_at) is not null then 'first_step' end as start_source,
        s.done_at,
        least(s.closed_at, d.refused_at) as closed_at,
        case when d.refused_at is not null and (s.closed_at is null or d.refused_at <= s.closed_at) then 3
             else s.closed_status end as closed_status,
        h7.end_at as end766_at, h7.end_status as end766_status, h7.waiting_ms as wait766_ms, h7.supplements as supplements766,
        h7.supplement_at as supp766_at, h7.last_at as last_event_at
      from dossiers d left join s on s.province_code = d.province_code and s.dossier_id = d.id
      -- METHOD-766 §2.1 over every event (verdict766-sql.ts).
      cross join lateral ${history766Sql(null)} h7
      ${where ? sql`where ${where}` : sql``}
    )
    select x.province_code, x.id, x.start_at, x.start_source, x.done_at, x.closed_at, x.closed_status,
      ${dueExpression(sql`x.start_at`, sql`p.deadline_unit`, sql`p.deadline_value`)} as due_at,
      x.end766_at, x.end766_status, x.wait766_ms, x.supplements766, x.supp766_at, x.last_event_at,
      ${elapsed766Days(sql`x`)} as elapsed766_days
    from x left join procedures p on p.code = x.procedure_code`;
}

/**
 * Writes the derived facts (derivedFactsSql) of the dossiers `where` selects, by alias `d`.
 * Under concurrent writers the caller holds the dossiers' row locks (write-locks.ts) from
 * before it added their steps: this statement's snapshot, taken after the lock, then sees
 * the steps of every writer that held it before — no step is left out of the facts.
 */
export async function refreshDerived(orm: Orm, where?: SQL): Promise<void> {
  await orm.execute(sql`
    with f as (${derivedFactsSql(where)})
    update dossiers t set ${sql.raw(DERIVED_COLUMNS.map((c) => `${c} = f.${c}`).join(", "))}, history766 = true
    from f where f.province_code = t.province_code and f.id = t.id`);
  // The steps read the start just written and every step the lock let in.
  await refreshSteps(orm, where);
}

/**
 * Recomputes only the due instant (a calendar or catalogue change). Returns the dossiers
 * whose deadline changed, as `province|id`.
 */
export async function refreshDue(orm: Orm, where?: SQL): Promise<string[]> {
  const result = await rows<{ k: string }>(
    orm,
    sql`
    with due as (
      select d.province_code, d.id, ${dueExpression(sql`d.start_at`, sql`p.deadline_unit`, sql`p.deadline_value`)} as due_at
      from dossiers d left join procedures p on p.code = d.procedure_code
      ${where ? sql`where ${where}` : sql``}
    )
    update dossiers t set due_at = due.due_at from due
    where due.province_code = t.province_code and due.id = t.id and t.due_at is distinct from due.due_at
    returning t.province_code || '|' || t.id as k`,
  );
  return result.map((r) => r.k);
}

/**
 * METHOD-766 §2.2's working days of a dossier (alias or row `r` with start_at, end766_at,
 * end766_status, wait766_ms): the stored fact the 766 rollup sums (db/migrations/0022's
 * `elapsed766_days`, the one spelling).
 */
export const elapsed766Days = (r: SQL) =>
  sql`elapsed766_days(${r}.start_at, ${r}.end766_at, ${r}.end766_status, ${r}.wait766_ms)`;

/**
 * Recomputes §2.2's working days (a calendar change) of the dossiers `where` selects, by
 * alias `d`; the update moves the 766 rollup's rows. Returns the dossiers that changed, as
 * `province|id`.
 */
export async function refreshElapsed766(orm: Orm, where?: SQL): Promise<string[]> {
  const result = await rows<{ k: string }>(
    orm,
    sql`
    update dossiers d set elapsed766_days = ${elapsed766Days(sql`d`)}
    where d.elapsed766_days is distinct from ${elapsed766Days(sql`d`)} ${where ? sql`and ${where}` : sql``}
    returning d.province_code || '|' || d.id as k`,
  );
  return result.map((r) => r.k);
}

/** Rebuilds the ancestor table of the unit tree (self at depth 0). */
export async function rebuildUnitClosure(orm: Orm): Promise<void> {
  await orm.execute(sql`delete from unit_closure`);
  await orm.execute(sql`
    insert into unit_closure (ancestor_code, descendant_code, depth)
    with recursive c(anc, des, depth) as (
      select code, code, 0 from units
      union all
      select c.anc, u.code, c.depth + 1 from c join units u on u.parent_code = c.des where c.depth < 16
    )
    select anc, des, min(depth) from c group by anc, des`);
}
