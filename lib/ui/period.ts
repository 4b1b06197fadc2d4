/**
 * Periods as the UI offers them (METHOD §0.2; METHOD-766 §0.5 adds the national cadence's
 * ISO week and half-year): week, month, quarter, half-year, year or a custom range,
 * kept in the URL as `from`/`to`, with the previous period of the same kind for
 * comparisons and the twelve months for trends.
 */
import { isoWeek, kindOf, lastDayOfMonth, makePeriod, type Period } from "@/lib/method/period";
import { addDays, addMonths, isLocalDate, isoWeekday, localDate, type LocalDate } from "@/lib/method/time";

export { kindOf, isoWeek, previousPeriod, type PeriodKind } from "@/lib/method/period";

/** The period in the URL, defaulting to the current month; the part after today is cut off by as-of. */
export function periodFromParams(sp: { from?: string; to?: string }, now = new Date()): Period {
  const today = localDate(now);
  const from = sp.from && isLocalDate(sp.from) ? sp.from : `${today.slice(0, 8)}01`;
  let to = sp.to && isLocalDate(sp.to) ? sp.to : lastDayOfMonth(from);
  if (to < from) to = from;
  try {
    return makePeriod(from, to, now);
  } catch {
    return makePeriod(`${today.slice(0, 8)}01`, lastDayOfMonth(today), now);
  }
}

/** A trend's month as its axis shows it: "03/26". */
export const monthLabel = (m: Period) => `${m.from.slice(5, 7)}/${m.from.slice(2, 4)}`;

/** The twelve months ending with the period's last month (or the current one, if earlier). */
export function trendMonths(p: Period, now = new Date()): Period[] {
  const today = localDate(now);
  const last = `${(p.to < today ? p.to : today).slice(0, 8)}01`;
  return Array.from({ length: 12 }, (_, i) => addMonths(last, i - 11)).map((m) =>
    makePeriod(m, lastDayOfMonth(m), now),
  );
}

export function periodLabel(p: { from: LocalDate; to: LocalDate }): string {
  const [y, m] = p.from.split("-");
  switch (kindOf(p.from, p.to)) {
    case "month":
      return `Tháng ${Number(m)}/${y}`;
    case "quarter":
      return `Quý ${Math.floor((Number(m) - 1) / 3) + 1}/${y}`;
    case "half":
      return `${m === "01" ? "6 tháng đầu" : "6 tháng cuối"} năm ${y}`;
    case "week": {
      const w = isoWeek(p.from);
      return `Tuần ${w.week}/${w.year} (${dm(p.from)} – ${dm(p.to)})`;
    }
    case "year":
      return `Năm ${y}`;
    default:
      return `${p.from.split("-").reverse().join("/")} – ${p.to.split("-").reverse().join("/")}`;
  }
}

/**
 * What a period is compared with, in words (METHOD-766 §0.5): "tháng 11/2026", and for
 * a running period the part of it compared ("tháng 11/2026, đến 10:00 06/11").
 */
export function comparedWords(previous: { from: string; to: string; asOf?: string }): string {
  const label = periodLabelInline(previous);
  if (!previous.asOf) return label;
  const [day, time] = previous.asOf.split("T");
  return `${label}, đến ${time.slice(0, 5)} ${dm(day)}`;
}

/** The label inside a sentence ("so với tháng 11/2026"). */
export const periodLabelInline = (p: { from: LocalDate; to: LocalDate }) => {
  const label = periodLabel(p);
  return label.charAt(0).toLowerCase() + label.slice(1);
};

const dm = (d: LocalDate) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;

/** Presets for the picker, around a date. */
export function presets(now = new Date()) {
  const today = localDate(now);
  const month = `${today.slice(0, 8)}01`;
  const qStart = addMonths(`${today.slice(0, 5)}01-01`, Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3);
  const monday = addDays(today, 1 - isoWeekday(today));
  const hStart = `${today.slice(0, 5)}${Number(today.slice(5, 7)) <= 6 ? "01" : "07"}-01`;
  return [
    { label: "Tuần này", from: monday, to: addDays(monday, 6) },
    { label: "Tuần trước", from: addDays(monday, -7), to: addDays(monday, -1) },
    { label: "Tháng này", from: month, to: lastDayOfMonth(month) },
    { label: "Tháng trước", from: addMonths(month, -1), to: addDays(month, -1) },
    { label: "Quý này", from: qStart, to: lastDayOfMonth(addMonths(qStart, 2)) },
    { label: "Quý trước", from: addMonths(qStart, -3), to: addDays(qStart, -1) },
    { label: "6 tháng", from: hStart, to: lastDayOfMonth(addMonths(hStart, 5)) },
    { label: "Năm nay", from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` },
    {
      label: "Năm trước",
      from: `${Number(today.slice(0, 4)) - 1}-01-01`,
      to: `${Number(today.slice(0, 4)) - 1}-12-31`,
    },
    { label: "12 tháng qua", from: addMonths(month, -11), to: lastDayOfMonth(month) },
  ];
}

/** A query string with the period and other parameters. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : "";
}
