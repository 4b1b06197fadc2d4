/**
 * METHOD §0.6 — the working-day calendar.
 *
 * A date is a working day unless it is a Saturday, a Sunday or a day off, except when
 * it is marked a make-up working day (ngày làm bù). The defaults for any year follow
 * the Labour Code 2019 (Art. 112, with Art. 111(3) compensatory days); the schedules
 * the government announced for civil servants override them for 2021–2026. The
 * database holds the same list as editable rows (table `calendar_exceptions`).
 */
import { CalendarVietnamese } from "date-chinese";
import { addDays, isoWeekday, type LocalDate } from "./time";

export type ExceptionKind = "off" | "makeup";
export interface CalendarException {
  day: LocalDate;
  kind: ExceptionKind;
  name: string;
  source?: string | null;
}

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number): LocalDate => `${y}-${pad(m)}-${pad(d)}`;
const isWeekend = (day: LocalDate) => isoWeekday(day) >= 6;

/** The solar date of a lunar date (month, day) in the lunar year that starts in `year`. */
export function lunarToSolar(year: number, month: number, day: number): LocalDate {
  const g = new CalendarVietnamese(0, 0, month, false, day).toGregorian(year);
  return ymd(g.year, g.month, g.day);
}

/** Mùng 1 Tết Nguyên đán of a year. */
export const lunarNewYear = (year: number) => lunarToSolar(year, 1, 1);

function range(from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * METHOD §0.6 default for a year with no announced schedule: Labour Code 2019
 * Art. 112(1) — 1/1; Tết (lunar New Year's Eve and mùng 1–4); Giỗ Tổ 10/3 lunar; 30/4;
 * 1/5; 2/9 with one adjacent day — and Art. 111(3): a holiday on a weekend is
 * compensated on the next working day. Only weekday days off are listed.
 */
export function defaultExceptions(year: number): CalendarException[] {
  const source = "Bộ luật Lao động 2019, Điều 111–112 (mặc định)";
  const holidays: Array<[LocalDate, string]> = [[ymd(year, 1, 1), "Tết Dương lịch"]];
  const tet = lunarNewYear(year);
  for (const d of range(addDays(tet, -1), addDays(tet, 3))) holidays.push([d, "Tết Nguyên đán"]);
  holidays.push([lunarToSolar(year, 3, 10), "Giỗ Tổ Hùng Vương"]);
  holidays.push([ymd(year, 4, 30), "Ngày Chiến thắng"], [ymd(year, 5, 1), "Ngày Quốc tế Lao động"]);
  const national = ymd(year, 9, 2);
  // The adjacent day is the one that joins the holiday to a weekend where it can.
  const adjacent = [1, 4, 5].includes(isoWeekday(national)) ? ymd(year, 9, 3) : ymd(year, 9, 1);
  holidays.push([national, "Quốc khánh"], [adjacent, "Quốc khánh (ngày liền kề)"]);

  const off = new Map<LocalDate, string>();
  for (const [d, name] of holidays) off.set(d, name);
  for (const [d, name] of holidays) {
    if (!isWeekend(d)) continue;
    let c = addDays(d, 1);
    while (isWeekend(c) || off.has(c)) c = addDays(c, 1);
    off.set(c, `Nghỉ bù ${name}`);
  }
  return [...off]
    .filter(([d]) => !isWeekend(d))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, name]) => ({ day, kind: "off" as const, name, source }));
}

interface AnnouncedYear {
  off: Array<[LocalDate, LocalDate, string]>;
  makeup: Array<[LocalDate, string]>;
  source: string;
}

/**
 * The schedules announced for civil servants (research/domain.md §4). Ranges include
 * the weekends around them as announced; weekends are dropped when expanded.
 */
export const ANNOUNCED: Record<number, AnnouncedYear> = {
  2021: {
    source: "Lịch nghỉ lễ, Tết năm 2021 cho cán bộ, công chức (TB Bộ LĐTBXH)",
    off: [
      ["2021-01-01", "2021-01-01", "Tết Dương lịch"],
      ["2021-02-10", "2021-02-16", "Tết Nguyên đán"],
      ["2021-04-21", "2021-04-21", "Giỗ Tổ Hùng Vương"],
      ["2021-04-30", "2021-04-30", "Ngày Chiến thắng"],
      ["2021-05-03", "2021-05-03", "Nghỉ bù Ngày Quốc tế Lao động"],
      ["2021-09-02", "2021-09-03", "Quốc khánh"],
    ],
    makeup: [],
  },
  2022: {
    source: "CV 245/VPCP-KGVX ngày 11/01/2022 (Tết); Bộ luật Lao động 2019",
    off: [
      ["2022-01-03", "2022-01-03", "Nghỉ bù Tết Dương lịch"],
      ["2022-01-29", "2022-02-06", "Tết Nguyên đán"],
      ["2022-04-11", "2022-04-11", "Nghỉ bù Giỗ Tổ Hùng Vương"],
      ["2022-05-02", "2022-05-03", "Nghỉ bù 30/4 và 1/5"],
      ["2022-09-01", "2022-09-02", "Quốc khánh"],
    ],
    makeup: [],
  },
  2023: {
    source: "TB lịch nghỉ lễ, Tết năm 2023 (Bộ LĐTBXH)",
    off: [
      ["2023-01-02", "2023-01-02", "Nghỉ bù Tết Dương lịch"],
      ["2023-01-20", "2023-01-26", "Tết Nguyên đán"],
      ["2023-04-29", "2023-05-03", "Giỗ Tổ Hùng Vương, 30/4 và 1/5 (nghỉ bù 2/5, 3/5)"],
      ["2023-09-01", "2023-09-04", "Quốc khánh (nghỉ bù 4/9)"],
    ],
    makeup: [],
  },
  2024: {
    source: "CV 8662/VPCP-KGVX ngày 03/11/2023 (Tết); CV 2450/VPCP-KGVX ngày 12/4/2024 (30/4–1/5)",
    off: [
      ["2024-01-01", "2024-01-01", "Tết Dương lịch"],
      ["2024-02-08", "2024-02-14", "Tết Nguyên đán"],
      ["2024-04-18", "2024-04-18", "Giỗ Tổ Hùng Vương"],
      ["2024-04-27", "2024-05-01", "30/4 và 1/5 (hoán đổi 29/4)"],
      ["2024-08-31", "2024-09-03", "Quốc khánh"],
    ],
    makeup: [["2024-05-04", "Làm bù ngày 29/4"]],
  },
  2025: {
    source: "TB 6150/TB-BLĐTBXH theo CV 8726/VPCP-KGVX ngày 26/11/2024",
    off: [
      ["2025-01-01", "2025-01-01", "Tết Dương lịch"],
      ["2025-01-25", "2025-02-02", "Tết Nguyên đán"],
      ["2025-04-07", "2025-04-07", "Giỗ Tổ Hùng Vương"],
      ["2025-04-30", "2025-05-04", "30/4 và 1/5 (hoán đổi 2/5)"],
      ["2025-08-30", "2025-09-02", "Quốc khánh"],
    ],
    makeup: [["2025-04-26", "Làm bù ngày 2/5"]],
  },
  2026: {
    source: "CV 12729/VPCP-KGVX ngày 25/12/2025; TB 9441/TB-BNV ngày 16/10/2025 theo CV 9859/VPCP-KGVX",
    off: [
      ["2026-01-01", "2026-01-04", "Tết Dương lịch (hoán đổi 2/1)"],
      ["2026-02-14", "2026-02-22", "Tết Nguyên đán"],
      ["2026-04-27", "2026-04-27", "Nghỉ bù Giỗ Tổ Hùng Vương"],
      ["2026-04-30", "2026-05-01", "30/4 và 1/5"],
      ["2026-08-29", "2026-09-02", "Quốc khánh (hoán đổi 31/8)"],
    ],
    makeup: [
      ["2026-01-10", "Làm bù ngày 2/1"],
      ["2026-08-22", "Làm bù ngày 31/8"],
    ],
  },
};

/** METHOD §0.6: the exceptions in force for a year — the announced schedule, else the default. */
export function exceptionsForYear(year: number): CalendarException[] {
  const a = ANNOUNCED[year];
  if (!a) return defaultExceptions(year);
  const out: CalendarException[] = [];
  for (const [from, to, name] of a.off) {
    for (const day of range(from, to)) if (!isWeekend(day)) out.push({ day, kind: "off", name, source: a.source });
  }
  for (const [day, name] of a.makeup) out.push({ day, kind: "makeup", name, source: a.source });
  return out.sort((x, y) => x.day.localeCompare(y.day));
}

/** The built-in exceptions for a span of years (what a new database starts with). */
export function builtinExceptions(fromYear: number, toYear: number): CalendarException[] {
  const out: CalendarException[] = [];
  for (let y = fromYear; y <= toYear; y++) out.push(...exceptionsForYear(y));
  return out;
}

/** The span of years the materialised calendar covers. */
export const CALENDAR_YEARS = { from: 2015, to: 2040 } as const;

/**
 * A working-day calendar over a list of exceptions, answering the questions of
 * METHOD §A.4 by walking the days, as the text reads.
 */
export class WorkCalendar {
  private readonly off = new Set<LocalDate>();
  private readonly makeup = new Set<LocalDate>();

  constructor(exceptions: Iterable<CalendarException>) {
    for (const e of exceptions) (e.kind === "off" ? this.off : this.makeup).add(e.day);
  }

  /** METHOD §0.6: working unless weekend or day off, make-up days always working. */
  isWorkingDay(day: LocalDate): boolean {
    if (this.makeup.has(day)) return true;
    return !isWeekend(day) && !this.off.has(day);
  }

  /** METHOD §A.4: the number of working days d with a < d ≤ b (0 when b ≤ a). */
  workingDaysBetween(a: LocalDate, b: LocalDate): number {
    let n = 0;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n;
  }

  /** METHOD §A.4 [decision] for §A.6: the n-th working day after `start` (`start` itself for n = 0). */
  nthWorkingDayAfter(start: LocalDate, n: number): LocalDate {
    let d = start;
    for (let counted = 0; counted < n;) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) counted++;
    }
    return d;
  }

  /** METHOD-766 §1: the n-th working day before `end`, `end` itself excluded. */
  nthWorkingDayBefore(end: LocalDate, n: number): LocalDate {
    let d = end;
    for (let counted = 0; counted < n;) {
      d = addDays(d, -1);
      if (this.isWorkingDay(d)) counted++;
    }
    return d;
  }

  /**
   * METHOD §A.4: the last date whose elapsed working days from `start` are ≤ n —
   * the day before the (n+1)-th working day after `start`.
   */
  lastOnTimeDay(start: LocalDate, n: number): LocalDate {
    let d = start;
    let counted = 0;
    for (;;) {
      const next = addDays(d, 1);
      if (this.isWorkingDay(next)) {
        if (counted === n) return d;
        counted++;
      }
      d = next;
    }
  }
}
