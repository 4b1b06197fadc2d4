/**
 * Late receipt (issue #25): an online dossier (KenhThucHien 2) must be received soon after
 * it is submitted — Gia Lai, Nghệ An and Quảng Nam watch those not received within 8
 * working hours, which lower the progress and satisfaction scores.
 *
 * [decision] "Within 8 working hours" is read as: by the same clock time on the next
 * working day after the day it was submitted (a dossier sent at 16:00 on a Friday is due
 * for receipt by 16:00 on Monday; one sent on a Saturday, by the same time on Monday). It
 * needs no office hours, which no document of the method states.
 */
import type { WorkCalendar } from "./calendar";
import { addDays, localDate, startOfLocalDay } from "./time";

export function receiptDeadline(submittedAt: Date, cal: WorkCalendar): Date {
  const day = localDate(submittedAt);
  let next = addDays(day, 1);
  while (!cal.isWorkingDay(next)) next = addDays(next, 1);
  return new Date(startOfLocalDay(next).getTime() + (submittedAt.getTime() - startOfLocalDay(day).getTime()));
}
