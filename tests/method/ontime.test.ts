import { describe, expect, it } from "vitest";
import { builtinExceptions, WorkCalendar } from "@/lib/method/calendar";
import {
  derive,
  dueInstant,
  endOf,
  inPopulation,
  isWithinDeadline,
  onTimeIndicator,
  startOf,
  verdictOf,
  type Deadline,
  type DossierFacts,
} from "@/lib/method/ontime";
import { makePeriod, PeriodError } from "@/lib/method/period";
import { explain } from "@/lib/method/explain";
import { parseInstant } from "@/lib/method/time";

const cal = new WorkCalendar(builtinExceptions(2020, 2027));
const t = (s: string) => parseInstant(s)!; // yyyyMMddHHmmss, local time
const NOW = t("20261125120000");
const WD = (n: number): Deadline => ({ value: n, unit: "working_day" });

type Spec = Partial<Omit<DossierFacts, "steps">> & { steps?: Array<[number, string]> };
function dossier(p: Spec): DossierFacts {
  return {
    status: p.status ?? 4,
    receivedAt: p.receivedAt === undefined ? t("20250303090000") : p.receivedAt,
    refusedAt: p.refusedAt ?? null,
    syncedAt: p.syncedAt ?? t("20250303100000"),
    steps: (p.steps ?? []).map(([status, at]) => ({ status, at: t(at) })),
  };
}
const verdict = (f: DossierFacts, deadline: Deadline | null, from: string, to: string) =>
  verdictOf(derive(f), deadline, makePeriod(from, to, NOW), cal);

describe("METHOD §0.2 periods", () => {
  it("as-of is the period end for a past period and now for the current one", () => {
    expect(makePeriod("2025-03-01", "2025-03-31", NOW).asOf.toISOString()).toBe("2025-03-31T16:59:59.999Z");
    expect(makePeriod("2026-11-01", "2026-11-30", NOW).asOf).toEqual(NOW);
  });
  it("refuses a period wholly in the future, and malformed dates", () => {
    expect(() => makePeriod("2026-12-01", "2026-12-31", NOW)).toThrow(PeriodError);
    expect(() => makePeriod("2025-02-30", "2025-03-31", NOW)).toThrow(/không hợp lệ/);
  });
});

describe("METHOD §A.2 end of processing", () => {
  it("takes Đã xử lý xong (9) even when Đã trả kết quả (10) is present and earlier", () => {
    const d = derive(
      dossier({
        steps: [
          [10, "20250304100000"],
          [9, "20250305100000"],
        ],
      }),
    );
    expect(endOf(d, NOW)).toEqual({ at: t("20250305100000"), status: 9 });
  });
  it("otherwise the earliest other terminal status (8, 10, 7, 3 or NgayTuChoi)", () => {
    const d = derive(
      dossier({
        steps: [
          [10, "20250306100000"],
          [8, "20250305100000"],
        ],
      }),
    );
    expect(endOf(d, NOW)).toEqual({ at: t("20250305100000"), status: 8 });
    const r = derive(dossier({ refusedAt: t("20250304080000"), steps: [[10, "20250306100000"]] }));
    expect(endOf(r, NOW)).toEqual({ at: t("20250304080000"), status: 3 });
  });
  it("ignores events after the as-of instant: such a dossier is still in progress", () => {
    const d = derive(dossier({ steps: [[9, "20250401100000"]] }));
    expect(endOf(d, makePeriod("2025-03-01", "2025-03-31", NOW).asOf)).toBeNull();
    // …and a 10 before the as-of ends it when the 9 comes only after.
    const e = derive(
      dossier({
        steps: [
          [10, "20250320100000"],
          [9, "20250401100000"],
        ],
      }),
    );
    expect(endOf(e, makePeriod("2025-03-01", "2025-03-31", NOW).asOf)?.status).toBe(10);
  });
});

describe("METHOD §A.3 start of processing", () => {
  it("is NgayTiepNhan, else the earliest process step", () => {
    expect(startOf(dossier({}))?.source).toBe("received");
    const f = dossier({
      receivedAt: null,
      steps: [
        [4, "20250305080000"],
        [2, "20250304080000"],
      ],
    });
    expect(startOf(f)).toEqual({ at: t("20250304080000"), source: "first_step" });
  });
  it("with neither, the dossier is overdue whatever else it holds", () => {
    const f = dossier({ receivedAt: null, syncedAt: t("20250310090000") });
    expect(verdict(f, WD(100), "2025-03-01", "2025-03-31")).toBe("overdue");
  });
});

describe("METHOD §A.1 population", () => {
  const done = (at: string) => dossier({ receivedAt: t("20250210090000"), steps: [[9, at]] });
  it("includes dossiers carried over from an earlier period that were open when it began", () => {
    expect(verdict(done("20250305090000"), WD(30), "2025-03-01", "2025-03-31")).toBe("on_time");
    expect(verdict(dossier({ receivedAt: t("20250210090000") }), WD(3), "2025-03-01", "2025-03-31")).toBe("overdue");
  });
  it("excludes dossiers finished before the period began, and ones started after its as-of", () => {
    expect(verdict(done("20250228170000"), WD(30), "2025-03-01", "2025-03-31")).toBeNull();
    expect(verdict(dossier({ receivedAt: t("20250401090000") }), WD(3), "2025-03-01", "2025-03-31")).toBeNull();
  });
  it("excludes dossiers still in status 1 (Mới đăng ký)", () => {
    expect(verdict(dossier({ status: 1 }), WD(3), "2025-03-01", "2025-03-31")).toBeNull();
  });
  it("[decision] a dossier with no start belongs to the periods containing its first sync", () => {
    const f = dossier({ receivedAt: null, syncedAt: t("20250415090000") });
    expect(verdict(f, WD(3), "2025-03-01", "2025-03-31")).toBeNull();
    expect(verdict(f, WD(3), "2025-04-01", "2025-04-30")).toBe("overdue");
    expect(verdict(f, WD(3), "2025-05-01", "2025-05-31")).toBeNull();
  });
});

describe("METHOD §A.4 deadlines", () => {
  const fin = (received: string, end: string) => dossier({ receivedAt: t(received), steps: [[9, end]] });
  const v = (f: DossierFacts, d: Deadline) => verdict(f, d, "2020-01-01", "2026-11-25");

  it("hours: real elapsed hours, on time iff ≤ N", () => {
    expect(v(fin("20250303090000", "20250303170000"), { value: 8, unit: "hour" })).toBe("on_time");
    expect(v(fin("20250303090000", "20250303170001"), { value: 8, unit: "hour" })).toBe("late");
  });
  it("working days: counts working days d with date(start) < d ≤ date(end)", () => {
    expect(v(fin("20250307160000", "20250310170000"), WD(1))).toBe("on_time"); // Fri → Mon
    expect(v(fin("20250307160000", "20250311080000"), WD(1))).toBe("late"); // Fri → Tue
  });
  it("working days: a make-up Saturday is a working day (26/4/2025)", () => {
    expect(v(fin("20250425100000", "20250426100000"), WD(1))).toBe("on_time");
    expect(v(fin("20250425100000", "20250428100000"), WD(1))).toBe("late"); // 26/4 and 28/4 both count
    expect(v(fin("20250425100000", "20250505100000"), WD(4))).toBe("on_time"); // 26/4, 28/4, 29/4, 5/5
  });
  it("working days: 0 ('trong ngày') means finished on the date of start", () => {
    expect(v(fin("20250303090000", "20250303235959"), WD(0))).toBe("on_time");
    expect(v(fin("20250303090000", "20250304000000"), WD(0))).toBe("late");
    // Received Friday, finished Saturday: no working day has passed.
    expect(v(fin("20250307090000", "20250308090000"), WD(0))).toBe("on_time");
  });
  it("days: calendar days between the dates", () => {
    expect(v(fin("20250301090000", "20250331230000"), { value: 30, unit: "day" })).toBe("on_time");
    expect(v(fin("20250301090000", "20250401000000"), { value: 30, unit: "day" })).toBe("late");
  });
  it("months clamp to the month's last day: 31/1 + 1 month = 28/2, or 29/2 in a leap year", () => {
    const m1: Deadline = { value: 1, unit: "month" };
    expect(v(fin("20250131090000", "20250228230000"), m1)).toBe("on_time");
    expect(v(fin("20250131090000", "20250301000000"), m1)).toBe("late");
    expect(v(fin("20240131090000", "20240229230000"), m1)).toBe("on_time");
    expect(v(fin("20240229090000", "20250228120000"), { value: 1, unit: "year" })).toBe("on_time");
    expect(v(fin("20240229090000", "20250301120000"), { value: 1, unit: "year" })).toBe("late");
  });
  it("[decision] an unknown procedure or an unstated deadline is never on time", () => {
    expect(v(fin("20250303090000", "20250303100000"), null as unknown as Deadline)).toBe("late");
    expect(verdict(dossier({}), null, "2025-03-01", "2025-03-31")).toBe("overdue");
  });
  it("the due-instant form agrees with the elapsed form at every boundary", () => {
    const deadlines: Deadline[] = [
      { value: 8, unit: "hour" },
      { value: 2.5, unit: "hour" },
      WD(0),
      WD(1),
      WD(5),
      WD(20),
      { value: 0, unit: "day" },
      { value: 30, unit: "day" },
      { value: 1, unit: "month" },
      { value: 3, unit: "month" },
      { value: 1, unit: "year" },
    ];
    const starts = ["20250131163000", "20250124090000", "20250425100000", "20241231235959", "20260109080000"];
    for (const s of starts) {
      for (const d of deadlines) {
        const start = t(s);
        const due = dueInstant(start, d, cal);
        expect(isWithinDeadline(start, due, d, cal), `${s} ${d.value} ${d.unit}`).toBe(true);
        expect(isWithinDeadline(start, new Date(due.getTime() + 1), d, cal), `${s} ${d.value} ${d.unit} +1ms`).toBe(
          false,
        );
      }
    }
  });
});

describe("METHOD §A.4 [decision], §A.6: the due date people read", () => {
  it("is the N-th working day (Friday), while the due instant runs through the days off after it", () => {
    // Received Tuesday 24/11/2026, 3 working days: due Friday 27/11; a Saturday result is still on time.
    const f = dossier({ receivedAt: t("20261124090000"), status: 10, steps: [[10, "20261128100000"]] });
    const e = explain(f, WD(3), makePeriod("2026-11-01", "2026-11-30", t("20261201000000")), cal, true);
    expect(e.dueDate).toBe("2026-11-27");
    expect(e.dueAt?.slice(0, 10)).toBe("2026-11-29");
    expect(e.verdict).toBe("on_time");
  });
});

describe("METHOD §A.5 verdicts and rate", () => {
  it("in progress: within deadline at the as-of instant, else overdue", () => {
    const f = dossier({ receivedAt: t("20250303090000") });
    expect(verdict(f, WD(5), "2025-03-01", "2025-03-07")).toBe("within");
    expect(verdict(f, WD(5), "2025-03-01", "2025-03-31")).toBe("overdue");
  });
  it("rate = (đúng hạn + trong hạn) / population, banded", () => {
    const r = onTimeIndicator({ population: 120, onTime: 80, late: 15, withinDeadline: 17, overdue: 8 });
    expect(r.rate).toBeCloseTo(80.83333333333333, 12);
    expect(r.band).toBe("yellow");
    expect(onTimeIndicator({ population: 0, onTime: 0, late: 0, withinDeadline: 0, overdue: 0 })).toMatchObject({
      rate: null,
      band: "white",
    });
  });
  it("inPopulation is false exactly when the verdict is null", () => {
    const p = makePeriod("2025-03-01", "2025-03-31", NOW);
    const f = derive(dossier({ status: 1 }));
    expect(inPopulation(f, p)).toBe(false);
  });
});

describe("DATA.md §1 dates", () => {
  it("parses yyyyMMddHHmmss as local time and ISO 8601 with or without an offset", () => {
    expect(parseInstant("20220110090000")?.toISOString()).toBe("2022-01-10T02:00:00.000Z");
    expect(parseInstant("2022-01-10T09:00:00+07:00")?.toISOString()).toBe("2022-01-10T02:00:00.000Z");
    expect(parseInstant("2022-01-10T02:00:00Z")?.toISOString()).toBe("2022-01-10T02:00:00.000Z");
    expect(parseInstant("2022-01-10 09:00:00")?.toISOString()).toBe("2022-01-10T02:00:00.000Z");
    expect(parseInstant("")).toBeNull();
    expect(parseInstant("20220230090000")).toBeUndefined();
    expect(parseInstant("10/01/2022")).toBeUndefined();
  });
});
