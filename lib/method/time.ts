/**
 * Local time in Asia/Ho_Chi_Minh (METHOD §0.1): UTC+7 with no daylight saving, so a
 * fixed offset is exact and needs no time-zone database.
 */
export const TZ = "Asia/Ho_Chi_Minh";
const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/** A local calendar date as `YYYY-MM-DD`. */
export type LocalDate = string;

/** METHOD §0.1: the local calendar date of an instant. */
export function localDate(instant: Date): LocalDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a local date begins (00:00:00 +07:00). */
export function startOfLocalDay(day: LocalDate): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS);
}

/** The last millisecond of a local date (23:59:59.999 +07:00), METHOD §0.2. */
export function endOfLocalDay(day: LocalDate): Date {
  return new Date(startOfLocalDay(day).getTime() + DAY_MS - 1);
}

/** Day arithmetic on local dates (no time zone involved). */
export function addDays(day: LocalDate, n: number): LocalDate {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: LocalDate): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * Adds months to a local date, clamping to the month's last day (METHOD §A.4:
 * 31/1 + 1 month = 28/2 or 29/2) — the same rule as PostgreSQL's `date + interval`.
 */
export function addMonths(day: LocalDate, n: number): LocalDate {
  const [y, m, d] = day.split("-").map(Number);
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${String(ty).padStart(4, "0")}-${String(tm + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** The instant as ISO 8601 in local time with its offset, e.g. `2022-01-31T23:59:59.999+07:00`. */
export function formatLocalInstant(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().replace("Z", "+07:00");
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?$/;

/**
 * The dates `parseInstant` accepts, as one regular expression for the API document: a real
 * calendar day of 1900–2100 (leap days included), then the time, as `yyyyMMddHHmmss` or
 * ISO 8601. Spelled out rather than left to "format: date-time", which takes forms this
 * parser refuses and refuses some it takes. tests/method/time.test.ts holds them together.
 */
export const INSTANT_PATTERN = (() => {
  const year = "(?:19\\d\\d|20\\d\\d|2100)";
  const leapYear = "(?:(?:19|20)(?:0[48]|[2468][048]|[13579][26])|2000)";
  const day = (sep: string) =>
    `(?:${year}${sep}(?:(?:0[1-9]|1[0-2])${sep}(?:0[1-9]|1\\d|2[0-8])|(?:0[13-9]|1[0-2])${sep}(?:29|30)|(?:0[13578]|1[02])${sep}31)|${leapYear}${sep}02${sep}29)`;
  const hh = "(?:[01]\\d|2[0-3])",
    mm = "[0-5]\\d";
  const time = `${hh}:${mm}(?::${mm}(?:\\.\\d{1,9})?)?`;
  const offset = `(?:Z|[+-]${hh}:?${mm})`;
  return `^(?:${day("")}${hh}${mm}${mm}|${day("-")}T${time}${offset}|${day("-")}(?:[T ]${time})?)$`;
})();

/**
 * Parses a DVCQG date (DATA.md §1): `yyyyMMddHHmmss` in local time, or ISO 8601 (with
 * an offset, or without one = local time, METHOD §0.1). Empty means no value (null);
 * anything else that is not a real date and time is an error (undefined).
 */
export function parseInstant(value: string | null | undefined): Date | null | undefined {
  if (value == null) return null;
  const s = value.trim();
  if (s === "") return null;
  if (s.length === 14) {
    // yyyyMMddHHmmss, the form every record carries many times: read digit by digit
    // (a regular expression and its match array cost most of a sync's validation).
    const y = digits(s, 0, 4),
      mo = digits(s, 4, 2),
      d = digits(s, 6, 2);
    const h = digits(s, 8, 2),
      mi = digits(s, 10, 2),
      se = digits(s, 12, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0) return undefined;
    if (!validParts(y, mo, d, h, mi, se)) return undefined;
    return new Date(Date.UTC(y, mo - 1, d, h, mi, se) - OFFSET_MS);
  }
  if (ISO_WITH_OFFSET.test(s)) {
    const t = Date.parse(s);
    if (Number.isNaN(t) || !validParts(...(s.slice(0, 19).split(/[-T:]/).map(Number) as Parts))) return undefined;
    return new Date(t);
  }
  if (ISO_LOCAL.test(s)) {
    const [datePart, timePart = "00:00:00"] = s.split(/[T ]/);
    const [y, mo, d] = datePart.split("-").map(Number);
    const [h, mi, se = 0] = timePart.split(":").map(Number);
    if (!validParts(y, mo, d, h, mi, Math.floor(se))) return undefined;
    return new Date(Date.UTC(y, mo - 1, d, h, mi) + Math.round(se * 1000) - OFFSET_MS);
  }
  return undefined;
}

/**
 * The years a date may carry (DATA.md: dates of the processing of administrative
 * procedures). Outside them a date is a typing error; years 0–99 would otherwise be
 * read as 1900–1999 by the Date API.
 */
export const YEARS = { from: 1900, to: 2100 } as const;

type Parts = [number, number, number, number, number, number];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function validParts(y: number, mo: number, d: number, h = 0, mi = 0, se = 0): boolean {
  if (y < YEARS.from || y > YEARS.to) return false;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 && leap ? 29 : MONTH_DAYS[mo - 1]);
}

/** The number written by `len` ASCII digits of `s` from `at`, or −1 if one is not a digit. */
function digits(s: string, at: number, len: number): number {
  let n = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
/** True when `s` is a real `YYYY-MM-DD` date. */
export function isLocalDate(s: string): boolean {
  if (!DAY_RE.test(s)) return false;
  const [y, m, d] = s.split("-").map(Number);
  return validParts(y, m, d);
}
