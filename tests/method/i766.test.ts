/**
 * METHOD-766 §0 (scoring, N/A rescaling, ratings, ranks) and §2.1 (the 766 on-time
 * rule), on hand-worked cases.
 */
import { describe, expect, it } from "vitest";
import { builtinExceptions, WorkCalendar } from "@/lib/method/calendar";
import { GROUPS, INDICATORS } from "@/lib/method/i766/points";
import {
  competitionRanks,
  gainAtThreshold,
  index766,
  pointsFor,
  ratingOf,
  scoreIndicator,
} from "@/lib/method/i766/score";
import { appointmentDue, averageTime766, judge766, processingTime766, type Facts766 } from "@/lib/method/i766/ontime";
import { handling, publication } from "@/lib/method/i766/procedures-pakn";
import { counted766, COUNT_NAMES_766, type Count766 } from "@/lib/method/i766/indicators";
import { makePeriod, yearFraction } from "@/lib/method/period";
import { isoWeek, kindOf, periodLabel, previousPeriod } from "@/lib/ui/period";
import { parseInstant } from "@/lib/method/time";

const t = (s: string) => parseInstant(s)!;
const cal = new WorkCalendar(builtinExceptions(2025, 2027));

describe("METHOD-766 §1–§5: the point table", () => {
  it("gives 18, 20, 22, 22 and 18 points to the five groups, 100 in all", () => {
    const sums: Record<string, number> = {};
    for (const i of Object.values(INDICATORS)) sums[i.group] = (sums[i.group] ?? 0) + i.max;
    expect(sums).toEqual({ "1": 18, "2": 20, "3": 22, "4": 22, "5": 18 });
    expect(Object.values(GROUPS).map((g) => g.max)).toEqual([18, 20, 22, 22, 18]);
  });
});

describe("METHOD-766 §0.1: an indicator's points", () => {
  it("M at or above the threshold, r × M ÷ T below it", () => {
    expect(pointsFor(80, 2, 80)).toBe(2); // 3.1 at its 80 % threshold
    expect(pointsFor(40, 2, 80)).toBe(1);
    expect(pointsFor(25, 6, 50)).toBe(3); // 3.3
    expect(pointsFor(95, 20, 100)).toBe(19); // 2.1
  });
  it("§0.2: a zero denominator or absent data does not apply (no score)", () => {
    expect(scoreIndicator("3.2", { numerator: 0, denominator: 0 })).toMatchObject({
      score: null,
      applicable: false,
      ratio: null,
    });
    expect(scoreIndicator("1.1", { numerator: 3, denominator: 4, present: false })).toMatchObject({
      applicable: false,
      numerator: 3,
    });
    expect(scoreIndicator("4.2", { numerator: 3, denominator: 4 })).toMatchObject({
      ratio: 75,
      score: (75 * 4) / 80,
      applicable: true,
    });
  });
  it("shows the points reaching the threshold would add", () => {
    expect(gainAtThreshold(scoreIndicator("3.3", { numerator: 30, denominator: 100 }))).toBeCloseTo(6 - (30 * 6) / 50);
  });
});

describe("METHOD-766 §0.2: the total over the indicators that apply", () => {
  it("rescales to 100 over the applicable maxima", () => {
    // 2.1 at 95 % (19 of 20) and 1.4 at 100 % (6 of 6): 25 of 26 → 96.15…
    const x = index766({ "2.1": { numerator: 95, denominator: 100 }, "1.4": { numerator: 10, denominator: 10 } });
    expect(x.max).toBe(26);
    expect(x.total).toBeCloseTo((25 / 26) * 100, 10);
    expect(x.rating).toBe("xuat_sac");
    expect(x.groups["1"]).toMatchObject({ score: 6, max: 6 });
    expect(x.groups["4"]).toMatchObject({ score: null, max: 0 });
  });
  it("a unit whose only applicable indicator is 1.4 is scored on it alone; none applicable: no total", () => {
    const only = index766({ "1.4": { numerator: 0, denominator: 50 } });
    expect(only.total).toBe(0);
    expect(only.rating).toBe("yeu");
    expect(index766({}).total).toBeNull();
    expect(index766({}).rating).toBeNull();
  });
});

describe("METHOD-766 §0.3–§0.4: ratings and ranks", () => {
  it("rates the exact total at the legend's bounds", () => {
    expect([90, 89.999, 80, 79.99, 70, 69.9, 50, 49.99, null].map(ratingOf)).toEqual([
      "xuat_sac",
      "tot",
      "tot",
      "kha",
      "kha",
      "trung_binh",
      "trung_binh",
      "yeu",
      null,
    ]);
  });
  it("ranks 1, 1, 3 on ties and leaves units without a total unranked and uncounted", () => {
    const ranks = competitionRanks([
      { key: "a", total: 91 },
      { key: "b", total: 91 },
      { key: "c", total: 70 },
      { key: "d", total: null },
    ]);
    expect(Object.fromEntries(ranks)).toEqual({
      a: { position: 1, of: 3 },
      b: { position: 1, of: 3 },
      c: { position: 3, of: 3 },
    });
  });
});

const facts = (o: Partial<Facts766>): Facts766 => ({
  status: 4,
  receivedAt: t("20261102090000"),
  refusedAt: null,
  syncedAt: t("20261102090000"),
  steps: [],
  appointmentAt: null,
  ...o,
});
const november = makePeriod("2026-11-01", "2026-11-30", t("20261201000000"));
const fiveDays = { value: 5, unit: "working_day" as const };

describe("METHOD-766 §2.1: the 766 on-time rule", () => {
  it("subtracts the supplement wait: late by METHOD §A, on time by 766", () => {
    // Received Mon 2/11, 5 working days → due Mon 9/11 23:59:59.999; done Wed 11/11 10:00.
    // Supplement asked Tue 3/11 10:00, answered Thu 5/11 10:00: 48 h of waiting.
    const f = facts({
      steps: [
        { status: 5, at: t("20261103100000") },
        { status: 4, at: t("20261105100000") },
        { status: 9, at: t("20261111100000") },
      ],
    });
    const j = judge766(f, fiveDays, november, cal);
    expect(j.waitingMs).toBe(48 * 3_600_000);
    expect(j).toMatchObject({ verdict: "on_time", rule: "catalogue", end: { status: 9 } });
  });
  it("two supplement requests make it late, or overdue while in progress", () => {
    const steps = [
      { status: 5, at: t("20261103100000") },
      { status: 4, at: t("20261103110000") },
      { status: 5, at: t("20261104100000") },
      { status: 4, at: t("20261104110000") },
    ];
    expect(judge766(facts({ steps }), fiveDays, november, cal)).toMatchObject({
      verdict: "overdue",
      rule: "two_supplements",
    });
    expect(
      judge766(facts({ steps: [...steps, { status: 9, at: t("20261104120000") }] }), fiveDays, november, cal).verdict,
    ).toBe("late");
  });
  it("NgayHenTra decides before the catalogue; at 00:00:00 it means the end of that date", () => {
    expect(appointmentDue(t("20261106000000")).toISOString()).toBe(t("2026-11-06T23:59:59.999+07:00").toISOString());
    const f = facts({ appointmentAt: t("20261106000000"), steps: [{ status: 9, at: t("20261106200000") }] });
    expect(judge766(f, fiveDays, november, cal)).toMatchObject({ verdict: "on_time", rule: "appointment" });
    expect(judge766({ ...f, appointmentAt: t("20261105170000") }, fiveDays, november, cal)).toMatchObject({
      verdict: "late",
      rule: "appointment",
    });
  });
  it("ends at the highest-priority end status, not the earliest: Đã trả kết quả before Đã xử lý xong yields to it", () => {
    const f = facts({
      steps: [
        { status: 10, at: t("20261104100000") },
        { status: 9, at: t("20261112100000") },
      ],
    });
    expect(judge766(f, fiveDays, november, cal)).toMatchObject({ verdict: "late", end: { status: 9 } });
  });
  it("one supplement request with nothing after it finishes the dossier at that step", () => {
    const f = facts({ steps: [{ status: 5, at: t("20261104100000") }] });
    expect(judge766(f, fiveDays, november, cal)).toMatchObject({
      verdict: "on_time",
      end: { by: "single_supplement" },
    });
  });
  it("an event after the as-of instant has not happened yet", () => {
    const f = facts({ steps: [{ status: 9, at: t("20261120100000") }] });
    const asOf = makePeriod("2026-11-01", "2026-11-30", t("20261110120000"));
    expect(judge766(f, fiveDays, asOf, cal)).toMatchObject({ verdict: "overdue", end: null });
  });
  it("keeps drafts and dossiers ended before the period out of the population", () => {
    expect(judge766(facts({ status: 1 }), fiveDays, november, cal).verdict).toBeNull();
    const october = facts({ receivedAt: t("20261001090000"), steps: [{ status: 9, at: t("20261002090000") }] });
    expect(judge766(october, fiveDays, november, cal).verdict).toBeNull();
  });
});

describe("METHOD-766 §1.1–1.3 and §5.2–5.3 on one record (the rules the SQL counts)", () => {
  const march = { from: "2026-03-01", to: "2026-03-31", asOfDay: "2026-03-31" };
  it("§1.1–1.2: 5 working days before the effective date, after the announcement", () => {
    // 5th working day before Fri 20/3: 13/3; after Tue 10/3: 17/3.
    expect(
      publication({ NgayHieuLuc: "2026-03-20", NgayCongBo: "2026-03-13", NgayCongKhai: "2026-03-17" }, march, cal),
    ).toEqual({
      announced: { counted: true, onTime: true },
      madePublic: { counted: true, onTime: true },
      complete: null,
    });
    expect(
      publication({ NgayHieuLuc: "2026-03-20", NgayCongBo: "2026-03-16", NgayCongKhai: "2026-03-24" }, march, cal),
    ).toMatchObject({ announced: { counted: true, onTime: false }, madePublic: { counted: true, onTime: false } });
  });
  it("§1.2: not yet public and not yet due is left out; an announcement after the as-of date has not happened (§0.6)", () => {
    const early = { ...march, asOfDay: "2026-03-18" };
    expect(publication({ NgayCongBo: "2026-03-16", NgayCongKhai: null }, early, cal).madePublic).toEqual({
      counted: false,
      onTime: false,
    });
    expect(publication({ NgayCongBo: "2026-03-16", NgayCongKhai: null }, march, cal).madePublic).toEqual({
      counted: true,
      onTime: false,
    });
    expect(publication({ NgayCongBo: "2026-03-20", NgayHieuLuc: "2026-04-30" }, early, cal).announced).toEqual({
      counted: false,
      onTime: false,
    });
  });
  it("§1.3: empty counts as 0; an absent column is N/A", () => {
    expect(publication({ DayDuBoPhan: null }, march, cal).complete).toBe(false);
    expect(publication({}, march, cal)).toEqual({ announced: null, madePublic: null, complete: null });
  });
  it("§5.2–5.3: the 15th working day after reception; dislikes, lateness and repeated complaints", () => {
    // Received Mon 2/3: the 15th working day after is Mon 23/3.
    expect(handling({ NgayXuLyXong: "2026-03-23", SoThich: "1", SoKhongThich: "1" }, "2026-03-02", march, cal)).toEqual(
      { onTime: true, satisfied: true },
    );
    expect(handling({ NgayXuLyXong: "2026-03-24" }, "2026-03-02", march, cal)).toEqual({
      onTime: false,
      satisfied: false,
    });
    expect(handling({ NgayXuLyXong: null }, "2026-03-02", march, cal)).toEqual({ onTime: false, satisfied: false });
    expect(handling({ NgayXuLyXong: null }, "2026-03-16", march, cal)).toEqual({ onTime: true, satisfied: true });
    expect(
      handling({ NgayXuLyXong: "2026-03-03", SoThich: "0", SoKhongThich: "2" }, "2026-03-02", march, cal)?.satisfied,
    ).toBe(false);
    expect(handling({ NgayXuLyXong: "2026-03-03", KhieuNaiLai: "1" }, "2026-03-02", march, cal)?.satisfied).toBe(false);
    expect(handling({ SoThich: "3" }, "2026-03-02", march, cal)).toBeNull();
  });
});

describe("METHOD-766 §0.5: the national cadence's periods (ISO week, half-year)", () => {
  it("names ISO weeks by their Thursday's year, and half-years", () => {
    expect(isoWeek("2025-12-29")).toEqual({ year: 2026, week: 1 });
    expect(isoWeek("2026-11-23")).toEqual({ year: 2026, week: 48 });
    expect(isoWeek("2027-01-03")).toEqual({ year: 2026, week: 53 });
    expect(kindOf("2026-11-23", "2026-11-29")).toBe("week");
    expect(kindOf("2026-11-24", "2026-11-30")).toBe("custom");
    expect(kindOf("2026-07-01", "2026-12-31")).toBe("half");
    expect(periodLabel(makePeriod("2026-11-23", "2026-11-29"))).toBe("Tuần 48/2026 (23/11 – 29/11)");
    expect(periodLabel(makePeriod("2026-01-01", "2026-06-30"))).toBe("6 tháng đầu năm 2026");
    expect(previousPeriod(makePeriod("2026-07-01", "2026-12-31"), new Date("2027-01-05"))).toMatchObject({
      from: "2026-01-01",
      to: "2026-06-30",
    });
    expect(previousPeriod(makePeriod("2026-11-23", "2026-11-29"), new Date("2027-01-05"))).toMatchObject({
      from: "2026-11-16",
      to: "2026-11-22",
    });
  });
  it("§1.4: a period's share of a year for the fallback", () => {
    expect(yearFraction("2026-11-23", "2026-11-29")).toBe(1 / 52);
    expect(yearFraction("2026-02-01", "2026-02-28")).toBe(1 / 12);
    expect(yearFraction("2026-04-01", "2026-06-30")).toBe(1 / 4);
    expect(yearFraction("2026-07-01", "2026-12-31")).toBe(1 / 2);
    expect(yearFraction("2026-01-01", "2026-12-31")).toBe(1);
    expect(yearFraction("2026-03-05", "2026-03-14")).toBe(10 / 365);
  });
});

describe("METHOD-766 §0.2, §6: an absent column is N/A with null counts; nothing to count is 0 of 0", () => {
  const zero = Object.fromEntries(COUNT_NAMES_766.map((k) => [k, 0])) as Record<Count766, number>;
  const carriedAll = { announced: true, madePublic: true, complete: true, handled: true };
  const carriedNone = { announced: false, madePublic: false, complete: false, handled: false };
  it("tells the two apart for 1.x and 5.x", () => {
    // Records whose rows did not carry the columns: absent, whatever other files carried.
    const absent = index766(counted766({ ...zero, procedures: 4, feedback: 3, carried: carriedAll }));
    expect(absent.groups["1"].indicators["1.3"]).toMatchObject({
      numerator: null,
      denominator: null,
      applicable: false,
    });
    expect(absent.groups["5"].indicators["5.2"]).toMatchObject({
      numerator: null,
      denominator: null,
      applicable: false,
    });
    // No record at all, and the files carried the columns: nothing to count.
    const none = index766(counted766({ ...zero, carried: carriedAll }));
    expect(none.groups["1"].indicators["1.3"]).toMatchObject({ numerator: 0, denominator: 0, applicable: false });
    expect(none.groups["5"].indicators["5.2"]).toMatchObject({ numerator: 0, denominator: 0, applicable: false });
    expect(none.total).toBeNull();
  });
  it("a group with no record whose files never carried the columns reads them absent (null), not 0 of 0", () => {
    const never = index766(counted766({ ...zero, carried: carriedNone }));
    for (const id of ["1.1", "1.2", "1.3"] as const)
      expect(never.groups["1"].indicators[id]).toMatchObject({ numerator: null, denominator: null, applicable: false });
    for (const id of ["5.2", "5.3"] as const)
      expect(never.groups["5"].indicators[id]).toMatchObject({ numerator: null, denominator: null, applicable: false });
    // Only the indicators whose own columns were carried count 0 of 0.
    const some = index766(counted766({ ...zero, carried: { ...carriedNone, complete: true } }));
    expect(some.groups["1"].indicators["1.3"]).toMatchObject({ numerator: 0, denominator: 0 });
    expect(some.groups["1"].indicators["1.1"]).toMatchObject({ numerator: null, denominator: null });
  });
});

describe("METHOD-766 §2.2: the average processing time from exact sums", () => {
  const at = (s: string) => parseInstant(s)!;
  // Start, end and waiting of three dossiers, the second with a 2-hour supplement wait.
  const dossiers: Array<[Date, Date, number]> = [
    [at("20260907090000"), at("20260911170000"), 0],
    [at("20260904153000"), at("20260909101500"), 2 * 3_600_000],
    [at("20260908080000"), at("20260908113333"), 0],
  ];
  for (const unit of ["hour", "working_day", "day", "month", null] as const) {
    it(`is the mean of each dossier's time in ${unit ?? "an unknown unit"}, divided once`, () => {
      const times = dossiers.map(([s, e, w]) => processingTime766(s, e, w, unit, cal));
      const sums = {
        dossiers: dossiers.length,
        ms: dossiers.reduce((n, [s, e, w]) => n + e.getTime() - w - s.getTime(), 0),
        workingDays: dossiers.reduce((n, [s, e, w]) => n + processingTime766(s, e, w, "working_day", cal), 0),
      };
      const mean = times.reduce((a, b) => a + b, 0) / times.length;
      expect(averageTime766(sums, unit)).toBeCloseTo(mean, 9);
    });
  }
  it("is none without a dossier", () => {
    expect(averageTime766({ dossiers: 0, ms: 0, workingDays: 0 }, "hour")).toBeNull();
  });
  it("reads working days for a working-day procedure, and the milliseconds otherwise", () => {
    const sums = { dossiers: 2, ms: 2 * 86_400_000, workingDays: 6 };
    expect(averageTime766(sums, "working_day")).toBe(3);
    expect(averageTime766(sums, "day")).toBe(1);
    expect(averageTime766(sums, "hour")).toBe(24);
  });
});
