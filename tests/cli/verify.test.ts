/**
 * `tthc verify --portal` as an operator runs it, in its own process against the portal's
 * database (PostgreSQL when DATABASE_URL is set, else an embedded folder): 0 differences on
 * a sound database; a difference planted by hand in the rollup and in a dossier's facts is
 * found, named and left (exit 3); --repair fixes both in place (exit 0), and the next check
 * is clean. Every run is recorded for /quan-tri. (Issue: exact under concurrent writers;
 * the facts are METHOD §A.2–A.4's, the rollup's sums those of rollup.ts.)
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { openStore } from "@/lib/store/open";
import { upsertDossiers } from "@/lib/store/writes";
import { env } from "@/lib/env";
import { withDatabase } from "../global-setup";
import { buildProvince } from "../helpers/build";
import { dossierRow } from "../helpers/rows";
import { withServer } from "../helpers/server";

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
let target: Record<string, string>;
let cleanup: () => Promise<void>;

async function tthc(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(process.execPath, [path.join(root, "bin/tthc.mjs"), ...args], {
      env: { ...process.env, ...target },
      cwd: root,
    });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

/** Opens the target database in this process (PGlite: only while no CLI holds it). */
async function withTarget<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openStore(target.DATABASE_URL ? { url: target.DATABASE_URL } : { dataDir: target.PGLITE_DIR });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  if (env.DATABASE_URL) {
    const name = `tthc_verify_${process.pid}`;
    await withServer(env.DATABASE_URL, async (s) => {
      await s.unsafe(`drop database if exists ${name}`);
      await s.unsafe(`create database ${name}`);
    });
    target = { DATABASE_URL: withDatabase(env.DATABASE_URL, name) };
    cleanup = () =>
      withServer(env.DATABASE_URL!, async (s) => {
        await s.unsafe(`drop database if exists ${name}`);
      });
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tthc-verify-"));
    target = { DATABASE_URL: "", PGLITE_DIR: path.join(dir, "pglite") };
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  await withTarget(async (db) => {
    await buildProvince(db, {
      units: [
        ["T", "Tỉnh", "tinh"],
        ["S1", "Sở 1", "so_nganh", "T"],
      ],
      procedures: [["P1", 3, "working_day"]],
    });
    const at = (d: string) => new Date(`${d}+07:00`);
    await upsertDossiers(
      db.orm,
      Array.from({ length: 30 }, (_, i) =>
        dossierRow({
          code: `V${i}`,
          unitCode: "S1",
          procedureCode: "P1",
          status: 9,
          receivedAt: at(`2026-11-${String(2 + (i % 20)).padStart(2, "0")}T09:00:00`),
          steps: [
            { status: 2, at: at(`2026-11-${String(2 + (i % 20)).padStart(2, "0")}T09:00:00`) },
            { status: 9, at: at(`2026-11-${String(4 + (i % 20)).padStart(2, "0")}T15:00:00`) },
          ],
        }),
      ),
    );
  });
}, 120_000);
afterAll(() => cleanup?.());

describe("tthc verify --portal (issue: exact under concurrent writers)", () => {
  it("reports 0 differences on a sound database", async () => {
    const r = await tthc("verify", "--portal");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Bảng tổng hợp \/ Rollup: [\d.]+ khoá \/ keys, 0 sai lệch/);
    expect(r.out).toMatch(/Dữ kiện suy ra \/ Derived facts: 30 hồ sơ \/ dossiers, 0 sai lệch/);
  });

  it("finds differences planted by hand, names them, and --repair removes them online", async () => {
    await withTarget(async (db) => {
      await db.orm.execute(
        sql`insert into dossier_days (province_code, unit_code, pc, day, r_received) values ('T', 'S1', 'P1', '2026-11-10', 2)`,
      );
      await db.orm.execute(sql`update dossiers set done_at = done_at + interval '3 days' where code = 'V7'`);
    });
    const found = await tthc("verify", "--portal", "--json");
    expect(found.code).toBe(3);
    const report = JSON.parse(found.out);
    expect(report.factDifferences).toEqual([
      { code: "V7", unit: "S1", columns: { done_at: ["2026-11-14T08:00:00.000Z", "2026-11-11T08:00:00.000Z"] } },
    ]);
    // The planted row adds 2 received to the key of the 10th (its month row is not touched).
    expect(report.rollupDifferences).toHaveLength(1);
    expect(report.rollupDifferences[0]).toMatchObject({
      table: "dossier_days",
      province: "T",
      unit: "S1",
      procedure: "P1",
      key: "2026-11-10",
    });
    const [stored, expected] = report.rollupDifferences[0].counters.r_received;
    expect([Object.keys(report.rollupDifferences[0].counters), stored - expected]).toEqual([["r_received"], 2]);

    // A range sees only its own keys: the 10th's difference, not V7's (its events are on the 8th and the 11th/14th).
    const day = await tthc("verify", "--portal", "--from", "2026-11-10", "--to", "2026-11-10", "--json");
    expect(JSON.parse(day.out).factDifferences).toEqual([]);
    expect(
      JSON.parse(day.out).rollupDifferences.map((d: { table: string; key: string }) => `${d.table} ${d.key}`),
    ).toEqual(["dossier_days 2026-11-10"]);

    const repaired = await tthc("verify", "--portal", "--repair");
    expect(repaired.code).toBe(0);
    expect(repaired.out).toMatch(/Đã sửa \/ Repaired: [1-9]\d* khoá, 1 hồ sơ/);
    expect((await tthc("verify", "--portal")).code).toBe(0);

    await withTarget(async (db) => {
      const checks = await rows<{ trigger: string; rollup_differences: number; fact_differences: number }>(
        db.orm,
        sql`select trigger, rollup_differences, fact_differences from integrity_checks order by id`,
      );
      expect(checks.map((c) => [c.trigger, c.rollup_differences, c.fact_differences])).toEqual([
        ["cli", 0, 0],
        ["cli", 1, 1],
        ["cli", 1, 0],
        ["cli", 0, 0],
        ["cli", 0, 0],
      ]);
    });
  });

  it("refuses without --portal, and a half range", async () => {
    expect((await tthc("verify", "--data", "tests/fixtures/tinh-mau")).code).toBe(64);
    expect((await tthc("verify", "--portal", "--from", "2026-11-01")).code).toBe(64);
  });
});
