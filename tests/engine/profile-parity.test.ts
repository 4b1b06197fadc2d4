/**
 * METHOD's figures are METHOD's (issue: the 766 index never at odds with METHOD): asking
 * for the 766 profile adds `index766` to a row and changes nothing else — every METHOD
 * field (§A–§Đ) of every grouping is what the same request without the profile gives, and
 * the Excel workbook's METHOD sheets hold the same cells. Found: on the demo, Q3 2026 read
 * 15,137 dossiers at 87.69 % on time, and 15,136 at 88.99 % once the 766 profile was on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import type { Database } from "@/db";
import { seedDemo } from "@/lib/demo/seed";
import { computeScorecard, type GroupBy, type Scorecard } from "@/lib/engine/scorecard";
import { scorecardWorkbook } from "@/lib/report/excel";
import { prng } from "@/lib/demo/generate";
import { makePeriod } from "@/lib/method/period";
import { addDays } from "@/lib/method/time";
import { testDatabase } from "../helpers/db";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

const NOW = new Date("2026-11-25T05:00:00Z");
let db: Database;
beforeAll(async () => {
  db = await testDatabase();
  await seedDemo(db, { dossiers: 4000, now: NOW, dataDir: null });
});
afterAll(() => db?.close());

const methodOnly = (c: Scorecard) => ({ period: c.period, by: c.by, rows: c.rows.map(({ index766: _, ...r }) => r) });

async function sheetCells(card: Scorecard, sheet: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    (await scorecardWorkbook(card, "Tỉnh", {
      from: card.period.from,
      to: card.period.to,
      asOf: NOW,
    })) as unknown as ArrayBuffer,
  );
  const out: unknown[] = [];
  wb.getWorksheet(sheet)!.eachRow((row) => out.push(row.values));
  return out;
}

describe("the 766 profile changes no METHOD figure (METHOD §A–§Đ; METHOD-766 §0.1)", () => {
  it("on random periods, groupings and filters of the demo province", async () => {
    const rng = prng(766200);
    for (let i = 0; i < 12; i++) {
      const from = addDays("2026-01-01", rng.int(0, 300));
      const to = addDays(from, rng.pick([0, 6, 30, 91, 180]));
      const by = rng.pick<GroupBy>(["all", "agency", "area", "procedure", "field"]);
      const q = {
        period: makePeriod(from, to, NOW),
        by,
        scope: EVERY_UNIT,
        filter: rng.pick([{}, { topLevel: true }]),
      };
      const plain = await computeScorecard(db.orm, { ...q, profile: "200" });
      const with766 = await computeScorecard(db.orm, { ...q, profile: "766" });
      expect(methodOnly(with766), `${from}..${to} by ${by}`).toEqual(methodOnly(plain));
      if (by === "agency") expect(with766.rows.some((r) => r.index766)).toBe(true);
    }
  });

  it("the workbook's METHOD sheets are the same cells with and without the 766 sheets", async () => {
    const q = {
      period: makePeriod("2026-07-01", "2026-09-30", NOW),
      by: "agency" as const,
      scope: EVERY_UNIT,
      filter: { topLevel: true },
    };
    const plain = await computeScorecard(db.orm, { ...q, profile: "200" });
    const with766 = await computeScorecard(db.orm, { ...q, profile: "766" });
    for (const sheet of ["Tổng hợp", "A. Tiến độ", "B. Trực tuyến"])
      expect(await sheetCells(with766, sheet), sheet).toEqual(await sheetCells(plain, sheet));
  });
});
