/**
 * The alerts about a unit rather than a dossier (issue #25): its on-time band (METHOD §A.5)
 * or 766 rating falling since the last evaluation, and the Monday digest — the unit's rank
 * and movement last week (METHOD-766 §0.4–§0.5), this week's forecast, the top of its
 * worklist and its slowest department (METHOD-STEPS). Each is an event for the inbox and
 * the outbox like the others (alerts.ts).
 */
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import type { Band } from "@/lib/method/bands";
import { RATINGS, unitIndex, type Rating } from "@/lib/method/i766/score";
import { isoWeek, periodAround, previousPeriod, type Period } from "@/lib/method/period";
import { formatCount, formatDateTime, formatPoints, formatRate } from "@/lib/format";
import { BAND_LABELS } from "@/lib/method/bands";
import { scorecard } from "./scorecard";
import { stepFiguresOf } from "./step-figures";
import type { Scope } from "./sql-util";
import { periodEndForecast, worklist } from "./worklist";

export interface UnitEvent {
  kind: "band_drop" | "digest";
  subject: string;
  event: string;
  title: string;
  body: string;
  href: string;
}

/**
 * What one evaluation pass has computed about a unit, by what it was computed for: many
 * subscribers of one unit share its standing and its digest, computed once per pass.
 */
export type UnitFigures = Map<string, Promise<unknown>>;
const once = <T>(memo: UnitFigures | undefined, key: unknown, f: () => Promise<T>): Promise<T> => {
  if (!memo) return f();
  const k = JSON.stringify(key);
  if (!memo.has(k)) memo.set(k, f());
  return memo.get(k) as Promise<T>;
};

/** Best first; white (no figure) is no standing at all. */
const BAND_RANK: Record<Band, number | null> = { green: 3, yellow: 2, orange: 1, red: 0, white: null };
const ratingRank = (r: Rating | null) => (r === null ? null : RATINGS.length - RATINGS.findIndex((x) => x.key === r));

/** The unit's band and rating in the current month, as its overview shows them. */
async function standingNow(orm: Orm, scope: Scope, unit: string, now: Date) {
  const period = periodAround("month", now);
  const card = await scorecard(orm, { period, by: "agency", scope, filter: { unit }, profile: "766" });
  const row = card.rows.find((r) => r.key === unit);
  return {
    period: period.from,
    name: row?.name ?? unit,
    band: (row?.onTime.band ?? "white") as Band,
    rating: unitIndex(row?.index766)?.rating ?? null,
  };
}

/**
 * [decision] A fall is read within one month: a new month starts with few dossiers and its
 * first figure becomes the baseline, not an alert. White (no figure) is neither.
 */
/** [decision] A unit's standing is looked at every 10 minutes at most: a band moves with many dossiers, not one. */
const STANDING_EVERY_MS = 10 * 60_000;

export async function bandDrop(
  orm: Orm,
  s: { userId: number; scope: Scope; unit: string },
  now: Date,
  memo?: UnitFigures,
): Promise<UnitEvent | null> {
  const [before] = await rows<{ period: string; band: Band | null; rating: Rating | null; at_ms: number }>(
    orm,
    sql`select period, band, rating, (extract(epoch from at) * 1000)::float8 as at_ms
        from alert_standing where user_id = ${s.userId}`,
  );
  if (before && Math.abs(now.getTime() - Number(before.at_ms)) < STANDING_EVERY_MS) return null;
  const cur = await once(memo, ["standing", s.scope, s.unit, periodAround("month", now).from], () =>
    standingNow(orm, s.scope, s.unit, now),
  );
  await orm.execute(sql`
    insert into alert_standing (user_id, period, band, rating, at)
    values (${s.userId}, ${cur.period}, ${cur.band}, ${cur.rating}, ${now.toISOString()}::timestamptz)
    on conflict (user_id) do update set period = excluded.period, band = excluded.band, rating = excluded.rating, at = excluded.at`);
  if (!before || before.period !== cur.period) return null;
  const fell = <T>(rank: (x: T) => number | null, was: T, is: T) => {
    const [a, b] = [rank(was), rank(is)];
    return a !== null && b !== null && b < a;
  };
  const bandFell = before.band !== null && fell((b: Band) => BAND_RANK[b], before.band, cur.band);
  const ratingFell = fell(ratingRank, before.rating, cur.rating);
  if (!bandFell && !ratingFell) return null;
  const label = (r: Rating | null) => RATINGS.find((x) => x.key === r)?.label ?? "—";
  const parts = [
    bandFell && `tỷ lệ đúng hạn từ mức ${BAND_LABELS[before.band!]} xuống ${BAND_LABELS[cur.band]}`,
    ratingFell && `chỉ số 766 từ "${label(before.rating)}" xuống "${label(cur.rating)}"`,
  ].filter(Boolean);
  return {
    kind: "band_drop",
    subject: s.unit,
    event: `${cur.period}:${cur.band}:${cur.rating ?? ""}`,
    title: `${cur.name}: ${parts.join("; ")}`,
    body: `Trong tháng ${cur.period.slice(5, 7)}/${cur.period.slice(0, 4)}, ${parts.join("; ")}. Xem các hồ sơ cần ưu tiên để giữ điểm.`,
    href: `/tong-quan?unit=${encodeURIComponent(s.unit)}`,
  };
}

/** [decision] The digest is made on Monday from 07:00 Vietnam time, once per ISO week. */
export const DIGEST_HOUR = 7;

export async function mondayDigest(
  orm: Orm,
  s: { userId: number; scope: Scope; unit: string },
  now: Date,
  memo?: UnitFigures,
): Promise<UnitEvent | null> {
  const local = new Date(now.getTime() + 7 * 3_600_000);
  if (local.getUTCDay() !== 1 || local.getUTCHours() < DIGEST_HOUR) return null;
  const week = periodAround("week", now);
  const last = previousPeriod(week, now);
  const w = isoWeek(week.from);
  const key = `${w.year}-W${String(w.week).padStart(2, "0")}`;
  // Made once: the rest of Monday's passes find it and compute nothing.
  const [made] = await rows<{ n: number }>(
    orm,
    sql`select count(*)::int as n from notifications
        where user_id = ${s.userId} and kind = 'digest' and subject = ${`${s.unit}:${key}`}`,
  );
  if (made.n > 0) return null;
  return once(memo, ["digest", s.scope, s.unit, key], () => digestOf(orm, s, week, last, key));
}

/** The digest's text for a unit and a week: the same for every subscriber of that unit and scope. */
async function digestOf(
  orm: Orm,
  s: { scope: Scope; unit: string },
  week: Period,
  last: Period,
  key: string,
): Promise<UnitEvent> {
  const w = isoWeek(week.from);
  const [card, forecast, list, steps] = await Promise.all([
    scorecard(orm, { period: last, by: "agency", scope: s.scope, filter: { unit: s.unit }, profile: "766" }),
    periodEndForecast(orm, { period: week, scope: s.scope, unit: s.unit }),
    worklist(orm, { period: week, scope: s.scope, filter: { unit: s.unit }, limit: 10 }),
    stepFiguresOf(orm, { period: last, by: "department", scope: s.scope, filter: { unit: s.unit } }),
  ]);
  const row = card.rows.find((r) => r.key === s.unit);
  const index = unitIndex(row?.index766);
  const name = row?.name ?? s.unit;
  const lines: string[] = [`Tuần ${isoWeek(last.from).week}/${isoWeek(last.from).year} của ${name}:`];
  if (row)
    lines.push(`- Tỷ lệ đúng hạn: ${formatRate(row.onTime.rate)} (${formatCount(row.onTime.population)} hồ sơ).`);
  if (index?.total != null) {
    const rank = index.rank ? `, xếp hạng ${index.rank.position}/${index.rank.of}` : "";
    const moved =
      index.change?.total != null
        ? `, ${index.change.total >= 0 ? "tăng" : "giảm"} ${formatPoints(Math.abs(index.change.total))} điểm so với tuần trước`
        : "";
    lines.push(`- Chỉ số 766: ${formatPoints(index.total)} điểm${rank}${moved}.`);
  }
  const range = (lo: number | null, hi: number | null, f: (v: number | null) => string) =>
    lo === hi ? f(hi) : `${f(lo)} – ${f(hi)}`;
  lines.push(
    `- Dự báo cuối tuần này: tỷ lệ đúng hạn ${range(forecast.onTime.low, forecast.onTime.high, formatRate)}; ${formatCount(forecast.atStake)} hồ sơ còn hạn, hạn trong tuần.`,
  );
  const slowest = steps.rows.filter((r) => r.judged > 0 && r.rate !== null).sort((a, b) => a.rate! - b.rate!)[0];
  if (slowest) lines.push(`- Phòng ban chậm nhất: ${slowest.name}, ${formatRate(slowest.rate)} bước đúng hạn.`);
  const top = list.items.filter((x) => x.dueInPeriod).slice(0, 10);
  if (top.length) {
    lines.push("", "Hồ sơ cần ưu tiên trong tuần:");
    for (const x of top) lines.push(`- ${x.code}: hạn ${x.dueMs === null ? "—" : formatDateTime(new Date(x.dueMs))}`);
  }
  return {
    kind: "digest",
    subject: `${s.unit}:${key}`,
    event: "digest",
    title: `Tổng hợp tuần ${w.week}/${w.year} — ${name}`,
    body: lines.join("\n"),
    href: `/can-uu-tien?ky=tuan&unit=${encodeURIComponent(s.unit)}`,
  };
}
