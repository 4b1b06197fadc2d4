/**
 * The embedded database's warm-up at start (lib/engine/warm-up.ts): it runs the scorecard's
 * statements on PGlite and keeps nothing — no stored figure can be stale after it (METHOD
 * §0.2: a figure is computed as of its instant) — and leaves a PostgreSQL server alone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { warmUp } from "@/lib/engine/warm-up";
import { cacheStats } from "@/lib/engine/scorecard-cache";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, { units: [["T", "Tỉnh", "tinh"]], procedures: [["W", 5, "working_day"]] });
});
afterAll(async () => {
  await db?.close();
});

describe("the warm-up at start", () => {
  it("computes on the embedded database only, and stores no figure", async () => {
    const before = cacheStats(db.orm);
    const spent = await warmUp(db, new Date("2026-10-14T10:00:00+07:00"));
    if (db.kind === "pglite") expect(spent).toBeGreaterThanOrEqual(0);
    else expect(spent).toBeNull();
    expect(cacheStats(db.orm)).toEqual(before);
  });
});
