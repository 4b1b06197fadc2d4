/**
 * METHOD-766 §2.1 — the on-time rule of the 766 index, beside METHOD §A's (ontime.ts):
 * its own end of processing, supplement waits subtracted, two supplement requests ⇒
 * late, and NgayHenTra deciding before the catalogue. Population and verdict words as
 * METHOD §A.1/§A.5 (§0.6 of the profile).
 */
import {
  dueInstant,
  historyOf,
  startOf,
  type Deadline,
  type DeadlineUnit,
  type DossierFacts,
  type Verdict,
} from "../ontime";
import type { WorkCalendar } from "../calendar";
import type { Period } from "../period";
import { STATUS } from "../status";
import { endOfLocalDay, localDate, startOfLocalDay } from "../time";

/** §2.1: end statuses by priority, highest first (Từ chối and Dừng share a rank). */
const END_RANKS: ReadonlyArray<readonly number[]> = [
  [STATUS.DONE],
  [STATUS.RETURNED],
  [STATUS.STOPPED, STATUS.REFUSED],
  [STATUS.WITHDRAWN],
];

export interface Facts766 extends DossierFacts {
  /** NgayHenTra, the appointment the applicant was given. */
  appointmentAt: Date | null;
}

export type Rule766 = "appointment" | "catalogue" | "two_supplements" | "no_deadline" | "no_start";

export interface Judgement766 {
  verdict: Verdict | null;
  /** The end of processing as of the as-of instant, and how it was found. */
  end: { at: Date; status: number; by: "end_status" | "single_supplement" } | null;
  /** Supplement waits (status 5 until the next step of another status), in milliseconds. */
  waitingMs: number;
  supplements: number;
  /** Which rule decided: NgayHenTra, the catalogue deadline, or a rule that makes it late. */
  rule: Rule766;
  /** The last on-time instant for end − waiting, when there is one. */
  due: Date | null;
}

/** §2.1 [decision]: a NgayHenTra at exactly 00:00:00 local means the end of that date. */
export function appointmentDue(appointment: Date): Date {
  const day = localDate(appointment);
  return appointment.getTime() === startOfLocalDay(day).getTime() ? endOfLocalDay(day) : appointment;
}

/** §2.1's reading of a history: the end, the supplement requests and their waits. */
export interface History766 {
  end: Judgement766["end"];
  waitingMs: number;
  supplements: number;
  /** The first supplement request (Yêu cầu bổ sung), if any. */
  supplementAt: Date | null;
  lastEventAt: Date | null;
}

/**
 * §2.1 over the events of `f` up to `asOf` (§0.6; null: all of them): the earliest step
 * of the highest-priority end status, each supplement request's wait until the next step
 * of another status, and one unanswered request as the end.
 */
export function history766(f: DossierFacts, asOf: Date | null): History766 {
  const steps = historyOf(f).filter((s) => asOf === null || s.at <= asOf);
  let end: Judgement766["end"] = null;
  for (const rank of END_RANKS) {
    const first = steps.find((s) => rank.includes(s.status));
    if (first) {
      end = { at: first.at, status: first.status, by: "end_status" };
      break;
    }
  }
  // Supplement waits: each 5 step waits until the next step of another status.
  const supplementSteps = steps.filter((s) => s.status === STATUS.SUPPLEMENT);
  let waitingMs = 0;
  for (const s of supplementSteps) {
    const next = steps.find((o) => o.at > s.at && o.status !== STATUS.SUPPLEMENT);
    if (next) waitingMs += next.at.getTime() - s.at.getTime();
  }
  if (!end && supplementSteps.length === 1 && !steps.some((o) => o.at > supplementSteps[0].at)) {
    end = { at: supplementSteps[0].at, status: STATUS.SUPPLEMENT, by: "single_supplement" };
  }
  const last = steps.reduce<Date | null>((m, s) => (m === null || s.at > m ? s.at : m), null);
  return {
    end,
    waitingMs,
    supplements: supplementSteps.length,
    supplementAt: supplementSteps[0]?.at ?? null,
    lastEventAt: last,
  };
}

/** §2.1 and §0.6: the 766 end, the waits and the verdict of one dossier for a period. */
export function judge766(f: Facts766, deadline: Deadline | null, period: Period, cal: WorkCalendar): Judgement766 {
  // Only events on or before the as-of instant have happened (§0.6).
  const { end, waitingMs, supplements } = history766(f, period.asOf);
  const start = startOf(f);
  const base: Omit<Judgement766, "verdict" | "rule" | "due"> = { end, waitingMs, supplements };
  // Population (METHOD §A.1 with this end): received, started by the as-of instant, not ended before the period.
  const started = start ? start.at <= period.asOf : f.syncedAt >= period.startAt && f.syncedAt <= period.asOf;
  if (f.status === STATUS.SUBMITTED || !started || (end && end.at < period.startAt)) {
    return { ...base, verdict: null, rule: "no_start", due: null };
  }
  const finished = end !== null;
  const judged = (ok: boolean, rule: Rule766, due: Date | null): Judgement766 => ({
    ...base,
    rule,
    due,
    verdict: finished ? (ok ? "on_time" : "late") : ok ? "within" : "overdue",
  });
  if (supplements >= 2) return judged(false, "two_supplements", null);
  if (!start) return judged(false, "no_start", null);
  const at = (end?.at ?? period.asOf).getTime() - waitingMs;
  if (f.appointmentAt) {
    const due = appointmentDue(f.appointmentAt);
    return judged(at <= due.getTime(), "appointment", due);
  }
  if (!deadline) return judged(false, "no_deadline", null);
  const due = dueInstant(start.at, deadline, cal);
  return judged(at <= due.getTime(), "catalogue", due);
}

/**
 * §2.2: one dossier's processing time, end − start − waiting, in its procedure's deadline
 * unit: hours; working days as METHOD §A.4 counts them (after the start's date, up to the
 * shifted end's; none when that is not later); else days of 24 hours (days, months,
 * years, and a procedure without a stated deadline).
 */
export function processingTime766(
  start: Date,
  end: Date,
  waitingMs: number,
  unit: DeadlineUnit | null,
  cal: WorkCalendar,
): number {
  const shiftedMs = end.getTime() - waitingMs;
  if (unit === "hour") return (shiftedMs - start.getTime()) / 3_600_000;
  if (unit === "working_day") return cal.workingDaysBetween(localDate(start), localDate(new Date(shiftedMs)));
  return (shiftedMs - start.getTime()) / 86_400_000;
}

/**
 * §2.2's average over a procedure's counted dossiers (the mean of processingTime766), from
 * their sums kept exact — milliseconds for hours and days, working days — and divided
 * once, so that the same dossiers give the same bytes however they were summed (the 766
 * rollup's rows or each dossier).
 */
export function averageTime766(
  sums: { dossiers: number; ms: number; workingDays: number },
  unit: DeadlineUnit | null,
): number | null {
  if (sums.dossiers === 0) return null;
  if (unit === "hour") return sums.ms / (3_600_000 * sums.dossiers);
  if (unit === "working_day") return sums.workingDays / sums.dossiers;
  return sums.ms / (86_400_000 * sums.dossiers);
}

export const RULE_766_LABELS: Record<Rule766, string> = {
  appointment: "So với ngày hẹn trả kết quả, đã trừ thời gian chờ bổ sung",
  catalogue: "So với thời hạn trong danh mục thủ tục, đã trừ thời gian chờ bổ sung",
  two_supplements: "Yêu cầu bổ sung hồ sơ từ hai lần trở lên: tính là quá hạn",
  no_deadline: "Không xác định được thời hạn giải quyết: không tính là đúng hạn",
  no_start: "Không xác định được thời điểm bắt đầu giải quyết",
};
