/**
 * METHOD-766 §0.4–§0.5, §3: the weekly movement the provinces steer by, and the national
 * layout of the ranking. Pure: both indexes are computed by the engine, here they are
 * only compared and regrouped.
 */
import { GROUPS, INDICATORS, type GroupId, type IndicatorId } from "./points";
import type { Index766 } from "./score";

const GROUP_IDS = Object.keys(GROUPS) as GroupId[];

/**
 * A unit's index against the previous period of the same kind (§0.5), as of that period's
 * end. Points are exact differences (now − before); `rank` is the places moved up
 * (before − now: positive climbed, negative fell). A figure missing on either side (no
 * total, not ranked, a group not applicable) has no movement: null.
 */
export interface Movement766 {
  previous: { from: string; to: string };
  total: number | null;
  rank: number | null;
  groups: Record<GroupId, number | null>;
}

const delta = (now: number | null | undefined, before: number | null | undefined) =>
  now == null || before == null ? null : now - before;

export function movement766(now: Index766, before: Index766 | null, previous: { from: string; to: string }): Movement766 {
  // A rank moves only within the same tier of peers (a unit that changed tier has no move).
  const sameTier = now.rank && before?.rank && now.rank.tier === before.rank.tier;
  return {
    previous,
    total: delta(now.total, before?.total),
    rank: sameTier ? before!.rank!.position - now.rank!.position : null,
    groups: Object.fromEntries(GROUP_IDS.map((g) => [g, delta(now.groups[g].score, before?.groups[g].score)])) as Record<GroupId, number | null>,
  };
}

/**
 * §3: the national page shows group 3 as two columns — DVCTT (3.1–3.3, 12 points) and
 * thanh toán (3.4–3.6, 10 points) — beside groups 1, 2, 4 and 5.
 */
export const NATIONAL_COLUMNS: ReadonlyArray<{ key: string; label: string; max: number; indicators: readonly IndicatorId[] }> = [
  { key: "1", label: `1. ${GROUPS["1"].name}`, max: GROUPS["1"].max, indicators: ["1.1", "1.2", "1.3", "1.4"] },
  { key: "2", label: `2. ${GROUPS["2"].name}`, max: GROUPS["2"].max, indicators: ["2.1"] },
  { key: "3a", label: "3. Dịch vụ công trực tuyến", max: 12, indicators: ["3.1", "3.2", "3.3"] },
  { key: "3b", label: "3. Thanh toán trực tuyến", max: 10, indicators: ["3.4", "3.5", "3.6"] },
  { key: "4", label: `4. ${GROUPS["4"].name}`, max: GROUPS["4"].max, indicators: ["4.1", "4.2", "4.3", "4.4", "4.5"] },
  { key: "5", label: `5. ${GROUPS["5"].name}`, max: GROUPS["5"].max, indicators: ["5.2", "5.3", "5.4"] },
];

/** A column's points and the maximum that applies to the unit (§0.2); score null when none applies. */
export function columnScore(index: Index766, indicators: readonly IndicatorId[]): { score: number | null; max: number } {
  let score: number | null = null;
  let max = 0;
  for (const id of indicators) {
    const s = index.groups[INDICATORS[id].group].indicators[id];
    if (!s || s.score === null) continue;
    score = (score ?? 0) + s.score;
    max += s.max;
  }
  return { score, max };
}
