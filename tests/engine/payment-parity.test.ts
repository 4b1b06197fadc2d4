/**
 * METHOD §C.3 [decision]: the scorecard's SQL counts the same payable dossiers as the
 * pure rule `isPayable`, on random dossiers of integrated and not-integrated procedures
 * with random fee lines and payments (as the verdict parity test does for §A).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { scorecard } from "@/lib/engine/scorecard";
import { prng } from "@/lib/demo/generate";
import { isPayable } from "@/lib/method/payment";
import { makePeriod } from "@/lib/method/period";
import { upsertDossiers, type DossierRow } from "@/lib/store/writes";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

let db: Database;
const list: DossierRow[] = [];
const integrated: Record<string, boolean> = { PI: true, PN: false };

beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, {
    units: [["T", "T", "tinh"]],
    procedures: [
      ["PI", 5, "working_day", true],
      ["PN", 5, "working_day", true],
    ],
    authorities: [
      ["T", "PI", 4, true],
      ["T", "PN", 4, false],
    ],
  });
  const rng = prng(11);
  for (let i = 0; i < 1500; i++) {
    const feeLines = rng.pick([0, 0, 1, 2, 3]);
    list.push(
      dossierRow({
        code: `C${i}`,
        procedureCode: rng.pick(["PI", "PN"]),
        receivedAt: new Date(Date.UTC(2025, 2, 1 + rng.int(0, 29), 2)),
        feeLines,
        feePositive: feeLines > 0 && rng.chance(0.6),
        paidOnline: rng.pick([null, null, 1, 2]),
      }),
    );
  }
  await upsertDossiers(db.orm, list);
});
afterAll(() => db?.close());

describe("METHOD §C.3: SQL and the pure rule agree", () => {
  it("on the payable dossiers, those paid through DVCQG and those paid through the local gateway", async () => {
    const payable = list.filter((d) => isPayable(integrated[d.procedureCode!], d.feeLines, d.feePositive));
    const card = await scorecard(db.orm, {
      period: makePeriod("2025-03-01", "2025-03-31", new Date("2026-01-01")),
      by: "all",
      scope: EVERY_UNIT,
    });
    expect(card.rows[0].payment).toMatchObject({
      payableDossiers: payable.length,
      paidOnline: payable.filter((d) => d.paidOnline === 1).length,
      paidLocal: payable.filter((d) => d.paidOnline === 2).length,
      paidAnyRoute: list.filter((d) => d.paidOnline === 1 || d.paidOnline === 2).length,
    });
    expect(payable.length).toBeGreaterThan(200);
  });
});
