/**
 * What an open dossier is worth to its unit now (issue #25, "Cần ưu tiên"): the change of
 * the unit's period figures between finishing it by its due instant and finishing it late,
 * read at the period's end — METHOD §A.5's on-time rate (percentage points) and
 * METHOD-766 §2.1's points. Pure: the engine brings the unit's counts and the dossier's
 * standing.
 *
 * [decision] A dossier is worth something in a period only while it can still change the
 * period's figure: it is within its deadline now, and its due instant falls on or before
 * the period's end. One already overdue is counted overdue whatever happens (METHOD §A.4);
 * one due after the period's end is "within" at the period's end however it finishes, and
 * is worth its points in the next period instead. The engine reads this over the open
 * dossiers as a set (`atStakeSql`, lib/engine/worklist.ts), held to `atStake` by a test.
 */
import { rate } from "./rates";
import { INDICATORS } from "./i766/points";
import { pointsFor, type Index766 } from "./i766/score";

export interface OnTimeCounts {
  population: number;
  /** On time and within the deadline: the numerator of §A.5 (METHOD) or §2.1 (766). */
  timely: number;
}

/** Whether finishing late would still change the period's figure (see the [decision] above). */
export function atStake(now: Date, dueAt: Date | null, periodEnd: Date): boolean {
  return dueAt !== null && dueAt.getTime() >= now.getTime() && dueAt.getTime() <= periodEnd.getTime();
}

/**
 * METHOD §A.5: finishing late moves the dossier from "within" to "late", one fewer in the
 * numerator; finishing on time moves it to "on time", no change. Percentage points.
 */
export function onTimeWorth(c: OnTimeCounts): number {
  if (c.population <= 0 || c.timely <= 0) return 0;
  return rate(c.timely, c.population)! - rate(c.timely - 1, c.population)!;
}

/** METHOD-766 §2.1 (§0.1's points, M 20, T 100 %): the points one late dossier costs. */
export function points21Worth(c: OnTimeCounts): number {
  if (c.population <= 0 || c.timely <= 0) return 0;
  const { max, threshold } = INDICATORS["2.1"];
  const at = (n: number) => pointsFor((n / c.population) * 100, max, threshold);
  return at(c.timely) - at(c.timely - 1);
}

/** A figure at the period's end as a range: `low` if every dossier at stake ends late, `high` if each ends by its due instant. */
export interface Forecast {
  low: number | null;
  high: number | null;
}

/**
 * METHOD §A.5 at the period's end (issue #25, the period-end forecast), for the dossiers
 * counted now: the overdue stay late either way, those at stake (`atStake`) end on time or
 * late. [decision] Dossiers not yet received are not guessed at: the range is of what the
 * portal holds.
 */
export function onTimeForecast(c: OnTimeCounts, atStake: number): Forecast {
  return { low: rate(c.timely - atStake, c.population), high: rate(c.timely, c.population) };
}

/**
 * METHOD-766's total at the period's end, the same way. A dossier that ends late leaves
 * 2.1's numerator and 5.4's (kept: on time, not rated dissatisfied, not named by a PAKN);
 * [decision] each at-stake dossier is taken to be counted in 5.4 now, as one that is on
 * time and has no complaint is. The denominators stay, and the total is the applicable
 * points out of their maximum, rescaled to 100 (§0.2).
 */
export function total766Forecast(index: Index766, atStake: number): Forecast {
  if (index.total === null) return { low: null, high: null };
  let lost = 0;
  for (const id of ["2.1", "5.4"] as const) {
    const s = index.groups[INDICATORS[id].group].indicators[id];
    if (!s || s.score === null || !s.denominator || s.numerator === null) continue;
    const { max, threshold } = INDICATORS[id];
    lost += s.score - pointsFor((Math.max(0, s.numerator - atStake) / s.denominator) * 100, max, threshold);
  }
  return { low: index.total - (lost * 100) / index.max, high: index.total };
}
