/**
 * "Cần ưu tiên" (issue #25, item 1): what each open dossier is worth equals the
 * difference the scorecard shows at the period's end between finishing it by its due
 * instant and finishing it late — METHOD §A.5's rate and METHOD-766 §2.1's points,
 * computed both ways on two identical provinces; an overdue dossier, or one due after the
 * period, is worth nothing in it; the order puts what can still be saved first; the
 * department filter folds names (METHOD-STEPS S.1.2); a scope sees its own subtree only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { addSteps, upsertDossiers, type DossierRow } from "@/lib/store/writes";
import { scorecard } from "@/lib/engine/scorecard";
import { cacheStats } from "@/lib/engine/scorecard-cache";
import { FORECAST_MAX_AGE_MS, periodEndForecast, worklist, type WorklistItem } from "@/lib/engine/worklist";
import { EVERY_UNIT, subtreeOf } from "@/lib/engine/sql-util";
import { makePeriod } from "@/lib/method/period";
import { unitIndex } from "@/lib/method/i766/score";
import { atStake } from "@/lib/method/worth";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";

const HOUR = 3_600_000;
const NOW = new Date("2026-10-14T10:00:00+07:00");
const OCTOBER = makePeriod("2026-10-01", "2026-10-31", NOW);
const AT_END = makePeriod("2026-10-01", "2026-10-31", new Date("2026-11-02T00:00:00+07:00"));
const at = (s: string) => new Date(`${s}+07:00`);

/** A unit S with finished dossiers on time and late, open ones due in October, one due in November, one overdue. */
function dossiers(): DossierRow[] {
  const list: DossierRow[] = [];
  const add = (code: string, received: string, steps: Array<[number, string, string?]>, unit = "S") =>
    list.push(
      dossierRow({
        code,
        unitCode: unit,
        procedureCode: "W",
        receivedAt: at(received),
        steps: steps.map(([status, t, department]) => ({ status, at: at(t), department: department ?? null })),
      }),
    );
  // Finished: W is 5 working days.
  add("F1", "2026-10-01T08:00:00", [
    [2, "2026-10-01T08:00:00"],
    [9, "2026-10-02T09:00:00"],
  ]);
  add("F2", "2026-09-25T08:00:00", [
    [2, "2026-09-25T08:00:00"],
    [9, "2026-10-10T09:00:00"],
  ]);
  add("F3", "2026-09-20T08:00:00", [
    [2, "2026-09-21T08:00:00"],
    [9, "2026-10-05T09:00:00"],
  ]);
  // Open, due in October (received 10-12/10-13: due 10-19/10-20), held by two departments.
  add("O1", "2026-10-12T08:00:00", [[2, "2026-10-12T08:00:00", "Phòng Hộ tịch"]]);
  add("O2", "2026-10-13T09:00:00", [[4, "2026-10-13T09:00:00", " phòng  HỘ TỊCH "]]);
  add("O3", "2026-10-13T15:00:00", [[4, "2026-10-13T15:00:00", "Phòng Tư pháp"]]);
  // Overdue now (received 10-01: due 10-08).
  add("L1", "2026-10-01T10:00:00", [[4, "2026-10-02T10:00:00", "Phòng Tư pháp"]]);
  // Never received, sent in September: open now, counted overdue, on the list whatever the period.
  list.push(
    dossierRow({ code: "N1", unitCode: "S", procedureCode: "W", status: 4, syncedAt: at("2026-09-15T08:00:00") }),
  );
  // In another unit of the province, for the scope.
  add("X1", "2026-10-13T08:00:00", [[4, "2026-10-13T08:00:00"]], "X");
  return list;
}

async function province(): Promise<Database> {
  const db = await testDatabase();
  await buildProvince(db, {
    units: [
      ["T", "Tỉnh", "tinh"],
      ["S", "Sở Tư pháp", "so_nganh", "T"],
      ["X", "Xã", "xa", "T"],
    ],
    procedures: [["W", 5, "working_day"]],
  });
  await upsertDossiers(db.orm, dossiers(), NOW);
  return db;
}

let onTime: Database;
let late: Database;
let list: WorklistItem[];
beforeAll(async () => {
  [onTime, late] = await Promise.all([province(), province()]);
  list = (await worklist(onTime.orm, { period: OCTOBER, scope: EVERY_UNIT })).items;
});
afterAll(async () => {
  await onTime?.close();
  await late?.close();
});

/** The unit's METHOD §A.5 rate and 766 §2.1 points at the period's end. */
async function figures(db: Database, unit: string) {
  const card = await scorecard(db.orm, { period: AT_END, by: "agency", scope: EVERY_UNIT, profile: "766" });
  const row = card.rows.find((r) => r.key === unit)!;
  const index = unitIndex(row.index766)!;
  return { rate: row.onTime.rate!, points: index.groups["2"].indicators["2.1"]!.score!, total: index.total! };
}

describe("what an open dossier is worth (METHOD §A.5, METHOD-766 §2.1)", () => {
  it("equals the scorecard's difference at the period's end between finishing it on time and late", async () => {
    const o1 = list.find((x) => x.code === "O1")!;
    expect(o1.overdue).toBe(false);
    expect(o1.worthRate).toBeGreaterThan(0);
    expect(o1.worthPoints766).toBeGreaterThan(0);
    const due = o1.dueMs!;
    // Finished both ways after now, within October: just before its due instant, and an hour after it.
    await addSteps(onTime.orm, [{ dossierCode: "O1", status: 9, at: new Date(due - HOUR) }]);
    await addSteps(late.orm, [{ dossierCode: "O1", status: 9, at: new Date(due + HOUR) }]);
    const [a, b] = await Promise.all([figures(onTime, "S"), figures(late, "S")]);
    expect(a.rate - b.rate).toBeCloseTo(o1.worthRate, 9);
    expect(a.points - b.points).toBeCloseTo(o1.worthPoints766, 9);
  });

  it("an overdue dossier is worth nothing: finishing it now or never leaves the period's figures as they are", async () => {
    const l1 = list.find((x) => x.code === "L1")!;
    expect(l1).toMatchObject({ overdue: true, worthRate: 0, worthPoints766: 0 });
    expect(l1.leftMs!).toBeLessThan(0);
    expect(l1.leftWorkingDays!).toBeLessThan(0);
    const before = await figures(onTime, "S");
    await addSteps(onTime.orm, [{ dossierCode: "L1", status: 9, at: new Date(NOW.getTime() + HOUR) }]);
    const after = await figures(onTime, "S");
    expect(after).toEqual(before);
  });

  it("a dossier due after the period's end is worth nothing in it", async () => {
    const week = makePeriod("2026-10-12", "2026-10-18", NOW);
    const items = (await worklist(late.orm, { period: week, scope: EVERY_UNIT })).items;
    // O2 falls due on 10-20, after the week: at stake in October, not in this week.
    expect(list.find((x) => x.code === "O2")!.worthRate).toBeGreaterThan(0);
    expect(items.find((x) => x.code === "O2")).toMatchObject({ worthRate: 0, worthPoints766: 0 });
  });
});

describe("the period-end forecast (issue #25, item 2)", () => {
  it("is the scorecard at the period's end if every dossier at stake ends late (low) or by its due instant (high)", async () => {
    const f = await periodEndForecast(late.orm, { period: OCTOBER, scope: EVERY_UNIT, unit: "S" });
    expect(f.atStake).toBe(3);
    expect(f.atStake766).toBe(3);
    // The other two at stake end late here (O1 already did), and on time there (O2, O3; O1 did; L1 ended late).
    const stake = list.filter((x) => ["O2", "O3"].includes(x.code));
    await addSteps(
      late.orm,
      stake.map((x) => ({ dossierCode: x.code, status: 9, at: new Date(x.dueMs! + HOUR) })),
    );
    await addSteps(
      onTime.orm,
      stake.map((x) => ({ dossierCode: x.code, status: 9, at: new Date(x.dueMs! - HOUR) })),
    );
    const [high, low] = await Promise.all([figures(onTime, "S"), figures(late, "S")]);
    expect(f.onTime.low).toBeCloseTo(low.rate, 9);
    expect(f.onTime.high).toBeCloseTo(high.rate, 9);
    expect(f.total766.low).toBeCloseTo(low.total, 9);
    expect(f.total766.high).toBeCloseTo(high.total, 9);
    expect(f.onTime.low!).toBeLessThan(f.onTime.high!);
  });
});

describe("the worklist's order, filters and scope", () => {
  it("puts what can still be saved in the period first, by time left; then the overdue; then what is due later", async () => {
    const open = list.filter((x) => !x.overdue);
    expect(open.map((x) => x.leftMs)).toEqual([...open.map((x) => x.leftMs)].sort((a, b) => a! - b!));
    expect(list.findIndex((x) => x.overdue)).toBe(open.length);
    // A dossier never received stays on the list in every period (the early warnings list it too).
    expect(list.find((x) => x.code === "N1")).toMatchObject({
      overdue: true,
      startMs: null,
      dueMs: null,
      worthRate: 0,
    });
    const week = (
      await worklist(onTime.orm, { period: makePeriod("2026-10-12", "2026-10-18", NOW), scope: EVERY_UNIT })
    ).items;
    expect(week.map((x) => x.code).sort()).toEqual(list.map((x) => x.code).sort());
    const parts = week.map((x) => (x.overdue ? 1 : x.dueInPeriod ? 0 : 2));
    expect(parts).toEqual([...parts].sort());
    expect(parts.at(-1)).toBe(2);
  });

  it("filters by the department holding the dossier, its name folded (S.1.2)", async () => {
    const held = await worklist(onTime.orm, {
      period: OCTOBER,
      scope: EVERY_UNIT,
      filter: { department: "PHÒNG hộ tịch" },
    });
    expect(held.items.map((x) => x.code).sort()).toEqual(["O1", "O2"]);
    expect(held.items.every((x) => x.department.key === "phòng hộ tịch")).toBe(true);
    // The departments to choose from are all of them, whatever is chosen; "Chưa xác định" names the unnamed.
    expect(held.departments.map((d) => d.name).sort()).toEqual(["Chưa xác định", "Phòng Hộ tịch", "Phòng Tư pháp"]);
    const unnamed = await worklist(onTime.orm, {
      period: OCTOBER,
      scope: EVERY_UNIT,
      filter: { department: "Chưa xác định" },
    });
    expect(unnamed.items.map((x) => x.code).sort()).toEqual(["N1", "X1"]);
  });

  it("reads the caller's subtree only", async () => {
    const own = await worklist(onTime.orm, { period: OCTOBER, scope: subtreeOf("X") });
    expect(own.items.map((x) => x.code)).toEqual(["X1"]);
    expect(list.map((x) => x.code)).toContain("X1");
  });
});

describe("the forecast's count of dossiers at stake (issue #25, item 2; METHOD §A.4, METHOD-766 §2.1)", () => {
  let db: Database;
  beforeAll(async () => {
    db = await province();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("counts the dossiers the worklist marks at stake, for the scope and for each unit", async () => {
    for (const unit of [undefined, "S", "X"]) {
      const scope = unit ? subtreeOf(unit) : EVERY_UNIT;
      for (const period of [OCTOBER, makePeriod("2026-10-12", "2026-10-18", NOW)]) {
        const [f, w] = await Promise.all([
          periodEndForecast(db.orm, { period, scope, unit }),
          worklist(db.orm, { period, scope, filter: { unit } }),
        ]);
        expect(f.atStake).toBe(w.atStake);
        if (unit === "S") expect(f.atStake766).toBe(w.items.filter((x) => x.worthPoints766 > 0).length);
      }
    }
  });

  it("marks at stake exactly the dossiers lib/method/worth.ts's rule does, whatever the period", async () => {
    const seen = new Set<string>();
    const periods = [OCTOBER, makePeriod("2026-10-12", "2026-10-18", NOW), makePeriod("2026-10-01", "2026-10-19", NOW)];
    for (const period of periods) {
      for (const x of (await worklist(db.orm, { period, scope: EVERY_UNIT })).items) {
        const rule = atStake(NOW, x.dueMs === null ? null : new Date(x.dueMs), period.endAt);
        expect(x.dueInPeriod, `${x.code} ${period.to}`).toBe(rule);
        seen.add(`${period.to}:${rule}`);
      }
    }
    // The periods set some dossiers at stake and leave others out, with different cut-offs.
    expect([...seen].sort()).toEqual(
      expect.arrayContaining(["2026-10-18:false", "2026-10-19:false", "2026-10-19:true", "2026-10-31:true"]),
    );
  });

  it("is shared by the requests asking at the same moment, and is at most a minute old ([decision])", async () => {
    // Asked first at T (the test before asked at NOW, T is well past its minute).
    const T = NOW.getTime() + 10 * FORECAST_MAX_AGE_MS;
    const ask = (ms = 0) =>
      periodEndForecast(db.orm, {
        period: makePeriod(OCTOBER.from, OCTOBER.to, new Date(T + ms)),
        scope: EVERY_UNIT,
      });
    const before = cacheStats(db.orm).recentHits;
    const [a, b] = await Promise.all([ask(), ask()]);
    expect(cacheStats(db.orm).recentHits).toBe(before + 1);
    expect(b).toEqual(a);
    expect(a.atStake).toBe(4); // O1, O2, O3 and X1
    // O2 finishes. Half a minute later the forecast is still the one computed at T, and says so.
    await addSteps(db.orm, [{ dossierCode: "O2", status: 9, at: at("2026-10-14T09:00:00") }]);
    const soon = await ask(30_000);
    expect(soon.atStake).toBe(4);
    expect(soon.period.asOf).toEqual(new Date(T));
    // A minute on, it is computed again: one fewer at stake.
    const later = await ask(FORECAST_MAX_AGE_MS);
    expect(later.atStake).toBe(3);
    expect(later.period.asOf).toEqual(new Date(T + FORECAST_MAX_AGE_MS));
  });
});
