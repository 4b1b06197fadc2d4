/** Alerts (issue #25): what a user can be told, and the working hours a "due soon" counts. */
import type { WorkCalendar } from "./calendar";
import { addDays, localDate, startOfLocalDay } from "./time";

export const ALERT_KINDS = ["due_soon", "overdue", "late_receipt"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * The instant `hours` working hours after `now`. [decision] A working hour is an hour of a
 * working day (METHOD §0.6), midnight to midnight: no document of the method states office
 * hours, and the portal's deadlines end at midnight too (METHOD §A.4). Friday 16:00 plus 8
 * working hours is Friday 24:00; Saturday 10:00 plus 8 is Monday 08:00.
 */
export function addWorkingHours(now: Date, hours: number, cal: WorkCalendar): Date {
  let t = now.getTime();
  let left = hours * 3_600_000;
  while (left > 0) {
    const day = localDate(new Date(t));
    const next = startOfLocalDay(addDays(day, 1)).getTime();
    if (cal.isWorkingDay(day)) {
      const take = Math.min(left, next - t);
      t += take;
      left -= take;
      if (left === 0) break;
    }
    t = next;
  }
  return new Date(t);
}
