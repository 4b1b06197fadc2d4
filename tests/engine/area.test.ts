/**
 * DATA.md §2's area rule, as METHOD §0.5's "by area" grouping reads it: a unit's MaDiaBan;
 * when empty, an area unit is its own area and any other unit takes the area of its
 * parent — recursively, so a sub-unit of a chi cục that serves a huyện is in that huyện,
 * not in the province its nearest area ancestor would give.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { upsertDossiers, upsertProcedures, upsertUnits } from "@/lib/store/writes";
import { scorecard } from "@/lib/engine/scorecard";
import { makePeriod } from "@/lib/method/period";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

let db: Database;
const MARCH = makePeriod("2026-03-01", "2026-03-31", new Date("2026-04-10T00:00:00Z"));

beforeAll(async () => {
  db = await testDatabase();
  const unit = (
    code: string,
    kind: "tinh" | "huyen" | "xa" | "so_nganh",
    parentCode: string | null,
    areaCode: string | null = null,
  ) => ({ code, name: code, kind, parentCode, areaCode });
  await upsertUnits(db.orm, [
    unit("T", "tinh", null),
    unit("H", "huyen", "T"),
    unit("X", "xa", "H"),
    unit("S", "so_nganh", "T"),
    // A chi cục of the department that serves huyện H, and its own sub-unit with no MaDiaBan.
    unit("CC", "so_nganh", "S", "H"),
    unit("CCa", "so_nganh", "CC"),
    // A sub-unit of the commune: it takes X's area (X is its own).
    unit("Xa", "so_nganh", "X"),
  ]);
  await upsertProcedures(db.orm, [
    { code: "P", name: "P", fieldCode: null, fieldName: null, deadlineValue: 5, deadlineUnit: "day", hasFee: false },
  ]);
  const at = new Date("2026-03-10T02:00:00Z");
  await upsertDossiers(
    db.orm,
    ["T", "H", "X", "S", "CC", "CCa", "Xa"].map((u) =>
      dossierRow({ code: `d-${u}`, unitCode: u, procedureCode: "P", receivedAt: at, steps: [{ status: 2, at }] }),
    ),
  );
});
afterAll(() => db?.close());

describe("area of a unit (DATA.md §2)", () => {
  it("by area: the chi cục's sub-unit counts in the huyện its parent serves", async () => {
    const card = await scorecard(db.orm, { period: MARCH, by: "area", scope: EVERY_UNIT });
    const pop = Object.fromEntries(card.rows.map((r) => [r.key, r.onTime.population]));
    // T: T, S (its parent's area is T). H (METHOD §0.5: an area's figure covers the areas below it): H, CC, CCa, X, Xa. X: X, Xa.
    expect(pop).toMatchObject({ T: 7, H: 5, X: 2 });
    const inH = await scorecard(db.orm, { period: MARCH, by: "agency", scope: EVERY_UNIT, filter: { area: "H" } });
    expect(inH.rows.find((r) => r.key === "CCa")?.onTime.population).toBe(1);
  });
});
