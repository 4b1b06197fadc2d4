/**
 * METHOD §0.6 in the database: the exceptions are rows an administrator edits; the
 * `work_days` table materialises them with a running working-day ordinal so that the
 * working-day deadline of §A.4 is one index lookup per dossier.
 */
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import { builtinExceptions, CALENDAR_YEARS, type CalendarException } from "@/lib/method/calendar";
import { STATUS } from "@/lib/method/status";
import { refreshDue, refreshElapsed766, refreshSteps } from "./derive-sql";
import { statusSql, textList } from "./sql-util";
import { referenceChange } from "./write-locks";

/** The dossiers with a §2.2 time (METHOD-766: finished with 9 or 10). */
const FINISHED_766 = sql`d.end766_status in ${statusSql(STATUS.DONE, STATUS.RETURNED)} and d.start_at is not null`;

/** Loads the built-in calendar (announced schedules, Labour Code defaults) into an empty table. */
export async function ensureBuiltinCalendar(orm: Orm): Promise<void> {
  const [{ n }] = await rows<{ n: number }>(orm, sql`select count(*)::int as n from calendar_exceptions`);
  if (n > 0) {
    const [{ w }] = await rows<{ w: number }>(orm, sql`select count(*)::int as w from work_days`);
    // Rebuilt as after a change: the facts derived while it was empty read no working day.
    if (w === 0) await referenceChange(orm, recomputeCalendarFacts);
    return;
  }
  await replaceExceptions(orm, builtinExceptions(CALENDAR_YEARS.from, CALENDAR_YEARS.to), true);
}

/** Replaces the whole list of exceptions (a data folder's lich.csv is the whole list). */
export async function replaceExceptions(orm: Orm, list: CalendarException[], builtin = false): Promise<void> {
  // One change of reference data: no reader sees the calendar half rebuilt, no writer derives a deadline from it (write-locks.ts).
  await referenceChange(orm, async (tx) => {
    await tx.execute(sql`delete from calendar_exceptions`);
    await insertExceptions(tx, list, builtin);
    await recomputeCalendarFacts(tx);
  });
}

/** Rebuilds `work_days` and every fact read from it: due instants, steps' working days, §2.2's working days. */
async function recomputeCalendarFacts(orm: Orm): Promise<void> {
  await rebuildWorkDays(orm);
  await refreshDue(orm);
  await refreshSteps(orm);
  await refreshElapsed766(orm, FINISHED_766);
}

async function insertExceptions(orm: Orm, list: CalendarException[], builtin: boolean) {
  if (list.length === 0) return;
  const json = JSON.stringify(list.map((e) => ({ ...e, source: e.source ?? null, builtin })));
  await orm.execute(sql`
    insert into calendar_exceptions (day, kind, name, source, builtin)
    select day, kind, name, source, builtin
    from jsonb_to_recordset(${json}::jsonb) as x(day date, kind text, name text, source text, builtin boolean)
    on conflict (day) do update set kind = excluded.kind, name = excluded.name, source = excluded.source,
      builtin = excluded.builtin`);
}

/**
 * An administrator's change to some days (add/replace, or remove with `kind: null`).
 * METHOD §0.6: the change re-evaluates every dossier whose deadline or METHOD-766 §2.2
 * time it touches. Returns how many dossiers were re-evaluated.
 */
export async function changeExceptions(
  orm: Orm,
  changes: Array<{ day: string; kind: "off" | "makeup" | null; name?: string; source?: string | null }>,
): Promise<number> {
  if (changes.length === 0) return 0;
  return referenceChange(orm, (tx) => applyExceptionChanges(tx, changes));
}

async function applyExceptionChanges(
  orm: Orm,
  changes: Array<{ day: string; kind: "off" | "makeup" | null; name?: string; source?: string | null }>,
): Promise<number> {
  const removed = changes.filter((c) => c.kind === null).map((c) => c.day);
  const upserts = changes.filter((c) => c.kind !== null) as CalendarException[];
  if (removed.length) {
    await orm.execute(sql`delete from calendar_exceptions where day::text in ${textList(removed)}`);
  }
  await insertExceptions(
    orm,
    upserts.map((c) => ({ ...c, name: c.name ?? "" })),
    false,
  );
  await rebuildWorkDays(orm);
  const days = changes.map((c) => c.day).sort();
  // A day X changes a working-day deadline exactly when start date < X ≤ due date + 1: the
  // deadline ends the day before the (N+1)-th working day, so that day counts too (before
  // or after the change, so the range is widened by the old due date).
  // METHOD-STEPS S.1.4: a step's working days change when a changed day lies after the day
  // it was held from and on or before the day it ended.
  await refreshSteps(
    orm,
    sql`exists (select 1 from process_steps p where p.province_code = d.province_code and p.dossier_id = d.id
        and (p.held_from at time zone 'Asia/Ho_Chi_Minh')::date < ${days[days.length - 1]}::date
        and (p.at at time zone 'Asia/Ho_Chi_Minh')::date >= ${days[0]}::date)`,
  );
  // METHOD-766 §2.2's working days (the same count, from the start to the shifted end).
  const elapsed = await refreshElapsed766(
    orm,
    sql`${FINISHED_766} and (d.start_at at time zone 'Asia/Ho_Chi_Minh')::date < ${days[days.length - 1]}::date
        and ((d.end766_at - coalesce(d.wait766_ms, 0) * interval '1 millisecond') at time zone 'Asia/Ho_Chi_Minh')::date >= ${days[0]}::date`,
  );
  const due = await refreshDue(
    orm,
    sql`d.start_at is not null and (d.start_at at time zone 'Asia/Ho_Chi_Minh')::date < ${days[days.length - 1]}::date
        and (d.due_at is null or (d.due_at at time zone 'Asia/Ho_Chi_Minh')::date >= ${days[0]}::date - 1)
        and d.procedure_code in (select code from procedures where deadline_unit = 'working_day')`,
  );
  // A dossier whose deadline and §2.2 time both moved is one re-evaluated dossier.
  return new Set([...due, ...elapsed]).size;
}

/** Rebuilds `work_days` for the calendar's span from the exceptions. */
export async function rebuildWorkDays(orm: Orm): Promise<void> {
  await orm.execute(sql`delete from work_days`);
  await orm.execute(sql`
    insert into work_days (day, working, ord)
    select day, working, sum(working::int) over (order by day)::int
    from (
      select g::date as day,
        case e.kind when 'makeup' then true when 'off' then false
          else extract(isodow from g) < 6 end as working
      from generate_series(${`${CALENDAR_YEARS.from}-01-01`}::date, ${`${CALENDAR_YEARS.to}-12-31`}::date, interval '1 day') g
      left join calendar_exceptions e on e.day = g::date
    ) days`);
}

export async function listExceptions(orm: Orm, year?: number) {
  return rows<{ day: string; kind: "off" | "makeup"; name: string; source: string | null; builtin: boolean }>(
    orm,
    sql`select day::text as day, kind, name, source, builtin from calendar_exceptions
        ${year ? sql`where extract(year from day) = ${year}` : sql``} order by day`,
  );
}
