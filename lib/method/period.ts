/** METHOD §0.2 — reporting periods and their as-of instant. */
import { RuleError } from "@/lib/errors";
import { endOfLocalDay, formatLocalInstant, isLocalDate, startOfLocalDay, type LocalDate } from "./time";

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
  if (!isLocalDate(from)) throw new PeriodError(`Ngày bắt đầu kỳ không hợp lệ: "${from}"`, `Invalid period start: "${from}"`);
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
