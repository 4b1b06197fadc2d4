/** vi-VN formatting for the UI: every number and date an official reads is written as vi-VN writes it. */
import { TZ } from "@/lib/method/time";

const int = new Intl.NumberFormat("vi-VN");
export const formatCount = (n: number) => int.format(n);
const points = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Points of the 766 index, two decimals (METHOD-766 §0.1); none shows "—". */
export const formatPoints = (v: number | null) => (v === null ? "—" : points.format(v));

const dateTime = new Intl.DateTimeFormat("vi-VN", {
  timeZone: TZ,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
export const formatDateTime = (d: Date) => dateTime.format(d);
/** `2026-11-25` → `25/11/2026`. */
export const formatDay = (day: string) => day.split("-").reverse().join("/");

export { formatRate } from "@/lib/method/rates";

/** A URL path segment or cookie value decoded once; left as is when it is not a valid escape (a lone "%"). */
export function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
