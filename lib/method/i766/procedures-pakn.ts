/**
 * METHOD-766 §1.1–1.3 (a procedure's publication) and §5.2–5.3 (a PAKN's handling): the
 * verdict on one catalogue row or one PAKN, over the columns of §6 as the file gave them
 * (a key per column present, null for an empty cell). The scorecard counts the same rules
 * in SQL (lib/engine/verdict766-sql.ts); tests hold both to these.
 */
import type { WorkCalendar } from "@/lib/method/calendar";
import type { LocalDate } from "@/lib/method/time";

export type Columns766 = Record<string, string | null>;
/** The days a period covers and the date of its as-of instant (§0.6: later events are absent). */
export interface Days {
  from: LocalDate;
  to: LocalDate;
  asOfDay: LocalDate;
}

/** A §6 date that has happened by the as-of date, else null. */
const happened = (v: string | null | undefined, d: Days) => (v && v <= d.asOfDay ? v : null);

export interface Publication {
  /** §1.1: counted (published in the period, with an effective date) and on time. */
  announced: { counted: boolean; onTime: boolean } | null;
  /** §1.2: counted (published in the period, not "not yet due") and made public on time. */
  madePublic: { counted: boolean; onTime: boolean } | null;
  /** §1.3: every part published (empty = 0). */
  complete: boolean | null;
}

/** §1.1–1.3 for one procedure under the group's authority; null where its column is absent. */
export function publication(c: Columns766, d: Days, cal: WorkCalendar): Publication {
  const published = happened(c.NgayCongBo, d);
  const inPeriod = published !== null && published >= d.from && published <= d.to;
  const announced =
    "NgayCongBo" in c && "NgayHieuLuc" in c
      ? (() => {
          const counted = inPeriod && !!c.NgayHieuLuc;
          return { counted, onTime: counted && published! <= cal.nthWorkingDayBefore(c.NgayHieuLuc!, 5) };
        })()
      : null;
  const madePublic =
    "NgayCongBo" in c && "NgayCongKhai" in c
      ? (() => {
          if (!inPeriod) return { counted: false, onTime: false };
          const due = cal.nthWorkingDayAfter(published!, 5);
          const shown = happened(c.NgayCongKhai, d);
          // Not yet made public and not yet due: left out of the denominator.
          if (shown === null && due > d.asOfDay) return { counted: false, onTime: false };
          return { counted: true, onTime: shown !== null && shown <= due };
        })()
      : null;
  return { announced, madePublic, complete: "DayDuBoPhan" in c ? c.DayDuBoPhan === "1" : null };
}

export interface Handling {
  /** §5.2: handled within 15 working days (or not yet and still in time). */
  onTime: boolean;
  /** §5.3: none of not satisfied, late or overdue, complained again. */
  satisfied: boolean;
}

/** §5.2–5.3 for one PAKN received on `receivedDay`; null when NgayXuLyXong's column is absent. */
export function handling(c: Columns766, receivedDay: LocalDate, d: Days, cal: WorkCalendar): Handling | null {
  if (!("NgayXuLyXong" in c)) return null;
  const due = cal.nthWorkingDayAfter(receivedDay, 15);
  const done = happened(c.NgayXuLyXong, d);
  const onTime = done !== null ? done <= due : d.asOfDay <= due;
  const notSatisfied = Number(c.SoKhongThich ?? 0) > Number(c.SoThich ?? 0);
  return { onTime, satisfied: onTime && !notSatisfied && c.KhieuNaiLai !== "1" };
}
