/**
 * The set computation of METHOD §A–§Đ on a small province whose every figure is
 * worked out by hand (see the comments), grouped by each dimension of §0.5.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { upsertDossiers, upsertFeedback, upsertReports, type DossierRow } from "@/lib/store/writes";
import {
  checkRow,
  computeScorecard,
  METHOD_COUNTS,
  scorecard,
  scorecards,
  type Scorecard,
} from "@/lib/engine/scorecard";
import { makePeriod } from "@/lib/method/period";
import { SYNC_MESSAGES } from "@/lib/method/sync";
import { parseInstant } from "@/lib/method/time";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";
import { EVERY_UNIT, subtreeOf } from "@/lib/engine/sql-util";

const t = (s: string) => parseInstant(s)!;
const MARCH = makePeriod("2025-03-01", "2025-03-31", t("20261125120000"));
let db: Database;

function dossier(
  code: string,
  unitCode: string,
  procedureCode: string,
  o: Partial<DossierRow> & { done?: string },
): DossierRow {
  const receivedAt = o.receivedAt === undefined ? null : o.receivedAt;
  const steps = [
    ...(receivedAt ? [{ status: 2, at: receivedAt }] : []),
    ...(o.done ? [{ status: 9, at: t(o.done) }] : []),
  ];
  return dossierRow({ code, unitCode, procedureCode, status: o.done ? 9 : 4, steps, ...o, receivedAt });
}

beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, {
    units: [
      ["T", "Tỉnh T", "tinh"],
      ["S1", "Sở S1", "so_nganh", "T"],
      ["S1a", "Chi cục S1a", "so_nganh", "S1"],
      ["X1", "UBND xã X1", "xa", "T"],
    ],
    procedures: [
      ["P1", 5, "working_day", true, ["F1", "Lĩnh vực 1"]],
      ["P2", 8, "hour", false, ["F1", "Lĩnh vực 1"]],
      ["P3", 10, "day", true, ["F2", "Lĩnh vực 2"]],
    ],
    authorities: [
      ["S1", "P1", 4, true],
      ["S1", "P2", 3],
      ["S1a", "P1", 3],
      ["S1a", "P3", null],
      ["X1", "P2", 4],
      ["X1", "P3", 3, true],
    ],
  });
  const fee = { feeLines: 1, feePositive: true };
  await upsertDossiers(db.orm, [
    // S1 P1 online via DVCQG, done in 2 working days: on time; fee paid online through DVCQG.
    dossier("d1", "S1", "P1", {
      receivedAt: t("20250303090000"),
      done: "20250305100000",
      channel: 2,
      source: "DVCQG",
      ...fee,
      paidOnline: 1,
    }),
    // S1 P1 direct, done 20/3, due 10/3: late; fee not paid.
    dossier("d2", "S1", "P1", { receivedAt: t("20250303090000"), done: "20250320100000", channel: 1, ...fee }),
    // S1a P1 online via the local portal, received Fri 28/3, open at 31/3 (1 working day): within; fee lines all 0.
    dossier("d3", "S1a", "P1", {
      receivedAt: t("20250328090000"),
      channel: 2,
      source: "DIAPHUONG",
      feeLines: 1,
      feePositive: false,
    }),
    // S1a P3 postal, received 1/2 (carried over), 10 days: overdue in March.
    dossier("d4", "S1a", "P3", { receivedAt: t("20250201090000"), channel: 3 }),
    // X1 P2, channel empty (direct), 7 hours: on time.
    dossier("d5", "X1", "P2", { receivedAt: t("20250310080000"), done: "20250310150000" }),
    // X1 P3 online, no fee line at all (stays payable), paid through the local gateway; open 19 days: overdue.
    dossier("d6", "X1", "P3", { receivedAt: t("20250312090000"), channel: 2, source: "DVCQG", paidOnline: 2 }),
    // X1 P2 still "Mới đăng ký", no reception: outside everything.
    dossier("d7", "X1", "P2", { status: 1, syncedAt: t("20250312090000") }),
    // S1 P1 finished in February: not in March's population.
    dossier("d8", "S1", "P1", { receivedAt: t("20250220090000"), done: "20250225100000", channel: 1, ...fee }),
  ]);
  await upsertFeedback(db.orm, [
    { code: "f1", receivedAt: t("20250305090000"), kind: 1, unitCode: "S1a", sector: "S", field: "F1" },
    { code: "f2", receivedAt: t("20250306090000"), kind: 2, unitCode: "X1", sector: "X", field: "F2" },
    { code: "f3", receivedAt: t("20250406090000"), kind: 1, unitCode: "X1", sector: "X", field: "F2" },
  ]);
  await upsertReports(db.orm, [
    { unitCode: "S1", fromDay: "2025-03-01", toDay: "2025-03-31", source: "bcqg", received: 2 },
    { unitCode: "S1", fromDay: "2025-03-01", toDay: "2025-03-31", source: "thongke", received: 3 },
    { unitCode: "S1a", fromDay: "2025-03-01", toDay: "2025-03-31", source: "bcqg", received: 2 },
    { unitCode: "X1", fromDay: "2025-03-01", toDay: "2025-03-15", source: "thongke", received: 1 },
    { unitCode: "X1", fromDay: "2025-03-16", toDay: "2025-03-31", source: "thongke", received: 1 },
    { unitCode: "X1", fromDay: "2025-02-01", toDay: "2025-03-31", source: "bcqg", received: 100 }, // not within March
  ]);
});
afterAll(() => db?.close());

const row = (s: Scorecard, key: string) => {
  const r = s.rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key}`);
  return r;
};

describe("scorecard by agency (METHOD §0.5: a parent's figure covers its sub-units' dossiers)", () => {
  let s: Scorecard;
  beforeAll(async () => {
    s = await scorecard(db.orm, { period: MARCH, by: "agency", scope: EVERY_UNIT });
  });

  it("§A: counts carry-overs, excludes status 1 and dossiers finished before the period", () => {
    expect(row(s, "S1").onTime).toMatchObject({
      population: 4,
      onTime: 1,
      late: 1,
      withinDeadline: 1,
      overdue: 1,
      rate: 50,
      band: "red",
    });
    expect(row(s, "X1").onTime).toMatchObject({
      population: 2,
      onTime: 1,
      late: 0,
      withinDeadline: 0,
      overdue: 1,
      rate: 50,
    });
    expect(row(s, "T").onTime).toMatchObject({
      population: 6,
      onTime: 2,
      late: 1,
      withinDeadline: 1,
      overdue: 2,
      rate: 50,
    });
    expect(row(s, "S1a").onTime).toMatchObject({ population: 2, withinDeadline: 1, overdue: 1 });
  });

  it("§B.1/§B.1a: distinct procedures at their highest declared level", () => {
    expect(row(s, "S1").online).toMatchObject({ procedures: 3, level4: 1, level3: 1, band: "green" });
    expect(row(s, "S1").online.level34Rate).toBeCloseTo(200 / 3, 10);
    expect(row(s, "T").online).toMatchObject({
      procedures: 3,
      level4: 2,
      level3: 1,
      level34Rate: 100,
      notProvidedRate: 0,
    });
    expect(row(s, "S1a").online).toMatchObject({
      procedures: 2,
      level4: 0,
      level3: 1,
      level34Rate: 50,
      band: "yellow",
    });
  });

  it("§B.2: level-3/4 services with an online dossier, split by where it was submitted", () => {
    expect(row(s, "S1").online).toMatchObject({
      servicesWithDossiers: 1,
      servicesWithDossiersRate: 50,
      servicesWithDossiersBySource: { dvcqg: 1, local: 1 },
    });
    expect(row(s, "X1").online).toMatchObject({
      servicesWithDossiers: 1,
      servicesWithDossiersRate: 50,
      servicesWithDossiersBySource: { dvcqg: 1, local: 0 },
    });
    expect(row(s, "T").online.servicesWithDossiers).toBe(2);
  });

  it("§B.3: channels over dossiers received in the period, empty counting as direct", () => {
    expect(row(s, "S1").online.channels).toMatchObject({ received: 3, online: 2, direct: 1, postal: 0 });
    expect(row(s, "X1").online.channels).toMatchObject({
      received: 2,
      online: 1,
      direct: 1,
      postal: 0,
      onlineRate: 50,
      directRate: 50,
    });
    const c = row(s, "T").online.channels;
    expect(c.onlineRate! + c.directRate! + c.postalRate!).toBeCloseTo(100, 10);
  });

  it("§B.4: online dossiers in progress, within deadline or overdue", () => {
    expect(row(s, "S1").online.onlineInProgress).toMatchObject({
      total: 1,
      withinDeadline: 1,
      overdue: 0,
      withinDeadlineRate: 100,
    });
    expect(row(s, "X1").online.onlineInProgress).toMatchObject({
      total: 1,
      withinDeadline: 0,
      overdue: 1,
      overdueRate: 100,
    });
  });

  it("§C.1–C.2: procedures with payments, and fee data against the catalogue", () => {
    expect(row(s, "S1").payment).toMatchObject({
      proceduresWithPayments: 1,
      proceduresWithFeeDossiers: 1,
      proceduresWithPaymentsRate: 100,
      proceduresWithFeeData: 1,
      proceduresWithCatalogueFee: 2,
      feeIntegrationRate: 50,
    });
    expect(row(s, "X1").payment).toMatchObject({
      proceduresWithFeeDossiers: 0,
      proceduresWithPaymentsRate: null,
      proceduresWithCatalogueFee: 1,
      proceduresWithFeeData: 0,
      feeIntegrationRate: 0,
    });
  });

  it("§C.3: integrated procedures only, all-zero fee lines out, no fee line in; local gateway shown beside", () => {
    expect(row(s, "S1").payment).toMatchObject({
      payableDossiers: 2,
      paidOnline: 1,
      paidLocal: 0,
      rate: 50,
      band: "green",
    });
    expect(row(s, "X1").payment).toMatchObject({
      payableDossiers: 1,
      paidOnline: 0,
      paidLocal: 1,
      rate: 0,
      band: "red",
    });
    expect(row(s, "T").payment.payableDossiers).toBe(3);
    expect(row(s, "T").payment.rate).toBeCloseTo(100 / 3, 10);
  });

  it("§D: feedback received in the period by class", () => {
    expect(row(s, "S1").feedback).toMatchObject({ total: 1, regulation: 1, conduct: 0, regulationRate: 100 });
    expect(row(s, "X1").feedback).toMatchObject({ total: 1, regulation: 0, conduct: 1 });
    expect(row(s, "T").feedback.total).toBe(2);
  });

  it("§Đ: reports within the period summed per source; denominator is the larger sum", () => {
    expect(row(s, "S1").sync).toMatchObject({
      synced: 3,
      reportedNational: 4,
      reportedPortal: 3,
      denominator: 4,
      rate: 75,
      message: null,
    });
    expect(row(s, "X1").sync).toMatchObject({
      synced: 2,
      reportedNational: 0,
      reportedPortal: 2,
      rate: 100,
      message: null,
    });
    expect(row(s, "S1a").sync).toMatchObject({ synced: 1, denominator: 2, rate: 50 });
  });
});

describe("scorecard by the other dimensions of §0.5", () => {
  it("all: one row equal to the province's", async () => {
    const all = await scorecard(db.orm, { period: MARCH, by: "all", scope: EVERY_UNIT });
    const agency = await scorecard(db.orm, { period: MARCH, by: "agency", scope: EVERY_UNIT });
    expect(all.rows).toHaveLength(1);
    expect(all.rows[0].key).toBe("ALL");
    expect({ ...all.rows[0], key: "", name: "", kind: null }).toEqual({
      ...row(agency, "T"),
      key: "",
      name: "",
      kind: null,
    });
  });
  it("procedure and field", async () => {
    const p = await scorecard(db.orm, { period: MARCH, by: "procedure", scope: EVERY_UNIT });
    expect(row(p, "P1").onTime).toMatchObject({ population: 3, onTime: 1, late: 1, withinDeadline: 1 });
    expect(row(p, "P1").name).toBe("Thủ tục P1");
    expect(row(p, "P1").sync.message).toBe(SYNC_MESSAGES.noReport); // reports belong to units, not procedures
    const f = await scorecard(db.orm, { period: MARCH, by: "field", scope: EVERY_UNIT });
    expect(row(f, "F1").onTime.population).toBe(4);
    expect(row(f, "F2").onTime.population).toBe(2);
    expect(row(f, "F2").feedback.total).toBe(1);
  });
  it("area: agencies count in the area they serve (a department in its province)", async () => {
    const a = await scorecard(db.orm, { period: MARCH, by: "area", scope: EVERY_UNIT });
    expect(a.rows.map((r) => r.key).sort()).toEqual(["T", "X1"]);
    expect(row(a, "T").onTime.population).toBe(6);
    expect(row(a, "X1").onTime.population).toBe(2);
  });
  it("a tier: only the direct children of a unit", async () => {
    const s = await scorecard(db.orm, { period: MARCH, by: "agency", scope: EVERY_UNIT, filter: { parent: "T" } });
    expect(s.rows.map((r) => r.key)).toEqual(["S1", "X1"]);
  });
  it("filters by procedure and field intersect with the grouping", async () => {
    const s = await scorecard(db.orm, { period: MARCH, by: "agency", scope: EVERY_UNIT, filter: { procedure: "P1" } });
    expect(row(s, "T").onTime.population).toBe(3);
    expect(row(s, "T").online.procedures).toBe(1);
  });
});

describe("scope in SQL", () => {
  it("a caller scoped to S1 sees S1 and its sub-unit only", async () => {
    const s = await scorecard(db.orm, { period: MARCH, by: "agency", scope: subtreeOf("S1") });
    expect(s.rows.map((r) => r.key)).toEqual(["S1", "S1a"]);
    const all = await scorecard(db.orm, { period: MARCH, by: "all", scope: subtreeOf("S1") });
    expect(all.rows[0].onTime.population).toBe(4);
    expect(all.rows[0].name).toBe("Sở S1");
  });
});

describe("several periods at once", () => {
  it("gives each period exactly what the computation of that period alone gives (cache or not)", async () => {
    const now = t("20261125120000");
    const periods = [
      makePeriod("2025-02-01", "2025-02-28", now),
      MARCH,
      makePeriod("2025-03-10", "2025-03-20", now),
      makePeriod("2025-01-01", "2025-12-31", now),
    ];
    for (const by of ["agency", "procedure", "field", "area", "all"] as const) {
      const many = await scorecards(db.orm, { periods, by, scope: EVERY_UNIT });
      for (const [i, p] of periods.entries()) {
        expect(many[i], `${by} ${p.from}`).toEqual(
          await computeScorecard(db.orm, { period: p, by, scope: EVERY_UNIT }),
        );
      }
    }
    const scoped = await scorecards(db.orm, {
      periods,
      by: "agency",
      scope: subtreeOf("S1"),
      filter: { procedure: "P1" },
    });
    expect(scoped[1]).toEqual(
      await computeScorecard(db.orm, {
        period: MARCH,
        by: "agency",
        scope: subtreeOf("S1"),
        filter: { procedure: "P1" },
      }),
    );
  });
});

describe("the statement's row shape (issue #26: a missing column is an error, not a zero)", () => {
  it("refuses counts without a field its profile reads, and lets a group without data be null", async () => {
    const card = await computeScorecard(db.orm, {
      period: makePeriod("2025-03-01", "2025-03-31"),
      by: "agency",
      scope: EVERY_UNIT,
    });
    expect(card.rows.length).toBeGreaterThan(0);
    const full = Object.fromEntries(METHOD_COUNTS.map((k) => [k, 0]));
    expect(() => checkRow({ c: full, f: null, r: null }, "200")).not.toThrow();
    expect(() => checkRow({ c: null, f: null, r: null }, "766")).not.toThrow();
    const { on_time: _, ...misspelt } = full;
    expect(() => checkRow({ c: misspelt, f: null, r: null }, "200")).toThrow(/on_time/);
    // The 766 profile reads more: METHOD's counts alone are not enough for it.
    expect(() => checkRow({ c: full, f: null, r: null }, "766")).toThrow(/g4/);
    expect(() => checkRow({ c: full, f: { total: 1, regulation: 1 }, r: null }, "200")).toThrow(/conduct/);
  });
});
