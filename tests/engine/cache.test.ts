/**
 * Past periods' scorecards are reused only until a write could change them (METHOD
 * §0.2: a past period's as-of is fixed, so only data moves its figures). Every read
 * below is compared with a fresh computation.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import postgres from "postgres";
import { openDatabase, type Database } from "@/db";
import { env } from "@/lib/env";
import { upsertDossiers, upsertProcedures, type DossierRow } from "@/lib/store/writes";
import { cacheStats, catchUpLog, sharedFlight } from "@/lib/engine/scorecard-cache";
import { scorecard } from "@/lib/engine/scorecard";
import { makePeriod } from "@/lib/method/period";
import { parseInstant } from "@/lib/method/time";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

const t = (s: string) => parseInstant(s)!;
const MARCH = makePeriod("2025-03-01", "2025-03-31", new Date());
let db: Database;

const dossier = (code: string, received: string): DossierRow =>
  dossierRow({ code, procedureCode: "P", channel: 1, receivedAt: t(received) });
const read = () => scorecard(db.orm, { period: MARCH, by: "all", scope: EVERY_UNIT });
const population = async () => (await read()).rows[0].onTime.population;

beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, { units: [["T", "T", "tinh"]], procedures: [["P", 5, "working_day"]] });
  await upsertDossiers(db.orm, [dossier("a", "20250303090000")]);
});
afterAll(() => db?.close());

describe("the scorecard cache", () => {
  it("reuses a past period's scorecard while nothing that matters changes", async () => {
    expect(await population()).toBe(1);
    const before = cacheStats(db.orm);
    await upsertDossiers(db.orm, [dossier("today", new Date().toISOString())]); // after March: irrelevant to it
    expect(await population()).toBe(1);
    expect(cacheStats(db.orm).hits).toBe(before.hits + 1);
  });

  it("recomputes as soon as a write touches the period", async () => {
    await upsertDossiers(db.orm, [dossier("b", "20250310090000")]);
    expect(await population()).toBe(2);
    // A dossier received earlier and still open overlaps March too.
    await upsertDossiers(db.orm, [dossier("c", "20250115090000")]);
    expect(await population()).toBe(3);
  });

  it("recomputes after a catalogue or calendar change", async () => {
    const within = async () => (await read()).rows[0].onTime.withinDeadline;
    const w = await within();
    await upsertProcedures(db.orm, [
      {
        code: "P",
        name: "P",
        fieldCode: null,
        fieldName: null,
        deadlineValue: 200,
        deadlineUnit: "working_day",
        hasFee: false,
      },
    ]);
    expect(await within()).toBeGreaterThan(w);
  });

  it("never caches the current period", async () => {
    const now = new Date();
    const current = makePeriod(`${now.getFullYear()}-01-01`, `${now.getFullYear()}-12-31`, now);
    const before = cacheStats(db.orm);
    await scorecard(db.orm, { period: current, by: "all", scope: EVERY_UNIT });
    await scorecard(db.orm, { period: current, by: "all", scope: EVERY_UNIT });
    expect(cacheStats(db.orm).hits).toBe(before.hits);
  });

  it("shares a current period's computation between concurrent requests, but never across a write", async () => {
    const now = new Date();
    const current = makePeriod(`${now.getFullYear()}-01-01`, `${now.getFullYear()}-12-31`, now);
    // As a request does: one look at the change log, then its reads.
    const request = async (n: number) => {
      await catchUpLog(db.orm);
      const q = { period: makePeriod(current.from, current.to, new Date()), by: "all" as const, scope: EVERY_UNIT };
      return Promise.all(Array.from({ length: n }, () => scorecard(db.orm, q, { caughtUp: true })));
    };
    const before = cacheStats(db.orm).joined;
    const [a, b] = await request(2);
    expect(cacheStats(db.orm).joined).toBe(before + 1);
    expect(b.rows).toEqual(a.rows);
    // A write committed before the next request looked at the log is in its answer.
    await upsertDossiers(db.orm, [dossier("now", new Date().toISOString())]);
    const [after] = await request(1);
    expect(after.rows[0].onTime.population).toBe(a.rows[0].onTime.population + 1);
  });

  it("does not let a request join a computation that began before a write it has seen", async () => {
    let finish!: (v: string) => void;
    const slow = () => new Promise<string>((r) => (finish = r));
    const fresh = vi.fn(async () => "fresh");
    await catchUpLog(db.orm);
    const first = sharedFlight(db.orm, "k", slow, { caughtUp: true });
    // No write between: the second request shares the first computation.
    const joined = sharedFlight(db.orm, "k", fresh, { caughtUp: true });
    await upsertDossiers(db.orm, [dossier("between", new Date().toISOString())]);
    // After a write it has seen in the log: its own computation.
    const own = sharedFlight(db.orm, "k", fresh);
    finish("old");
    expect([await first, await joined, await own]).toEqual(["old", "old", "fresh"]);
    expect(fresh).toHaveBeenCalledTimes(1);
  });

  it.skipIf(!env.DATABASE_URL)("sees a write that commits after a later one (PostgreSQL)", async () => {
    // Two more connections to the same database: one holds a transaction open.
    const url = (db.orm as unknown as { $client: { options: { host: string[]; port: number[]; database: string } } })
      .$client.options;
    const u = new URL(env.DATABASE_URL!);
    u.pathname = `/${url.database}`;
    const slow = postgres(u.toString(), { max: 1, onnotice: () => {} });
    const fast = await openDatabase({ url: u.toString(), skipMigrations: true });
    try {
      const base = await population();
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let started!: () => void;
      const begun = new Promise<void>((r) => (started = r));
      const slowTx = slow.begin(async (tx) => {
        await tx`insert into dossiers (province_code, code, unit_code, procedure_code, status, received_at, start_at, synced_at, channel)
                 values ('T', 'slow', 'T', 'P', 4, '2025-03-12T02:00:00Z', '2025-03-12T02:00:00Z', '2025-03-12T02:00:00Z', 1)`;
        started();
        await held;
      });
      await begun;
      await upsertDossiers(fast.orm, [dossier("fast", "20250320090000")]); // commits first
      expect(await population()).toBe(base + 1);
      release();
      await slowTx;
      expect(await population()).toBe(base + 2);
    } finally {
      await fast.close();
      await slow.end();
    }
  });
});
