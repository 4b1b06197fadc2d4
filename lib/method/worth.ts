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
 * is worth its points in the next period instead.
 */
import { rate } from "./rates";
import { INDICATORS } from "./i766/points";
import { pointsFor } from "./i766/score";

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
