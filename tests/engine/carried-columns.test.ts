/**
 * METHOD-766 §0.2/§6 under many writers: PAKN syncs racing on parallel connections
 * (PostgreSQL; serial on PGlite), each carrying the optional columns in its own order,
 * all remember the columns (carried_columns) without a deadlock or a lost batch, and the
 * 5.2/5.3 counts read afterwards equal a recount of the stored PAKN.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { upsertFeedback, type FeedbackRow } from "@/lib/store/writes";
import { computeScorecard } from "@/lib/engine/scorecard";
import { EVERY_UNIT } from "@/lib/engine/sql-util";
import { prng } from "@/lib/demo/generate";
import { unitIndex } from "@/lib/method/i766/score";
import { makePeriod } from "@/lib/method/period";
import { env } from "@/lib/env";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";

const STREAMS = env.DATABASE_URL ? 8 : 3;
const ROUNDS = 6;
const COLUMNS = ["NgayXuLyXong", "SoThich", "SoKhongThich", "KhieuNaiLai", "MaHoSo"];
let db: Database;
beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, {
    units: [
      ["T", "Tỉnh", "tinh"],
      ["S", "Sở", "so_nganh", "T"],
    ],
  });
});
afterAll(() => db?.close());

describe("remembered columns under parallel writers (METHOD-766 §0.2, §6)", () => {
  it("every stream's batches land, the columns are remembered once, and 5.2 equals a recount", async () => {
    const rng = prng(614);
    const batch = (stream: number, round: number): FeedbackRow[] =>
      Array.from({ length: 20 }, (_, i) => {
        // Each record carries the columns in an order of its own (the keys' order is the file's).
        const cols = [...COLUMNS].sort(() => rng.next() - 0.5).slice(0, rng.int(1, COLUMNS.length));
        return {
          code: `PAKN-${stream}-${round}-${i}`,
          receivedAt: new Date(`2026-03-${String(2 + round).padStart(2, "0")}T02:00:00Z`),
          kind: 1,
          unitCode: "S",
          sector: null,
          field: null,
          i766: Object.fromEntries(
            cols.map((c) => [c, c === "NgayXuLyXong" ? "2026-03-20" : c === "MaHoSo" ? null : "1"]),
          ),
        };
      });
    const results = await Promise.allSettled(
      Array.from({ length: STREAMS }, async (_, stream) => {
        for (let round = 0; round < ROUNDS; round++) await upsertFeedback(db.orm, batch(stream, round));
      }),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const [{ n }] = await rows<{ n: number }>(db.orm, sql`select count(*)::int as n from feedback`);
    expect(n).toBe(STREAMS * ROUNDS * 20);
    const carried = await rows<{ c: string }>(
      db.orm,
      sql`select column_name as c from carried_columns where file = 'pakn' order by 1`,
    );
    expect(carried.map((r) => r.c)).toEqual([...COLUMNS].sort());
    const card = await computeScorecard(db.orm, {
      period: makePeriod("2026-03-01", "2026-03-31", new Date("2026-04-10T00:00:00Z")),
      by: "agency",
      scope: EVERY_UNIT,
      profile: "766",
    });
    const i52 = unitIndex(card.rows.find((r) => r.key === "S")!.index766)!.groups["5"].indicators["5.2"]!;
    const [recount] = await rows<{ handled: number }>(
      db.orm,
      sql`select count(*)::int as handled from feedback where i766 ? 'NgayXuLyXong'`,
    );
    expect(i52.denominator).toBe(recount.handled);
    expect(i52.denominator).toBeGreaterThan(0);
  });
});
