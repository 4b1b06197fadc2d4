/**
 * The span index (db/migrations/0002) is what keeps a month's scorecard from reading a
 * year of dossiers: its expression must stay identical to `overlapsPeriod`'s, or the
 * planner silently stops using it. On PostgreSQL, the full computation's plan reads it,
 * and the rollup's plan reads the dossiers only through the narrow indexes of its parts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type Database, type Orm } from "@/db";
import { env } from "@/lib/env";
import { scorecardSql } from "@/lib/engine/scorecard-sql";
import { makePeriod } from "@/lib/method/period";
import { testDatabase } from "../helpers/db";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(() => db?.close());

describe.skipIf(!env.DATABASE_URL)("the scorecard's plan (PostgreSQL)", () => {
  it("reads dossiers through the span index when a scan is not cheaper", async () => {
    const plan = await db.orm.transaction(async (tx) => {
      // With sequential scans priced out, the planner uses an index whose expression matches, or none.
      await tx.execute(sql`set local enable_seqscan = off`);
      const q = scorecardSql(
        { period: makePeriod("2025-03-01", "2025-03-31", new Date("2026-01-01")), by: "agency", scope: EVERY_UNIT },
        "dossiers",
      );
      return rows<{ "QUERY PLAN": string }>(tx as unknown as Orm, sql`explain ${q}`);
    });
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toContain("dossiers_span_idx");
  });

  it("reads from the rollup, and from the dossiers only the irregular ones and the as-of day's later keys", async () => {
    const plan = await db.orm.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const q = scorecardSql({
        period: makePeriod("2025-03-01", "2025-03-31", new Date("2025-03-20T10:00:00+07:00")),
        by: "agency",
        scope: EVERY_UNIT,
      });
      return rows<{ "QUERY PLAN": string }>(tx as unknown as Orm, sql`explain ${q}`);
    });
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toContain("dossiers_irregular_idx");
    expect(text).toContain("dossiers_due_idx");
    expect(text).not.toContain("dossiers_span_idx");
  });
});
