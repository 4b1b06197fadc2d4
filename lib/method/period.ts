/** METHOD §0.2 — reporting periods and their as-of instant. */
import { RuleError } from "@/lib/errors";
import {
  addDays,
  addMonths,
  endOfLocalDay,
  formatLocalInstant,
  isLocalDate,
  isoWeekday,
  localDate,
  startOfLocalDay,
  type LocalDate,
} from "./time";

export interface Period {
  from: LocalDate;
  to: LocalDate;
  /** `from 00:00:00` local. */
  startAt: Date;
  /** `to 23:59:59.999` local. */
  endAt: Date;
  /** min(period end, now): the current month is evaluated in real time. */
  asOf: Date;
}

/** A period that cannot be evaluated (METHOD §0.2); the reason names the field. */
export class PeriodError extends RuleError {
  constructor(vi: string, en: string) {
    super(vi, en, { field: "from/to" });
  }
}

/** METHOD §0.2: an inclusive range of local dates; a period wholly in the future is refused. */
export function makePeriod(from: LocalDate, to: LocalDate, now: Date = new Date()): Period {
  if (!isLocalDate(from))
    throw new PeriodError(`Ngày bắt đầu kỳ không hợp lệ: "${from}"`, `Invalid period start: "${from}"`);
  if (!isLocalDate(to)) throw new PeriodError(`Ngày kết thúc kỳ không hợp lệ: "${to}"`, `Invalid period end: "${to}"`);
  if (to < from) throw new PeriodError("Ngày kết thúc kỳ trước ngày bắt đầu", "The period ends before it starts");
  const startAt = startOfLocalDay(from);
  const endAt = endOfLocalDay(to);
  if (startAt.getTime() > now.getTime()) {
    throw new PeriodError("Kỳ báo cáo nằm hoàn toàn trong tương lai", "The period lies wholly in the future");
  }
  return { from, to, startAt, endAt, asOf: new Date(Math.min(endAt.getTime(), now.getTime())) };
}

export function periodJson(p: Period) {
  return { from: p.from, to: p.to, asOf: formatLocalInstant(p.asOf) };
}

export const lastDayOfMonth = (day: LocalDate) => addDays(addMonths(`${day.slice(0, 8)}01`, 1), -1);

/** The kinds of period the national cadence names (METHOD-766 §0.5), else custom. */
export type PeriodKind = "week" | "month" | "quarter" | "half" | "year" | "custom";

export function kindOf(from: LocalDate, to: LocalDate): PeriodKind {
  if (isoWeekday(from) === 1 && to === addDays(from, 6)) return "week";
  if (from.endsWith("-01") && to === lastDayOfMonth(from)) return "month";
  const m = Number(from.slice(5, 7));
  if (from.endsWith("-01") && (m - 1) % 3 === 0 && to === lastDayOfMonth(addMonths(from, 2))) return "quarter";
  if (from.endsWith("-01") && (m === 1 || m === 7) && to === lastDayOfMonth(addMonths(from, 5))) return "half";
  if (from.endsWith("-01-01") && to === `${from.slice(0, 4)}-12-31`) return "year";
  return "custom";
}

/** Whether the period has not ended yet (§0.2: it is judged as of now, before its end). */
export const isRunning = (p: Period): boolean => p.asOf.getTime() < p.endAt.getTime();

/**
 * The period just before, of the same kind (METHOD-766 §0.5: the previous ISO week, month,
 * quarter, half-year, year), or a custom range of the same length ending the day before.
 */
export function previousPeriod(p: Period, now = new Date()): Period {
  switch (kindOf(p.from, p.to)) {
    case "month":
      return makePeriod(addMonths(p.from, -1), addDays(p.from, -1), now);
    case "quarter":
      return makePeriod(addMonths(p.from, -3), addDays(p.from, -1), now);
    case "half":
      return makePeriod(addMonths(p.from, -6), addDays(p.from, -1), now);
    case "year":
      return makePeriod(addMonths(p.from, -12), addDays(p.from, -1), now);
    default: {
      const days = Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000);
      return makePeriod(addDays(p.from, -days - 1), addDays(p.from, -1), now);
    }
  }
}

/** The kinds of period that hold today: what "this week, this month…" mean. */
export const CURRENT_KINDS = ["week", "month", "quarter", "year"] as const;
export type CurrentKind = (typeof CURRENT_KINDS)[number];

/** The ISO week, month, quarter or year that holds `now`'s local date, as of `now`. */
export function periodAround(kind: CurrentKind, now: Date): Period {
  const today = localDate(now);
  const month = `${today.slice(0, 8)}01`;
  switch (kind) {
    case "week": {
      const monday = addDays(today, 1 - isoWeekday(today));
      return makePeriod(monday, addDays(monday, 6), now);
    }
    case "month":
      return makePeriod(month, lastDayOfMonth(month), now);
    case "quarter": {
      const q = addMonths(`${today.slice(0, 5)}01-01`, Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3);
      return makePeriod(q, lastDayOfMonth(addMonths(q, 2)), now);
    }
    case "year":
      return makePeriod(`${today.slice(0, 4)}-01-01`, `${today.slice(0, 4)}-12-31`, now);
  }
}

/** ISO 8601 week number and its year: the week holding the Thursday of `day`'s week. */
export function isoWeek(day: LocalDate): { year: number; week: number } {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = Number(thursday.slice(0, 4));
  return { year, week: Math.floor((Date.parse(thursday) - Date.parse(`${year}-01-01`)) / (7 * 86_400_000)) + 1 };
}

/**
 * METHOD-766 §1.4: the share of a year's reports a period stands for — month 1/12,
 * quarter 1/4, half-year 1/2, ISO week 1/52, year 1, any other range its days / 365.
 */
export function yearFraction(from: LocalDate, to: LocalDate): number {
  switch (kindOf(from, to)) {
    case "week":
      return 1 / 52;
    case "month":
      return 1 / 12;
    case "quarter":
      return 1 / 4;
    case "half":
      return 1 / 2;
    case "year":
      return 1;
    default:
      return (Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1) / 365;
  }
}
