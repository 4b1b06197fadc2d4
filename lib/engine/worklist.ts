/**
 * "Cần ưu tiên" (issue #25): the open dossiers of a scope now, with the instant each is
 * due, the working time left (or how long overdue), and what finishing it late would cost
 * its unit in the period that contains today — METHOD §A.5's on-time rate and
 * METHOD-766 §2.1's points (lib/method/worth.ts). The unit's counts are the scorecard's
 * (the same figures its pages show), so the worth is the difference the scorecard would
 * show; a test finishes dossiers both ways and compares.
 */
import { sql, type SQL } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import { periodJson, type Period } from "@/lib/method/period";
import { formatLocalInstant, localDate } from "@/lib/method/time";
import { STATUS } from "@/lib/method/status";
import { UNNAMED, who } from "@/lib/method/steps";
import { unitIndex } from "@/lib/method/i766/score";
import { onTimeForecast, onTimeWorth, points21Worth, total766Forecast, type Forecast } from "@/lib/method/worth";
import { loadCalendar } from "./explain";
import { scorecard } from "./scorecard";
import { recent } from "./scorecard-cache";
import { epochMs, inScope, inUnitFilter, instant, type Scope, statusSql } from "./sql-util";
import { openAt } from "./verdict-sql";
import { dossierVerdict766 } from "./verdict766-sql";

export interface WorklistQuery {
  /** The period the worth is read in: it contains `now` (the current week, month…). */
  period: Period;
  scope: Scope;
  filter?: { unit?: string; procedure?: string; department?: string };
  limit?: number;
}

export interface WorklistItem {
  code: string;
  unit: { code: string; name: string | null };
  procedure: { code: string | null; name: string | null };
  /** The department holding it: the last handling step's (METHOD-STEPS S.1.2's key and name). */
  department: { key: string; name: string };
  startMs: number | null;
  /** METHOD §A.4's due instant (null: no start, or no deadline in the catalogue). */
  dueMs: number | null;
  overdue: boolean;
  /** Not overdue, and due by the period's end: what finishing it late would cost the period. */
  dueInPeriod: boolean;
  /** Milliseconds to the due instant (negative: overdue by). */
  leftMs: number | null;
  /** Working days from today to the due date (METHOD §A.4's count; negative: overdue by). */
  leftWorkingDays: number | null;
  /** METHOD §A.5: percentage points of the unit's rate lost by finishing it late in the period. */
  worthRate: number;
  /** METHOD-766 §2.1: points of the unit's 2.1 lost by finishing it late in the period (its own due instant). */
  worthPoints766: number;
}

export interface Worklist {
  /** The departments holding the scope's open dossiers (before the department filter), the busiest first. */
  departments: Array<{ key: string; name: string; count: number }>;
  /** Open dossiers of the scope (with the filters), of which `items` shows the first `limit`. */
  total: number;
  overdue: number;
  atStake: number;
  items: WorklistItem[];
}

interface OpenRow {
  code: string;
  unit_code: string;
  unit_name: string | null;
  procedure_code: string | null;
  procedure_name: string | null;
  department: string | null;
  start_ms: number | null;
  due_ms: number | null;
  at_stake: boolean;
  at_stake766: boolean;
}

/**
 * [decision] A dossier is worth something in a period only while finishing it late can
 * still change the period's figure: it is within its deadline now, and its due instant
 * falls on or before the period's end: `atStake` of lib/method/worth.ts as a set, held to
 * it by a test. For METHOD §A.4 by its due instant; for METHOD-766 §2.1 by its own, and
 * only while it stands within its deadline there.
 */
function atStakeSql(period: Period): { method: SQL; i766: SQL } {
  const within = (due: SQL) => sql`(${due} >= ${instant(period.asOf)} and ${due} <= ${instant(period.endAt)})`;
  return {
    method: sql`coalesce(${within(sql`d.due_at`)}, false)`,
    i766: sql`coalesce(v7.pop and not v7.finished and v7.ok and ${within(sql`v7.due_at`)}, false)`,
  };
}

/**
 * METHOD §A.1–A.4 as of now: the dossiers open now with their 766 standing (`v7`). Every
 * dossier open now (as the early warnings read them), whatever the period: the period only
 * weighs what finishing each is worth.
 */
function openFrom(q: WorklistQuery, joins = sql``): SQL {
  return sql`from dossiers d
      cross join lateral ${dossierVerdict766(q.period, { stored: true })} v7 ${joins}
    where ${openAt(q.period.asOf)}
      and ${inScope(sql`d.unit_code`, q.scope)} and ${inUnitFilter(sql`d.unit_code`, q.filter?.unit)}
      ${q.filter?.procedure ? sql`and d.procedure_code = ${q.filter.procedure}` : sql``}`;
}

async function openDossiers(orm: Orm, q: WorklistQuery): Promise<OpenRow[]> {
  const { period } = q;
  const stake = atStakeSql(period);
  return rows<OpenRow>(
    orm,
    sql`
    select d.code, d.unit_code, u.name as unit_name, d.procedure_code, p.name as procedure_name,
      (select s.department from process_steps s where s.province_code = d.province_code and s.dossier_id = d.id
        and s.status <> ${statusSql(STATUS.SUBMITTED)} and s.at <= ${instant(period.asOf)} order by s.at desc, s.status desc limit 1) as department,
      ${epochMs(sql`d.start_at`)} as start_ms, ${epochMs(sql`d.due_at`)} as due_ms,
      ${stake.method} as at_stake, ${stake.i766} as at_stake766
    ${openFrom(q, sql`left join units u on u.code = d.unit_code left join procedures p on p.code = d.procedure_code`)}`,
  );
}

/** How many open dossiers are at stake in the period (the forecast needs no more than the count). */
async function atStakeCounts(orm: Orm, q: WorklistQuery): Promise<{ atStake: number; atStake766: number }> {
  const stake = atStakeSql(q.period);
  const [r] = await rows<{ at_stake: number; at_stake766: number }>(
    orm,
    sql`select count(*) filter (where ${stake.method})::int as at_stake,
      count(*) filter (where ${stake.i766})::int as at_stake766
    ${openFrom(q)}`,
  );
  return { atStake: r.at_stake, atStake766: r.at_stake766 };
}

export async function worklist(orm: Orm, q: WorklistQuery): Promise<Worklist> {
  const now = q.period.asOf;
  const [open, card, cal] = await Promise.all([
    openDossiers(orm, q),
    scorecard(
      orm,
      {
        period: q.period,
        by: "agency",
        scope: q.scope,
        filter: { unit: q.filter?.unit },
        profile: "766",
      },
      { movement: false },
    ),
    loadCalendar(orm),
  ]);
  const units = new Map(card.rows.map((r) => [r.key, r]));
  const today = localDate(now);
  // The calendar walks the days (METHOD §A.4 as the text reads): once per due day here, not
  // once per dossier (30,000 open in a province of 1,000,000 dossiers a year: 1.7 s).
  const left = new Map<string, number>();
  const workingDaysLeft = (dueDay: string) => {
    let n = left.get(dueDay);
    if (n === undefined) {
      n = dueDay >= today ? cal.workingDaysBetween(today, dueDay) : -cal.workingDaysBetween(dueDay, today);
      left.set(dueDay, n);
    }
    return n;
  };
  const wanted = q.filter?.department === undefined ? null : departmentKey(q.filter.department);
  const all = open
    .map((r): WorklistItem => {
      const unit = units.get(r.unit_code);
      const due = r.due_ms == null ? null : new Date(Number(r.due_ms));
      const i21 = unitIndex(unit?.index766)?.groups["2"].indicators["2.1"];
      const dueDay = due && localDate(due);
      return {
        code: r.code,
        unit: { code: r.unit_code, name: r.unit_name },
        procedure: { code: r.procedure_code, name: r.procedure_name },
        department: who(r.department, "department"),
        startMs: r.start_ms == null ? null : Number(r.start_ms),
        dueMs: due && due.getTime(),
        // No start or no deadline: counted overdue (METHOD §A.3, §A.4 [decision]).
        overdue: !due || due.getTime() < now.getTime(),
        dueInPeriod: r.at_stake,
        leftMs: due && due.getTime() - now.getTime(),
        leftWorkingDays: dueDay === null ? null : workingDaysLeft(dueDay),
        worthRate:
          unit && r.at_stake
            ? onTimeWorth({
                population: unit.onTime.population,
                timely: unit.onTime.onTime + unit.onTime.withinDeadline,
              })
            : 0,
        worthPoints766:
          i21 && r.at_stake766 && i21.denominator
            ? points21Worth({ population: i21.denominator, timely: i21.numerator ?? 0 })
            : 0,
      };
    })
    .sort(byPriority);
  const items = all.filter((x) => wanted === null || x.department.key === wanted);
  const departments = new Map<string, { key: string; name: string; count: number }>();
  for (const x of all) {
    const d = departments.get(x.department.key) ?? { ...x.department, count: 0 };
    d.count++;
    departments.set(d.key, d);
  }
  return {
    departments: [...departments.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "vi")),
    total: items.length,
    overdue: items.filter((x) => x.overdue).length,
    atStake: items.filter((x) => x.dueInPeriod).length,
    items: items.slice(0, q.limit ?? 200),
  };
}

export interface PeriodEndForecast {
  period: Period;
  /** Open dossiers within their deadline and due by the period's end (METHOD §A; 766 §2.1 by its own due instant). */
  atStake: number;
  atStake766: number;
  /** METHOD §A.5's rate at the period's end, and the 766 total (lib/method/worth.ts). */
  onTime: Forecast;
  total766: Forecast;
}

/**
 * The period-end forecast (issue #25, item 2) of a unit (or the whole scope): its figures
 * now, and what they become if every dossier at stake ends late — the range a leader
 * steers by. Dossiers not yet received are not guessed at.
 */
export async function periodEndForecast(
  orm: Orm,
  q: { period: Period; scope: Scope; unit?: string },
): Promise<PeriodEndForecast> {
  const compute = () => computeForecast(orm, q);
  if (q.period.asOf.getTime() >= q.period.endAt.getTime()) return compute();
  const key = { forecast: true, from: q.period.from, to: q.period.to, scope: q.scope, unit: q.unit ?? null };
  return recent(orm, JSON.stringify(key), FORECAST_MAX_AGE_MS, compute, q.period.asOf.getTime());
}

/**
 * [decision] The forecast is a projection, not a METHOD figure: it may be up to a minute
 * old, and says when it was computed (its period's as-of instant). Computed again on
 * every write, it cost the whole scope's 766 index twice (week and month, ~0.3–0.45 s
 * each at 1,000,000 dossiers) for each sync a one-stop system sends; a minute changes
 * nothing a leader steers by.
 */
export const FORECAST_MAX_AGE_MS = 60_000;

async function computeForecast(
  orm: Orm,
  q: { period: Period; scope: Scope; unit?: string },
): Promise<PeriodEndForecast> {
  const [{ atStake, atStake766 }, card] = await Promise.all([
    atStakeCounts(orm, { period: q.period, scope: q.scope, filter: { unit: q.unit } }),
    scorecard(
      orm,
      {
        period: q.period,
        by: q.unit ? "agency" : "all",
        scope: q.scope,
        filter: { unit: q.unit },
        profile: "766",
      },
      { movement: false },
    ),
  ]);
  const row = q.unit ? card.rows.find((r) => r.key === q.unit) : card.rows[0];
  const index = unitIndex(row?.index766);
  return {
    period: q.period,
    atStake,
    atStake766,
    onTime: row
      ? onTimeForecast(
          { population: row.onTime.population, timely: row.onTime.onTime + row.onTime.withinDeadline },
          atStake,
        )
      : { low: null, high: null },
    total766: index ? total766Forecast(index, atStake766) : { low: null, high: null },
  };
}

/** The API's body (GET /api/v1/worklist), which `tthc worklist --json` prints too. */
export function worklistJson(period: Period, list: Worklist) {
  const at = (ms: number | null) => (ms === null ? null : formatLocalInstant(new Date(ms)));
  return {
    period: periodJson(period),
    total: list.total,
    overdue: list.overdue,
    atStake: list.atStake,
    items: list.items.map((x) => ({
      code: x.code,
      unit: x.unit,
      procedure: x.procedure,
      department: x.department,
      start: at(x.startMs),
      dueAt: at(x.dueMs),
      overdue: x.overdue,
      dueInPeriod: x.dueInPeriod,
      leftMinutes: x.leftMs === null ? null : Math.trunc(x.leftMs / 60_000),
      leftWorkingDays: x.leftWorkingDays,
      worth: { rate: x.worthRate, points766: x.worthPoints766 },
    })),
  };
}

/** A department filter as the folded key (S.1.2); "Chưa xác định" names the unnamed ones. */
function departmentKey(raw: string): string {
  const k = who(raw, "department");
  return k.key === who(UNNAMED, "department").key ? "" : k.key;
}

/** The three parts of the list, in order: due in the period, overdue, due after the period. */
const partOf = (x: WorklistItem) => (x.overdue ? 1 : x.dueInPeriod ? 0 : 2);

/**
 * [decision] What can still be saved in the period comes first: dossiers due by its end,
 * by the time left, then by worth (rate, then 766 points); then the overdue, the most
 * recently overdue first — still to finish, their points in the period already lost; then
 * those due after the period, by the time left.
 */
export function byPriority(a: WorklistItem, b: WorklistItem): number {
  const part = partOf(a) - partOf(b);
  if (part !== 0) return part;
  if (a.overdue) return (b.leftMs ?? -Infinity) - (a.leftMs ?? -Infinity) || a.code.localeCompare(b.code);
  return (
    a.leftMs! - b.leftMs! ||
    b.worthRate - a.worthRate ||
    b.worthPoints766 - a.worthPoints766 ||
    a.code.localeCompare(b.code)
  );
}
