/** The national demo (`db:seed --national`): 34 provinces, ranked at the top tier (METHOD §0.5). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { seedDemo } from "@/lib/demo/seed";
import { scorecard } from "@/lib/engine/scorecard";
import { makePeriod } from "@/lib/method/period";
import { PROVINCE_TILES, tileOf } from "@/lib/ui/vn-provinces";
import { testDatabase } from "../helpers/db";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

const NOW = new Date("2026-11-25T05:00:00Z");
let db: Database;
beforeAll(async () => {
  db = await testDatabase();
  await seedDemo(db, { dossiers: 3000, now: NOW, dataDir: null, national: true });
});
afterAll(() => db?.close());

describe("the national demo", () => {
  it("holds the 34 provincial units, each placed on the national tile grid", async () => {
    const roots = await rows<{ name: string }>(
      db.orm,
      sql`select name from units where parent_code is null order by name`,
    );
    expect(roots).toHaveLength(34);
    expect(new Set(roots.map((r) => tileOf(r.name)?.name)).size).toBe(34);
    expect(PROVINCE_TILES).toHaveLength(34);
  });
  it("ranks the provinces at the top tier, each covering its own units' dossiers", async () => {
    const period = makePeriod("2025-12-01", "2026-11-25", NOW);
    const top = await scorecard(db.orm, { period, by: "agency", scope: EVERY_UNIT, filter: { topLevel: true } });
    expect(top.rows).toHaveLength(34);
    const all = await scorecard(db.orm, { period, by: "all", scope: EVERY_UNIT });
    expect(top.rows.reduce((s, r) => s + r.onTime.population, 0)).toBe(all.rows[0].onTime.population);
  });
});
