import { describe, expect, it } from "vitest";
import {
  defaultExceptions,
  exceptionsForYear,
  lunarNewYear,
  lunarToSolar,
  WorkCalendar,
  builtinExceptions,
} from "@/lib/method/calendar";
import { addDays, isoWeekday } from "@/lib/method/time";

/** Weekdays off and weekend days worked in a year, as the calendar computes them. */
function deviations(cal: WorkCalendar, year: number) {
  const off: string[] = [];
  const makeup: string[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
    const weekend = isoWeekday(d) >= 6;
    if (!weekend && !cal.isWorkingDay(d)) off.push(d.slice(5));
    if (weekend && cal.isWorkingDay(d)) makeup.push(d.slice(5));
  }
  return { off, makeup };
}

describe("METHOD §0.6 working-day calendar", () => {
  it("converts Tết and Giỗ Tổ exactly (lunar calendar at UTC+7), 2021–2027", () => {
    const expected: Record<number, [string, string]> = {
      2021: ["2021-02-12", "2021-04-21"],
      2022: ["2022-02-01", "2022-04-10"],
      2023: ["2023-01-22", "2023-04-29"],
      2024: ["2024-02-10", "2024-04-18"],
      2025: ["2025-01-29", "2025-04-07"],
      2026: ["2026-02-17", "2026-04-26"],
      2027: ["2027-02-06", "2027-04-16"],
    };
    for (const [y, [tet, hung]] of Object.entries(expected)) {
      expect(lunarNewYear(Number(y))).toBe(tet);
      expect(lunarToSolar(Number(y), 3, 10)).toBe(hung);
    }
  });

  const cal = new WorkCalendar(builtinExceptions(2021, 2027));
  const announced: Record<number, { off: string[]; makeup: string[] }> = {
    2021: {
      off: ["01-01", "02-10", "02-11", "02-12", "02-15", "02-16", "04-21", "04-30", "05-03", "09-02", "09-03"],
      makeup: [],
    },
    2022: {
      off: ["01-03", "01-31", "02-01", "02-02", "02-03", "02-04", "04-11", "05-02", "05-03", "09-01", "09-02"],
      makeup: [],
    },
    2023: {
      off: ["01-02", "01-20", "01-23", "01-24", "01-25", "01-26", "05-01", "05-02", "05-03", "09-01", "09-04"],
      makeup: [],
    },
    2024: {
      off: ["01-01", "02-08", "02-09", "02-12", "02-13", "02-14", "04-18", "04-29", "04-30", "05-01", "09-02", "09-03"],
      makeup: ["05-04"],
    },
    2025: {
      off: ["01-01", "01-27", "01-28", "01-29", "01-30", "01-31", "04-07", "04-30", "05-01", "05-02", "09-01", "09-02"],
      makeup: ["04-26"],
    },
    2026: {
      off: [
        "01-01",
        "01-02",
        "02-16",
        "02-17",
        "02-18",
        "02-19",
        "02-20",
        "04-27",
        "04-30",
        "05-01",
        "08-31",
        "09-01",
        "09-02",
      ],
      makeup: ["01-10", "08-22"],
    },
  };
  for (const [year, want] of Object.entries(announced)) {
    it(`gives exactly the announced days off and make-up days of ${year}`, () => {
      expect(deviations(cal, Number(year))).toEqual(want);
    });
  }

  it("cites the announcing document for each announced year", () => {
    for (const y of [2021, 2022, 2023, 2024, 2025, 2026]) {
      expect(exceptionsForYear(y).every((e) => (e.source ?? "").length > 5)).toBe(true);
    }
    expect(exceptionsForYear(2025).find((e) => e.day === "2025-04-26")?.source).toContain("8726/VPCP-KGVX");
  });

  it("defaults a year with no announced schedule from the Labour Code, with compensatory days (Art. 111(3))", () => {
    // 2027: Tết 6/2 is a Saturday → eve 5/2 and mùng 1–4 (6–9/2), weekend days compensated on 10–11/2;
    // 1/5 is a Saturday → Monday 3/5; 2/9 is a Thursday → 3/9 joins the weekend.
    expect(deviations(new WorkCalendar(defaultExceptions(2027)), 2027).off).toEqual([
      "01-01",
      "02-05",
      "02-08",
      "02-09",
      "02-10",
      "02-11",
      "04-16",
      "04-30",
      "05-03",
      "09-02",
      "09-03",
    ]);
  });

  it("counts working days in (a, b], with make-up Saturdays working (METHOD §A.4)", () => {
    expect(cal.workingDaysBetween("2025-04-25", "2025-04-26")).toBe(1); // make-up Saturday
    expect(cal.workingDaysBetween("2025-04-25", "2025-05-05")).toBe(4); // 26/4, 28/4, 29/4, 5/5
    expect(cal.workingDaysBetween("2026-01-09", "2026-01-12")).toBe(2); // make-up Saturday 10/1 and Monday
    expect(cal.workingDaysBetween("2025-01-24", "2025-02-03")).toBe(1); // all of Tết off
    expect(cal.workingDaysBetween("2025-03-07", "2025-03-07")).toBe(0);
  });

  it("finds the last on-time day: the day before the (N+1)-th working day", () => {
    expect(cal.lastOnTimeDay("2025-03-07", 1)).toBe("2025-03-10"); // Fri + 1 wd → Monday
    expect(cal.lastOnTimeDay("2025-03-06", 1)).toBe("2025-03-09"); // Thu + 1 → Fri and its weekend
    expect(cal.lastOnTimeDay("2025-03-07", 0)).toBe("2025-03-09"); // "trong ngày": until the next working day
    expect(cal.lastOnTimeDay("2025-01-24", 1)).toBe("2025-02-03"); // across Tết
  });
});
