/**
 * METHOD-766 §0 — scoring: an indicator's points from its ratio (§0.1), indicators that
 * do not apply leaving the maximum (§0.2), the rating of the total (§0.3) and
 * competition ranks within a tier (§0.4). Exact numbers; display rounds.
 */
import { GROUPS, INDICATORS, INDICATOR_IDS, type GroupId, type IndicatorId } from "./points";
import type { Movement766 } from "./movement";

/** METHOD-766 §0.4: the kinds of unit ranked, each among the siblings of one parent. */
export const RANKED_KINDS = ["so_nganh", "xa", "huyen"] as const;
export type RankedKind = (typeof RANKED_KINDS)[number];

/** What an indicator counted: `applicable` false when its denominator is 0 or its data absent (§0.2). */
export interface Counted {
  numerator: number | null;
  denominator: number | null;
  /** The ratio when it is not numerator ÷ denominator (3.3 carries the sync factor; 1.4 is capped). */
  ratio?: number | null;
  /** False when the columns it reads are absent (§6), whatever the counts. */
  present?: boolean;
}

export interface IndicatorScore {
  ratio: number | null;
  numerator: number | null;
  denominator: number | null;
  score: number | null;
  max: number;
  threshold: number;
  applicable: boolean;
}

/** §0.1: M when r ≥ T, else r × M ÷ T. */
export const pointsFor = (ratio: number, max: number, threshold: number) =>
  ratio >= threshold ? max : (ratio * max) / threshold;

export function scoreIndicator(id: IndicatorId, c: Counted): IndicatorScore {
  const { max, threshold } = INDICATORS[id];
  const applicable = c.present !== false && c.denominator !== null && c.denominator > 0;
  const ratio = !applicable ? null : c.ratio !== undefined ? c.ratio : (c.numerator! / c.denominator!) * 100;
  return {
    ratio,
    numerator: c.numerator,
    denominator: c.denominator,
    score: ratio === null ? null : pointsFor(ratio, max, threshold),
    max,
    threshold,
    applicable: ratio !== null,
  };
}

/** §0.3's ratings, best first (their colours: lib/ui/colors.ts). */
export const RATINGS = [
  { key: "xuat_sac", label: "Xuất sắc", from: 90 },
  { key: "tot", label: "Tốt", from: 80 },
  { key: "kha", label: "Khá", from: 70 },
  { key: "trung_binh", label: "Trung bình", from: 50 },
  { key: "yeu", label: "Yếu", from: -Infinity },
] as const;
export type Rating = (typeof RATINGS)[number]["key"];

/** A rating's word (null without a rating). */
export const ratingLabel = (rating: Rating | null) => RATINGS.find((r) => r.key === rating)?.label ?? null;

/** §0.3: the rating of an exact total (null without a total). */
export function ratingOf(total: number | null): Rating | null {
  if (total === null) return null;
  return RATINGS.find((r) => total >= r.from)!.key;
}

export interface Index766 {
  total: number | null;
  rating: Rating | null;
  /** Σ M of the applicable indicators: what the total is out of before rescaling to 100 (§0.2). */
  max: number;
  rank: { position: number; of: number; tier: RankedKind } | null;
  groups: Record<
    GroupId,
    { score: number | null; max: number; indicators: Partial<Record<IndicatorId, IndicatorScore>> }
  >;
  /** Against the previous period of the same kind (movement.ts); set by the engine's `scorecard`. */
  change?: Movement766 | null;
}

/** §7, by = procedure: only §2.2's average processing time, in the procedure's deadline unit. */
export interface ProcedureIndex766 {
  averageTime: { value: number | null; unit: TimeUnit766; dossiers: number };
}

/** A row's index as a unit's (by = all, agency, area), or null (by = procedure, or no 766 profile). */
export const unitIndex = (x: Index766 | ProcedureIndex766 | undefined): Index766 | null =>
  x && "groups" in x ? x : null;

/** §0.2: the groups and the total from every indicator's counts (absent ones do not apply). */
export function index766(counts: Partial<Record<IndicatorId, Counted>>): Index766 {
  const groups = Object.fromEntries(
    (Object.keys(GROUPS) as GroupId[]).map((g) => [
      g,
      { score: null as number | null, max: 0, indicators: {} as Partial<Record<IndicatorId, IndicatorScore>> },
    ]),
  ) as Index766["groups"];
  let scored = 0;
  let max = 0;
  for (const id of INDICATOR_IDS) {
    const s = scoreIndicator(id, counts[id] ?? { numerator: null, denominator: null, present: false });
    const g = groups[INDICATORS[id].group];
    g.indicators[id] = s;
    if (s.score === null) continue;
    g.score = (g.score ?? 0) + s.score;
    g.max += s.max;
    scored += s.score;
    max += s.max;
  }
  const total = max === 0 ? null : (scored / max) * 100;
  return { total, rating: ratingOf(total), max, rank: null, groups };
}

/** §0.4: competition ranks (1, 1, 3) on the exact total; units without a total are neither ranked nor counted. */
export function competitionRanks<T extends { key: string; total: number | null }>(
  tier: T[],
): Map<string, { position: number; of: number }> {
  const ranked = tier.filter((u) => u.total !== null);
  return new Map(
    ranked.map((u) => [u.key, { position: 1 + ranked.filter((o) => o.total! > u.total!).length, of: ranked.length }]),
  );
}

/** The points an indicator would gain by reaching its threshold (what an agency is shown first). */
export function gainAtThreshold(s: IndicatorScore): number {
  return s.score === null ? 0 : s.max - s.score;
}

/**
 * §2.2's unit of the average time: `hours` for a deadline in hours, `working_days` for one
 * in working days, else `days` (real duration ÷ 24 h: days, months, years, and a procedure
 * without a stated deadline, as processingTime766 counts them).
 */
export const TIME_UNITS_766 = ["hours", "working_days", "days"] as const;
export type TimeUnit766 = (typeof TIME_UNITS_766)[number];
export const timeUnit766 = (deadlineUnit: string | null): TimeUnit766 =>
  deadlineUnit === "hour" ? "hours" : deadlineUnit === "working_day" ? "working_days" : "days";
export const TIME_UNIT_766_LABELS: Record<TimeUnit766, string> = {
  hours: "giờ",
  working_days: "ngày làm việc",
  days: "ngày",
};
