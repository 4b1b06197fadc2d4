/**
 * What agencies work from: the early warning (METHOD §A.4 due instants), the rate if
 * data defects were fixed (§A.3, §A.4 [decision]), the paged list behind a count, the
 * periods the pages compare, and the bound on the scorecard cache.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { cacheStats } from "@/lib/engine/scorecard-cache";
import { listDossiers } from "@/lib/engine/dossier-list";
import { scorecard } from "@/lib/engine/scorecard";
import { earlyWarnings } from "@/lib/engine/warnings";
import { onTimeIfFixed } from "@/lib/engine/what-if";
import { makePeriod } from "@/lib/method/period";
import { parseInstant } from "@/lib/method/time";
import { previousPeriod, trendMonths } from "@/lib/ui/period";
import { upsertDossiers } from "@/lib/store/writes";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";
import { EVERY_UNIT, subtreeOf } from "@/lib/engine/sql-util";

const t = (s: string) => parseInstant(s)!;
// Monday 10/3/2025, 10:00.
const NOW = t("20250310100000");
let db: Database;

beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, {
    units: [
      ["T", "Tỉnh", "tinh"],
      ["A", "Sở A", "so_nganh", "T"],
      ["B", "Xã B", "xa", "T"],
    ],
    procedures: [
      ["P5", 5, "working_day"],
      ["P20", 20, "working_day"],
    ],
  });
  const open = (code: string, unitCode: string, procedureCode: string | null, received: string | null) =>
    dossierRow({
      code,
      unitCode,
      procedureCode,
      status: 4,
      receivedAt: received ? t(received) : null,
      syncedAt: t("20250303090000"),
    });
  await upsertDossiers(
    db.orm,
    [
      open("late", "A", "P5", "20250224090000"), // due Mon 3/3: overdue now
      open("soon", "A", "P5", "20250305090000"), // due Wed 12/3: 2 working days away
      open("later", "A", "P20", "20250305090000"), // due in April
      open("nodeadline", "B", "MISSING", "20250303090000"), // no known deadline: counted late (§A.4 [decision])
      open("nostart", "B", "P5", null), // no start: overdue (§A.3)
      ...Array.from({ length: 23 }, (_, i) => open(`many-${String(i).padStart(2, "0")}`, "B", "P20", "20250306090000")),
    ],
    NOW,
  );
});
afterAll(() => db?.close());

describe("early warning (METHOD §A.4)", () => {
  it("lists the overdue and those due within N working days, not the later ones", async () => {
    const w = await earlyWarnings(db.orm, { scope: EVERY_UNIT, unit: "A", workingDays: 2, now: NOW });
    expect(w.items.map((i) => [i.code, i.overdue])).toEqual([
      ["late", true],
      ["soon", false],
    ]);
    expect(w.byUnit).toEqual([{ unitCode: "A", unitName: "Sở A", overdue: 1, soon: 1 }]);
    expect(
      (await earlyWarnings(db.orm, { scope: EVERY_UNIT, unit: "A", workingDays: 1, now: NOW })).items.map(
        (i) => i.code,
      ),
    ).toEqual(["late"]);
  });
  it("lists as overdue the open dossier without a start (§A.3) and the one without a known deadline (§A.4 [decision]), as the scorecard counts them", async () => {
    const w = await earlyWarnings(db.orm, { scope: EVERY_UNIT, unit: "B", workingDays: 0, now: NOW });
    expect(w.items.map((i) => [i.code, i.overdue, i.startMs === null])).toEqual([
      ["nodeadline", true, false],
      ["nostart", true, true],
    ]);
    expect(w.byUnit).toEqual([{ unitCode: "B", unitName: "Xã B", overdue: 2, soon: 0 }]);
  });
  it("stays within the caller's scope", async () => {
    const w = await earlyWarnings(db.orm, { scope: subtreeOf("B"), workingDays: 30, now: NOW });
    expect(new Set(w.items.map((i) => i.unitCode))).toEqual(new Set(["B"]));
  });
});

describe("the rate if the data were fixed (METHOD §A.3, §A.4 [decision])", () => {
  it("counts as on time, at most, only the dossiers late for missing data", async () => {
    const march = makePeriod("2025-03-01", "2025-03-31", NOW);
    const b = (await onTimeIfFixed(db.orm, march, EVERY_UNIT)).get("B")!;
    // 25 dossiers: 23 within their 20 days, one with no deadline, one with no start.
    expect(b).toEqual({ population: 25, forced: 2, rate: 92, rateIfFixed: 100 });
    expect((await onTimeIfFixed(db.orm, march, subtreeOf("A"))).has("B")).toBe(false);
  });
});

describe("the list behind a count", () => {
  it("pages with the total of the whole list", async () => {
    const march = makePeriod("2025-03-01", "2025-03-31", NOW);
    const first = await listDossiers(db.orm, { period: march, scope: EVERY_UNIT, unit: "B", limit: 10, offset: 0 });
    const last = await listDossiers(db.orm, { period: march, scope: EVERY_UNIT, unit: "B", limit: 10, offset: 20 });
    expect(first.total).toBe(25);
    expect(last.total).toBe(25);
    expect(first.items).toHaveLength(10);
    expect(last.items).toHaveLength(5);
    expect(new Set([...first.items, ...last.items].map((i) => i.code)).size).toBe(15);
  });
});

describe("why a dossier counts against the rate (METHOD §A.3, §A.4)", () => {
  it("separates genuine lateness from gaps in the data, and sorts the late by how late", async () => {
    const march = makePeriod("2025-03-01", "2025-03-31", NOW);
    const all = await listDossiers(db.orm, { period: march, scope: EVERY_UNIT, limit: 100 });
    const reason = Object.fromEntries(all.items.map((i) => [i.code, i.reason]));
    expect(reason).toMatchObject({
      late: "late",
      nodeadline: "unknown_procedure",
      nostart: "no_start",
      soon: null,
      later: null,
    });
    expect(all.items.find((i) => i.code === "soon")).toMatchObject({ unitName: "Sở A", procedureName: "Thủ tục P5" });
    const gaps = await listDossiers(db.orm, { period: march, scope: EVERY_UNIT, reason: "no_start" });
    expect(gaps.items.map((i) => i.code)).toEqual(["nostart"]);
    const byLateness = await listDossiers(db.orm, { period: march, scope: EVERY_UNIT, sort: "lateness", limit: 1 });
    // Due Mon 3/3 end of day, open at the as-of instant (10/3 10:00): 6 days and 10 hours late.
    expect(byLateness.items[0]).toMatchObject({ code: "late", reason: "late" });
    expect(Math.round(byLateness.items[0].lateMs! / 3_600_000)).toBe(6 * 24 + 10);
  });
});

describe("periods the pages compare (METHOD §0.2)", () => {
  const now = t("20251115120000");
  it("the previous period has the same kind and length", () => {
    const prev = (from: string, to: string) => {
      const p = previousPeriod(makePeriod(from, to, now), now);
      return [p.from, p.to];
    };
    expect(prev("2025-03-01", "2025-03-31")).toEqual(["2025-02-01", "2025-02-28"]);
    expect(prev("2025-04-01", "2025-06-30")).toEqual(["2025-01-01", "2025-03-31"]);
    expect(prev("2025-01-01", "2025-12-31")).toEqual(["2024-01-01", "2024-12-31"]);
    expect(prev("2025-03-10", "2025-03-16")).toEqual(["2025-03-03", "2025-03-09"]);
  });
  it("the trend is the twelve months up to the period's last month, or this month if earlier", () => {
    const months = trendMonths(makePeriod("2025-01-01", "2025-12-31", now), now);
    expect(months).toHaveLength(12);
    expect([months[0].from, months[11].from, months[11].to]).toEqual(["2024-12-01", "2025-11-01", "2025-11-30"]);
    expect(months[11].asOf).toEqual(now);
  });
});

describe("the scorecard cache", () => {
  it("keeps at most 200 past scorecards, evicting the least recently used", async () => {
    const day = (i: number) =>
      `2024-${String(1 + Math.floor(i / 28)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    const read = (i: number) =>
      scorecard(db.orm, { period: makePeriod(day(i), day(i), NOW), by: "all", scope: EVERY_UNIT });
    await read(0);
    for (let i = 1; i <= 210; i++) {
      await read(i);
      if (i % 50 === 0) await read(0); // used again: stays
    }
    expect(cacheStats(db.orm).entries).toBe(200);
    const hits = cacheStats(db.orm).hits;
    await read(0);
    expect(cacheStats(db.orm).hits).toBe(hits + 1);
    await read(1); // the oldest not used since: evicted
    expect(cacheStats(db.orm).hits).toBe(hits + 1);
  });
});

describe("the data review follows the period", () => {
  it("counts the defects of the dossiers the period's figures count, not of every dossier", async () => {
    const { countDefects } = await import("@/lib/engine/data-defects");
    const march = makePeriod("2025-03-01", "2025-03-31", NOW);
    const january = makePeriod("2025-01-01", "2025-01-31", NOW);
    const count = (rows: Awaited<ReturnType<typeof countDefects>>, unit: string) =>
      rows.find((r) => r.unitCode === unit)?.counts.unknown_procedure ?? 0;
    expect(count(await countDefects(db.orm, { scope: EVERY_UNIT }), "B")).toBe(1);
    expect(count(await countDefects(db.orm, { scope: EVERY_UNIT, period: march }), "B")).toBe(1);
    expect(count(await countDefects(db.orm, { scope: EVERY_UNIT, period: january }), "B")).toBe(0);
  });
});
