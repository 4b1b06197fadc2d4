/**
 * METHOD-766 §0.5 (the national cadence) and §0.4 (ranks): each unit's `index766.change`
 * is its index now less its index over the previous period of the same kind, as that
 * period stood at its end — computed here independently, period by period — and the
 * national layout's two group-3 columns (§3) add up to group 3.
 */
import { describe, expect, it } from "vitest";
import { computeScorecard, scorecard, type Scorecard } from "@/lib/engine/scorecard";
import { columnScore, comparedPeriod, movement766, NATIONAL_COLUMNS } from "@/lib/method/i766/movement";
import { index766, unitIndex, type Index766 } from "@/lib/method/i766/score";
import { makePeriod } from "@/lib/method/period";
import { DEMO_NOW, withDemo } from "../helpers/demo";
import ExcelJS from "exceljs";
import { scorecardWorkbook } from "@/lib/report/excel";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

const NOW = DEMO_NOW;
const demo = withDemo(3000);

const indexes = (c: Scorecard) => new Map(c.rows.map((r) => [r.key, unitIndex(r.index766)]));

describe("the movement against the previous period (METHOD-766 §0.5)", () => {
  // NOW is 12:00 on 25/11: the running month is set against October as of 12:00 on 25/10.
  const cases = [
    { kind: "ISO week", period: ["2026-11-16", "2026-11-22"], previous: ["2026-11-09", "2026-11-15"], asOf: null },
    {
      kind: "current month (running: the same elapsed part of the month before)",
      period: ["2026-11-01", "2026-11-30"],
      previous: ["2026-10-01", "2026-10-31"],
      asOf: "2026-10-25T12:00:00.000+07:00",
    },
    { kind: "quarter", period: ["2026-07-01", "2026-09-30"], previous: ["2026-04-01", "2026-06-30"], asOf: null },
    { kind: "custom range", period: ["2026-10-05", "2026-10-14"], previous: ["2026-09-25", "2026-10-04"], asOf: null },
  ] as const;
  for (const c of cases) {
    it(`${c.kind}: points and places moved equal the two periods computed apart`, async () => {
      const q = { by: "agency" as const, scope: EVERY_UNIT, filter: { topLevel: true }, profile: "766" as const };
      const card = await scorecard(demo.db.orm, { ...q, period: makePeriod(c.period[0], c.period[1], NOW) });
      const now = indexes(
        await computeScorecard(demo.db.orm, { ...q, period: makePeriod(c.period[0], c.period[1], NOW) }),
      );
      const before = indexes(
        await computeScorecard(demo.db.orm, {
          ...q,
          period: makePeriod(c.previous[0], c.previous[1], c.asOf ? new Date(c.asOf) : NOW),
        }),
      );
      let moved = 0;
      for (const row of card.rows) {
        const x = unitIndex(row.index766)!;
        const [a, seen] = [now.get(row.key)!, before.get(row.key) ?? null];
        // Nothing to compare with when the previous period counted no dossier (its 2.1 did not apply).
        const b = seen && seen.groups["2"].score !== null ? seen : null;
        expect(x.change!.previous).toEqual(
          c.asOf
            ? { from: c.previous[0], to: c.previous[1], asOf: c.asOf }
            : { from: c.previous[0], to: c.previous[1] },
        );
        expect(x.change!.total).toBe(a.total === null || b?.total == null ? null : a.total - b.total);
        expect(x.change!.rank).toBe(a.rank && b?.rank ? b.rank.position - a.rank.position : null);
        for (const g of ["1", "2", "3", "4", "5"] as const) {
          // A group compares only on the same applicable maximum.
          const alike =
            b && a.groups[g].max === b.groups[g].max && a.groups[g].score !== null && b.groups[g].score !== null;
          expect(x.change!.groups[g]).toBe(alike ? a.groups[g].score! - b.groups[g].score! : null);
        }
        // The figures themselves are the period's own, whatever is compared.
        expect({ ...x, change: undefined }).toEqual({ ...a, change: undefined });
        if (x.change!.total) moved++;
      }
      // The demo's units move: the test compares figures, not nulls.
      expect(moved).toBeGreaterThan(0);
    });
  }

  it("the Excel totals sheet writes each unit's move with its sign, and group 3 as its two national columns", async () => {
    const card = await scorecard(demo.db.orm, {
      period: makePeriod("2026-11-01", "2026-11-30", NOW),
      by: "agency",
      scope: EVERY_UNIT,
      filter: { topLevel: true },
      profile: "766",
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await scorecardWorkbook(card, "Tỉnh", {
        from: "2026-11-01",
        to: "2026-11-30",
        asOf: NOW,
      })) as unknown as ArrayBuffer,
    );
    const ws = wb.getWorksheet("766. Tổng điểm")!;
    const header = (ws.getRow(4).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    let checked = 0;
    card.rows.forEach((r, i) => {
      const x = unitIndex(r.index766)!;
      const row = ws.getRow(5 + i);
      expect(row.getCell(2).value).toBe(r.key);
      expect(row.getCell(col("Tổng điểm tăng (+) / giảm (−) so với kỳ trước")).value ?? null).toBe(x.change!.total);
      expect(row.getCell(col("Số bậc xếp hạng tăng (+) / giảm (−)")).value ?? null).toBe(x.change!.rank);
      const [a, b] = [
        row.getCell(col("3. Dịch vụ công trực tuyến: điểm")).value,
        row.getCell(col("3. Thanh toán trực tuyến: điểm")).value,
      ];
      if (typeof a === "number" && typeof b === "number") {
        expect(a + b).toBeCloseTo(x.groups["3"].score!, 10);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(0);
    expect(ws.getRow(5).getCell(col("Tổng điểm tăng (+) / giảm (−) so với kỳ trước")).numFmt).toMatch(/^\+0/);
  });

  it("a METHOD scorecard carries no 766 movement, and METHOD's fields are the same with it", async () => {
    const period = makePeriod("2026-10-01", "2026-10-31", NOW);
    const plain = await scorecard(demo.db.orm, { period, by: "agency", scope: EVERY_UNIT });
    const with766 = await scorecard(demo.db.orm, { period, by: "agency", scope: EVERY_UNIT, profile: "766" });
    expect(plain.rows.every((r) => r.index766 === undefined)).toBe(true);
    expect(with766.rows.map(({ index766: _, ...r }) => r)).toEqual(plain.rows);
  });
  it("read without its movement (the forecast, the worklist), the index is the same but for its change", async () => {
    const period = makePeriod("2026-11-16", "2026-11-22", NOW);
    const q = { period, by: "agency" as const, scope: EVERY_UNIT, profile: "766" as const };
    const [full, bare] = await Promise.all([scorecard(demo.db.orm, q), scorecard(demo.db.orm, q, { movement: false })]);
    expect(full.rows.some((r) => unitIndex(r.index766)?.change)).toBe(true);
    expect(bare.rows.every((r) => unitIndex(r.index766)?.change === undefined)).toBe(true);
    const strip = (c: Scorecard) =>
      c.rows.map((r) => {
        const i = unitIndex(r.index766);
        if (!i) return r;
        const { change: _, ...rest } = i;
        return { ...r, index766: rest };
      });
    expect(strip(bare)).toEqual(strip(full));
  });
});

describe("movement766 and the national columns, by hand (METHOD-766 §0.4, §3)", () => {
  const idx = (ratios: Record<string, number>, rank: Index766["rank"]): Index766 => ({
    ...index766(Object.fromEntries(Object.entries(ratios).map(([id, r]) => [id, { numerator: r, denominator: 100 }]))),
    rank,
  });

  it("points are now − before; places are before − now, within one tier only", () => {
    const before = idx({ "2.1": 50, "3.3": 25 }, { position: 4, of: 10, tier: "so_nganh" });
    const now = idx({ "2.1": 75, "3.3": 10 }, { position: 2, of: 10, tier: "so_nganh" });
    const m = movement766(now, before, { from: "2026-11-09", to: "2026-11-15" });
    // 2.1: 20 × 0.75 − 20 × 0.5 = +5; 3.3 (M 6, T 50 %): 6 × 10/50 − 6 × 25/50 = −1.8.
    expect(m.groups["2"]).toBeCloseTo(5, 12);
    expect(m.groups["3"]).toBeCloseTo(-1.8, 12);
    expect(m.groups["1"]).toBeNull(); // not applicable either time
    expect(m.total).toBeCloseTo(now.total! - before.total!, 12);
    expect(m.rank).toBe(2);
    expect(movement766(now, { ...before, rank: { position: 1, of: 3, tier: "xa" } }, m.previous).rank).toBeNull();
    expect(movement766(now, null, m.previous)).toMatchObject({ total: null, rank: null, groups: { "2": null } });
    // A group whose applicable maximum changed (3.3 then 3.3 + 3.6) has no movement; the total still has one.
    const wider = idx({ "2.1": 75, "3.3": 10, "3.6": 30 }, { position: 2, of: 10, tier: "so_nganh" });
    expect(movement766(wider, before, m.previous)).toMatchObject({ groups: { "2": 5, "3": null } });
    // A previous period without a dossier counted (2.1 not applicable) is nothing to compare with.
    expect(movement766(now, idx({ "1.3": 50 }, { position: 1, of: 10, tier: "so_nganh" }), m.previous)).toMatchObject({
      total: null,
      rank: null,
    });
  });

  it("a running period is set against the same elapsed part of the previous one; a finished one against its whole", () => {
    const running = comparedPeriod(makePeriod("2026-12-01", "2026-12-31", new Date("2026-12-06T10:00:00+07:00")));
    expect({ from: running.from, to: running.to, asOf: running.asOf.toISOString() }).toEqual({
      from: "2026-11-01",
      to: "2026-11-30",
      asOf: new Date("2026-11-06T10:00:00+07:00").toISOString(),
    });
    // 31 March against February: capped at February's end.
    expect(
      comparedPeriod(makePeriod("2026-03-01", "2026-03-31", new Date("2026-03-31T20:00:00+07:00"))).asOf.toISOString(),
    ).toBe(new Date("2026-02-28T23:59:59.999+07:00").toISOString());
    const done = comparedPeriod(makePeriod("2026-11-16", "2026-11-22", new Date("2026-12-06T10:00:00+07:00")));
    expect([done.from, done.to, done.asOf.getTime()]).toEqual(["2026-11-09", "2026-11-15", done.endAt.getTime()]);
  });

  it("group 3 splits into DVCTT (3.1–3.3, 12) and thanh toán (3.4–3.6, 10)", () => {
    const x = idx({ "3.1": 100, "3.3": 25, "3.6": 15, "4.2": 80 }, null);
    const [dvctt, pay] = [NATIONAL_COLUMNS.find((c) => c.key === "3a")!, NATIONAL_COLUMNS.find((c) => c.key === "3b")!];
    expect([dvctt.max, pay.max]).toEqual([12, 10]);
    expect(columnScore(x, dvctt.indicators)).toEqual({ score: 2 + 3, max: 8 });
    expect(columnScore(x, pay.indicators)).toEqual({ score: 3, max: 6 });
    expect(columnScore(x, dvctt.indicators).score! + columnScore(x, pay.indicators).score!).toBeCloseTo(
      x.groups["3"].score!,
      12,
    );
    expect(NATIONAL_COLUMNS.reduce((s, c) => s + c.max, 0)).toBe(100);
  });
});
