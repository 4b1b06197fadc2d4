/**
 * METHOD §A — on-time processing, for one dossier. The SQL engine computes the same
 * verdicts in bulk (lib/engine/verdict-sql.ts); tests prove both agree.
 */
import type { WorkCalendar } from "./calendar";
import type { Period } from "./period";
import { rate } from "./rates";
import { onTimeBand } from "./bands";
import { OTHER_TERMINAL, STATUS } from "./status";
import { addDays, addMonths, daysBetween, endOfLocalDay, localDate, type LocalDate } from "./time";
import type { DeadlineUnit } from "@/db/schema";

export type { DeadlineUnit };
export interface Deadline {
  value: number;
  unit: DeadlineUnit;
}

export const DEADLINE_UNIT_LABELS: Record<DeadlineUnit, string> = {
  hour: "giờ",
  working_day: "ngày làm việc",
  day: "ngày",
  month: "tháng",
  year: "năm",
};

/** DATA.md §2 DonViTinh → unit. */
export const DEADLINE_UNITS_BY_LABEL: Record<string, DeadlineUnit> = {
  giờ: "hour",
  "ngày làm việc": "working_day",
  ngày: "day",
  tháng: "month",
  năm: "year",
};

/**
 * [decision] The largest deadline the catalogue may state, per unit: ten years in any
 * unit. A larger ThoiHan is a typing error (1e9 days would put every due date out of
 * the calendar's range) and is refused where the catalogue is imported.
 */
export const MAX_DEADLINE: Record<DeadlineUnit, number> = {
  hour: 87_600,
  working_day: 2_500,
  day: 3_650,
  month: 120,
  year: 10,
};

export interface Step {
  status: number;
  at: Date;
}

/** What METHOD §A reads of a dossier. */
export interface DossierFacts {
  status: number;
  receivedAt: Date | null;
  refusedAt: Date | null;
  syncedAt: Date;
  steps: Step[];
}

/** The period-independent facts of §A.2–A.3, stored per dossier. */
export interface DerivedFacts {
  status: number;
  syncedAt: Date;
  startAt: Date | null;
  startSource: "received" | "first_step" | null;
  doneAt: Date | null;
  closedAt: Date | null;
  closedStatus: number | null;
}

/** DATA.md §1: a dossier's NgayTuChoi counts as a Từ chối step at that time. */
export function historyOf(f: DossierFacts): Step[] {
  const steps = f.refusedAt ? [...f.steps, { status: STATUS.REFUSED, at: f.refusedAt }] : [...f.steps];
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.status - b.status);
}

/**
 * METHOD §A.3: NgayTiepNhan; if empty, the earliest process_date of the history;
 * if neither exists, no start (the dossier is overdue whatever else it holds).
 */
export function startOf(f: DossierFacts): { at: Date; source: "received" | "first_step" } | null {
  if (f.receivedAt) return { at: f.receivedAt, source: "received" };
  const first = historyOf(f)[0];
  return first ? { at: first.at, source: "first_step" } : null;
}

/** METHOD §A.2–A.3, the facts that do not depend on the period. */
export function derive(f: DossierFacts): DerivedFacts {
  const history = historyOf(f);
  const done = history.find((s) => s.status === STATUS.DONE);
  const closed = history.find((s) => OTHER_TERMINAL.includes(s.status));
  const start = startOf(f);
  return {
    status: f.status,
    syncedAt: f.syncedAt,
    startAt: start?.at ?? null,
    startSource: start?.source ?? null,
    doneAt: done?.at ?? null,
    closedAt: closed?.at ?? null,
    closedStatus: closed?.status ?? null,
  };
}

/**
 * METHOD §A.2: the end of processing as of an instant. Only events on or before
 * `asOf` count; Đã xử lý xong takes precedence over the other terminal statuses;
 * without any, the dossier is in progress (null).
 */
export function endOf(d: DerivedFacts, asOf: Date): { at: Date; status: number } | null {
  if (d.doneAt && d.doneAt <= asOf) return { at: d.doneAt, status: STATUS.DONE };
  if (d.closedAt && d.closedAt <= asOf) return { at: d.closedAt, status: d.closedStatus ?? STATUS.REFUSED };
  return null;
}

/**
 * METHOD §A.4: elapsed processing time between start and end, in the deadline's
 * unit. For months and years it is whole months/years completed (for display only;
 * the verdict compares dates).
 */
export function elapsed(start: Date, end: Date, unit: DeadlineUnit, cal: WorkCalendar): number {
  const a = localDate(start);
  const b = localDate(end);
  switch (unit) {
    case "hour":
      return (end.getTime() - start.getTime()) / 3_600_000;
    case "working_day":
      return cal.workingDaysBetween(a, b);
    case "day":
      return daysBetween(a, b);
    case "month":
    case "year": {
      const per = unit === "year" ? 12 : 1;
      let n = 0;
      while (addMonths(a, (n + 1) * per) <= b) n++;
      return n;
    }
  }
}

/** METHOD §A.4: on time iff the elapsed time is within the deadline, in its unit's arithmetic. */
export function isWithinDeadline(start: Date, end: Date, deadline: Deadline, cal: WorkCalendar): boolean {
  const n = deadline.value;
  switch (deadline.unit) {
    case "hour":
    case "working_day":
    case "day":
      return elapsed(start, end, deadline.unit, cal) <= n;
    case "month":
    case "year": {
      const months = Math.floor(n) * (deadline.unit === "year" ? 12 : 1);
      return localDate(end) <= addMonths(localDate(start), months);
    }
  }
}

/**
 * METHOD §A.4, the equivalent form: the last on-time instant (end ≤ due is on time).
 * Hours: start + N h. Date units: the end of the last on-time local date.
 */
export function dueInstant(start: Date, deadline: Deadline, cal: WorkCalendar): Date {
  const day = localDate(start);
  const n = Math.floor(deadline.value);
  switch (deadline.unit) {
    case "hour":
      return new Date(start.getTime() + deadline.value * 3_600_000);
    case "working_day":
      return endOfLocalDay(cal.lastOnTimeDay(day, n));
    case "day":
      return endOfLocalDay(addDays(day, n));
    case "month":
      return endOfLocalDay(addMonths(day, n));
    case "year":
      return endOfLocalDay(addMonths(day, n * 12));
  }
}

/**
 * METHOD §A.4 [decision], the due *date* that §A.6 compares with NgayHenTra: for
 * working days the date of the N-th working day after the start (the start date for
 * 0), never a non-working day that follows it; otherwise the date of the due instant.
 */
export function dueDate(start: Date, deadline: Deadline, cal: WorkCalendar): LocalDate {
  if (deadline.unit === "working_day") return cal.nthWorkingDayAfter(localDate(start), Math.floor(deadline.value));
  return localDate(dueInstant(start, deadline, cal));
}

/**
 * METHOD §A.1: in the population when received (status ≠ 1), started on or before
 * the as-of instant and not finished before the period's start. A dossier with no
 * start belongs to the periods containing the instant it was first synced.
 */
export function inPopulation(d: DerivedFacts, period: Period): boolean {
  if (d.status === STATUS.SUBMITTED) return false;
  if (d.startAt) {
    if (d.startAt > period.asOf) return false;
  } else if (d.syncedAt < period.startAt || d.syncedAt > period.asOf) {
    return false;
  }
  const end = endOf(d, period.asOf);
  return !end || end.at >= period.startAt;
}

export type Verdict = "on_time" | "late" | "within" | "overdue";

export const VERDICT_LABELS: Record<Verdict, string> = {
  on_time: "Đúng hạn",
  late: "Quá hạn (đã xử lý)",
  within: "Trong hạn (đang xử lý)",
  overdue: "Quá hạn (đang xử lý)",
};

/**
 * METHOD §A.5: đúng hạn / quá hạn for a finished dossier, trong hạn / quá hạn for one
 * in progress (whose end is the as-of instant). No start, or no known deadline
 * (§A.4 [decision]), is never on time. Null when outside the population.
 */
export function verdictOf(
  d: DerivedFacts,
  deadline: Deadline | null,
  period: Period,
  cal: WorkCalendar,
): Verdict | null {
  if (!inPopulation(d, period)) return null;
  const end = endOf(d, period.asOf);
  const ok =
    d.startAt !== null && deadline !== null && isWithinDeadline(d.startAt, end?.at ?? period.asOf, deadline, cal);
  if (end) return ok ? "on_time" : "late";
  return ok ? "within" : "overdue";
}

export interface OnTimeCounts {
  population: number;
  onTime: number;
  late: number;
  withinDeadline: number;
  overdue: number;
}

/** METHOD §A.5: rate = (đúng hạn + trong hạn) / population, banded per §0.4. */
export function onTimeIndicator(c: OnTimeCounts) {
  const r = rate(c.onTime + c.withinDeadline, c.population);
  return { ...c, inProgress: c.withinDeadline + c.overdue, rate: r, band: onTimeBand(r) };
}

/**
 * Why a dossier is not on time, so that a gap in the data never reads as lateness (METHOD §A.3, §A.4):
 * no start (§A.3), a procedure missing from the catalogue or without a deadline
 * (§A.4 [decision]), or genuinely late or overdue.
 */
export const REASONS = ["late", "no_start", "unknown_procedure", "no_deadline"] as const;
export type Reason = (typeof REASONS)[number];
export const REASON_LABELS: Record<Reason, string> = {
  late: "Trễ hạn",
  no_start: "Thiếu dữ liệu: không có ngày tiếp nhận, không có tiến trình",
  unknown_procedure: "Thiếu dữ liệu: thủ tục không có trong danh mục",
  no_deadline: "Thiếu dữ liệu: thủ tục chưa có thời hạn",
};

/**
 * METHOD §A.3, §A.4 [decision]: why a dossier of the population is not on time — no
 * start, a procedure missing from the catalogue, no deadline stated, or genuinely late
 * (or overdue); null when it is on time or within its deadline, or not counted.
 */
export function reasonOf(
  d: DerivedFacts,
  verdict: Verdict | null,
  procedureKnown: boolean,
  deadline: Deadline | null,
): Reason | null {
  if (verdict === null || verdict === "on_time" || verdict === "within") return null;
  if (!d.startAt) return "no_start";
  if (!procedureKnown) return "unknown_procedure";
  if (!deadline) return "no_deadline";
  return "late";
}
