/**
 * METHOD-766 §0.4–§0.5, §3: the weekly movement the provinces steer by, and the national
 * layout of the ranking. Pure: both indexes are computed by the engine, here they are
 * only compared and regrouped.
 */
import { GROUPS, INDICATORS, type GroupId, type IndicatorId } from "./points";
import type { Index766 } from "./score";
import { previousPeriod, type Period } from "../period";

const GROUP_IDS = Object.keys(GROUPS) as GroupId[];

/**
 * A unit's index against the previous period of the same kind (§0.5) — for a period still
 * running, against the same elapsed part of the previous one (`comparedPeriod`). Points are
 * exact differences (now − before); `rank` is the places climbed (before − now: positive
 * climbed, negative fell). [decision] No movement (null) where the two are not alike: a
 * figure missing on either side (no total, not ranked), a group whose applicable maximum
 * differs (17 of 18 then 6 of 6 is no fall of 11), or a previous period without a single
 * dossier counted (2.1 not applicable: its total stands on the catalogue alone).
 */
export interface Movement766 {
  /** The period compared with, and its as-of instant when it is not its end (a running period's same elapsed part). */
  previous: { from: string; to: string; asOf?: string };
  total: number | null;
  rank: number | null;
  groups: Record<GroupId, number | null>;
}

const delta = (now: number | null | undefined, before: number | null | undefined) =>
  now == null || before == null ? null : now - before;

export function movement766(
  now: Index766,
  before: Index766 | null,
  previous: { from: string; to: string; asOf?: string },
): Movement766 {
  const was = before && before.groups["2"].score !== null ? before : null;
  // A rank moves only within the same tier of peers (a unit that changed tier has no move).
  const sameTier = now.rank && was?.rank && now.rank.tier === was.rank.tier;
  return {
    previous,
    total: delta(now.total, was?.total),
    rank: sameTier ? was!.rank!.position - now.rank!.position : null,
    groups: Object.fromEntries(
      GROUP_IDS.map((g) => [
        g,
        was && was.groups[g].max === now.groups[g].max ? delta(now.groups[g].score, was.groups[g].score) : null,
      ]),
    ) as Record<GroupId, number | null>,
  };
}

/**
 * §0.5: what a period is compared with — the previous period of the same kind, judged as
 * of its end; for a period still running (as-of before its end), as of the same time
 * elapsed since its start (the first six days of December against the first six of
 * November), so that a week into a month is not set against a whole month.
 */
export function comparedPeriod(p: Period): Period {
  const previous = previousPeriod(p, p.asOf);
  if (p.asOf.getTime() >= p.endAt.getTime()) return previous;
  const asOf = new Date(
    Math.min(previous.endAt.getTime(), previous.startAt.getTime() + (p.asOf.getTime() - p.startAt.getTime())),
  );
  return { ...previous, asOf };
}

/**
 * §3: the national page shows group 3 as two columns — DVCTT (3.1–3.3, 12 points) and
 * thanh toán (3.4–3.6, 10 points) — beside groups 1, 2, 4 and 5.
 */
export const NATIONAL_COLUMNS: ReadonlyArray<{
  key: string;
  label: string;
  max: number;
  indicators: readonly IndicatorId[];
}> = [
  { key: "1", label: `1. ${GROUPS["1"].name}`, max: GROUPS["1"].max, indicators: ["1.1", "1.2", "1.3", "1.4"] },
  { key: "2", label: `2. ${GROUPS["2"].name}`, max: GROUPS["2"].max, indicators: ["2.1"] },
  { key: "3a", label: "3. Dịch vụ công trực tuyến", max: 12, indicators: ["3.1", "3.2", "3.3"] },
  { key: "3b", label: "3. Thanh toán trực tuyến", max: 10, indicators: ["3.4", "3.5", "3.6"] },
  { key: "4", label: `4. ${GROUPS["4"].name}`, max: GROUPS["4"].max, indicators: ["4.1", "4.2", "4.3", "4.4", "4.5"] },
  { key: "5", label: `5. ${GROUPS["5"].name}`, max: GROUPS["5"].max, indicators: ["5.2", "5.3", "5.4"] },
];

/** A column's points and the maximum that applies to the unit (§0.2); score null when none applies. */
export function columnScore(
  index: Index766,
  indicators: readonly IndicatorId[],
): { score: number | null; max: number } {
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
