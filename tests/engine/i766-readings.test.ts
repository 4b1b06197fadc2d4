/**
 * Readings of METHOD-766 an independent reader made differently (issue: the 766 index
 * never at odds with METHOD, item 6). §3.4: a procedure counts when one of its
 * fee-carrying dossiers was paid online — a dossier paid online without a fee does not
 * make it count — while METHOD §C.1's own figure is unchanged. §2.2: the average time's
 * unit is named as METHOD-766 names it: hours, working_days or days. §0.2: a group with no
 * record reads null counts unless a file of its kind carried the columns (remembered per import).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { upsertDossiers, upsertFeedback } from "@/lib/store/writes";
import { importReference } from "@/lib/ingest/import";
import { scorecard } from "@/lib/engine/scorecard";
import { unitIndex } from "@/lib/method/i766/score";
import { makePeriod } from "@/lib/method/period";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

let db: Database;
const MARCH = makePeriod("2026-03-01", "2026-03-31", new Date("2026-04-10T00:00:00Z"));
const at = new Date("2026-03-10T02:00:00Z");

beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, {
    units: [
      ["T", "Tỉnh", "tinh"],
      ["S", "Sở", "so_nganh", "T"],
    ],
    procedures: [
      ["P", 5, "day", true],
      ["Q", 5, "day", true],
      ["H", 8, "hour"],
      ["W", 2, "working_day"],
      ["M", 1, "month"],
    ],
    authorities: [
      ["S", "P", 4, true],
      ["S", "Q", 4, true],
      ["S", "H", 3],
      ["S", "W", 3],
      ["S", "M", 3],
    ],
  });
  const d = (code: string, procedureCode: string, feePositive: boolean, paidOnline: number | null) =>
    dossierRow({
      code,
      unitCode: "S",
      procedureCode,
      receivedAt: at,
      steps: [{ status: 2, at }],
      feeLines: 1,
      feePositive,
      paidOnline,
    });
  await upsertDossiers(db.orm, [
    // P: a fee-carrying dossier not paid online, and one paid online whose fee lines are all 0.
    d("p1", "P", true, null),
    d("p2", "P", false, 1),
    // Q: a fee-carrying dossier paid online.
    d("q1", "Q", true, 2),
  ]);
});
afterAll(() => db?.close());

describe("METHOD-766 §3.4", () => {
  it("counts Q (a fee-carrying dossier paid online), not P (paid online only without a fee)", async () => {
    const card = await scorecard(db.orm, { period: MARCH, by: "agency", scope: EVERY_UNIT, profile: "766" });
    const s = card.rows.find((r) => r.key === "S")!;
    const i34 = unitIndex(s.index766)!.groups["3"].indicators["3.4"]!;
    expect([i34.numerator, i34.denominator]).toEqual([1, 2]);
    // METHOD §C.1's figure, the same with or without the profile, still counts both.
    expect(s.payment.proceduresWithPayments).toBe(2);
  });
});

describe("METHOD-766 §2.2", () => {
  it("names the average time's unit hours, working_days or days (days, months, years)", async () => {
    const card = await scorecard(db.orm, { period: MARCH, by: "procedure", scope: EVERY_UNIT, profile: "766" });
    const units = Object.fromEntries(
      card.rows.map((r) => [r.key, (r.index766 as { averageTime: { unit: string } }).averageTime.unit]),
    );
    expect(units).toEqual({ P: "days", Q: "days", H: "hours", W: "working_days", M: "days" });
  });
});

describe("METHOD-766 §0.2, §6: a group with no PAKN reads what the files carried", () => {
  const handled = async () => {
    const card = await scorecard(db.orm, { period: MARCH, by: "agency", scope: EVERY_UNIT, profile: "766" });
    const g5 = unitIndex(card.rows.find((r) => r.key === "S")!.index766)!.groups["5"].indicators;
    return [g5["5.2"], g5["5.3"]].map((i) => [i!.numerator, i!.denominator]);
  };
  const paknFile = (header: string) => ({ name: "pakn.csv", bytes: new TextEncoder().encode(`${header}\n`) });

  it("null counts while no pakn.csv carried NgayXuLyXong; 0 of 0 once one did, even a file without rows", async () => {
    expect(await handled()).toEqual([
      [null, null],
      [null, null],
    ]);
    // A dry run remembers nothing; a file without the column neither.
    await importReference(db.orm, "pakn", paknFile("MaPAKN,NgayTiepNhan,PhanLoai,MaDonVi,Nganh,LinhVuc,NgayXuLyXong"), {
      dryRun: true,
    });
    await importReference(db.orm, "pakn", paknFile("MaPAKN,NgayTiepNhan,PhanLoai,MaDonVi,Nganh,LinhVuc,SoThich"), {
      dryRun: false,
    });
    expect(await handled()).toEqual([
      [null, null],
      [null, null],
    ]);
    await importReference(db.orm, "pakn", paknFile("MaPAKN,NgayTiepNhan,PhanLoai,MaDonVi,Nganh,LinhVuc,NgayXuLyXong"), {
      dryRun: false,
    });
    // The cached scorecard of March was dropped by the change (the change log covers carried_columns).
    expect(await handled()).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });
});

describe("METHOD-766 §5.2: handled by the 15th working day after reception", () => {
  it("on the 15th working day is on time, on the 16th late, in every group the PAKN belongs to", async () => {
    // Received Monday 2 March 2026: the 15 working days after it (weekends skipped) end on
    // Monday 23 March.
    const pakn = (code: string, done: string) => ({
      code,
      receivedAt: new Date("2026-03-02T02:00:00Z"),
      kind: 1,
      unitCode: "S",
      sector: null,
      field: null,
      i766: { NgayXuLyXong: done, SoThich: "1", SoKhongThich: "0" },
    });
    await upsertFeedback(db.orm, [pakn("K1", "2026-03-23"), pakn("K2", "2026-03-24")]);
    for (const by of ["agency", "all"] as const) {
      const card = await scorecard(db.orm, { period: MARCH, by, scope: EVERY_UNIT, profile: "766" });
      const row = card.rows.find((r) => (by === "all" ? true : r.key === "S"))!;
      const g5 = unitIndex(row.index766)!.groups["5"].indicators;
      expect([g5["5.2"]!.numerator, g5["5.2"]!.denominator], by).toEqual([1, 2]);
      expect([g5["5.3"]!.numerator, g5["5.3"]!.denominator], by).toEqual([1, 2]);
    }
  });
});
