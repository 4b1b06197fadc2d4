/**
 * Backups a centre can run (issue: exact under concurrent writers, item 5): `npm run
 * db:backup` then `npm run db:restore` into another database give identical scorecards
 * (METHOD §A–§Đ, by agency and by procedure) and a clean `verify`; a restore over a
 * database holding data is refused unless it is named; on the embedded database a
 * backup is also taken while another process (the portal) holds the folder. And the
 * demo seed's `--reset` refuses a database that holds more than the demo.
 */
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { openStore } from "@/lib/store/open";
import { seedDemo } from "@/lib/demo/seed";
import { databaseState } from "@/lib/demo/guard";
import { scorecard } from "@/lib/engine/scorecard";
import { verify } from "@/lib/engine/verify";
import { makePeriod } from "@/lib/method/period";
import { users } from "@/db/schema";
import { env } from "@/lib/env";
import { withDatabase } from "../global-setup";
import { withServer } from "../helpers/server";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const NOW = new Date("2026-11-25T05:00:00Z");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "tthc-backup-"));
const created: string[] = [];

/** A target database: its environment for the scripts, and how to open it here. */
interface Target {
  env: Record<string, string>;
  open: () => Promise<Database>;
  name: string;
}

async function newTarget(tag: string): Promise<Target> {
  if (env.DATABASE_URL) {
    const name = `tthc_backup_${tag}_${process.pid}`;
    await withServer(env.DATABASE_URL, async (s) => {
      await s.unsafe(`drop database if exists ${name}`);
      await s.unsafe(`create database ${name}`);
    });
    created.push(name);
    const url = withDatabase(env.DATABASE_URL, name);
    return { env: { DATABASE_URL: url }, open: () => openStore({ url }), name };
  }
  const dir = path.join(work, tag, "pglite");
  return {
    env: { DATABASE_URL: "", PGLITE_DIR: dir },
    open: () => openStore({ dataDir: dir }),
    name: path.resolve(dir),
  };
}

async function script(file: string, target: Target, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, ["--import", "tsx", path.join(root, "scripts", file), ...args], {
      cwd: root,
      env: { ...process.env, ...target.env },
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout + x.stderr };
  }
}

async function figures(target: Target) {
  const db = await target.open();
  try {
    const period = makePeriod("2026-01-01", "2026-11-24", NOW);
    const report = await verify(db.orm, null);
    return {
      agency: await scorecard(db.orm, { period, by: "agency", scope: EVERY_UNIT }),
      procedure: await scorecard(db.orm, { period, by: "procedure", scope: EVERY_UNIT }),
      differences: report.rollupDifferences.length + report.factDifferences.length,
    };
  } finally {
    await db.close();
  }
}

let source: Target;
let before: Awaited<ReturnType<typeof figures>>;

beforeAll(async () => {
  source = await newTarget("source");
  const db = await source.open();
  await seedDemo(db, { dossiers: 1500, now: NOW, dataDir: null });
  await db.close();
  before = await figures(source);
}, 300_000);
afterAll(async () => {
  if (env.DATABASE_URL)
    for (const name of created) await withServer(env.DATABASE_URL, (s) => s.unsafe(`drop database if exists ${name}`));
  fs.rmSync(work, { recursive: true, force: true });
});

describe("db:backup and db:restore", () => {
  it("a backup restored into another database gives identical scorecards and a clean verify", async () => {
    expect(before.agency.rows.length).toBeGreaterThan(50);
    const file = path.join(work, `one.${env.DATABASE_URL ? "dump" : "tar.gz"}`);
    const b = await script("backup.ts", source, "--out", file);
    expect(b.out).toContain("Đã sao lưu vào");
    expect(b.code).toBe(0);
    const copy = await newTarget("copy");
    const r = await script("restore.ts", copy, file);
    expect(r.out).toContain("Đã khôi phục");
    expect(r.code).toBe(0);
    const after = await figures(copy);
    expect(after.differences).toBe(0);
    expect(JSON.stringify(after.agency)).toBe(JSON.stringify(before.agency));
    expect(JSON.stringify(after.procedure)).toBe(JSON.stringify(before.procedure));

    // Restoring over a database that holds data needs its name; with it, the data is replaced.
    const refused = await script("restore.ts", copy, file);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain(`--yes-wipe ${copy.name}`);
    const again = await script("restore.ts", copy, file, "--yes-wipe", copy.name);
    expect(again.code).toBe(0);
    expect(JSON.stringify((await figures(copy)).agency)).toBe(JSON.stringify(before.agency));
  }, 300_000);

  it.skipIf(Boolean(env.DATABASE_URL))(
    "embedded: a backup while another process holds the folder is taken by that process",
    async () => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", path.join(root, "tests/helpers/hold-db.ts"), source.env.PGLITE_DIR, "--serve-backups"],
        { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
      );
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.on("data", (b: Buffer) => b.toString().includes("ready") && resolve());
          child.on("exit", (c) => reject(new Error(`holder exited ${c}`)));
        });
        const file = path.join(work, "online.tar.gz");
        const b = await script("backup.ts", source, "--out", file);
        expect(b.out).toContain(`tiến trình ${child.pid}`);
        expect(b.code).toBe(0);
        const copy = await newTarget("online-copy");
        expect((await script("restore.ts", copy, file)).code).toBe(0);
        expect(JSON.stringify((await figures(copy)).agency)).toBe(JSON.stringify(before.agency));
      } finally {
        child.kill("SIGKILL");
        await new Promise((r) => child.once("exit", r));
      }
    },
    300_000,
  );
});

describe("db:seed --reset refuses what is not the demo", () => {
  it("a demo database is the demo until something is written; accounts of its own are never wiped", async () => {
    const t = await newTarget("seeded");
    const db = await t.open();
    try {
      await seedDemo(db, { dossiers: 200, now: NOW, dataDir: null });
      expect(await databaseState(db.orm)).toMatchObject({ demoOnly: true, foreignUsers: [] });
      await db.orm.execute(sql`update dossiers set updated_at = now() where id = (select min(id) from dossiers)`);
      expect(await databaseState(db.orm)).toMatchObject({ demoOnly: false, foreignUsers: [] });
    } finally {
      await db.close();
    }
    const refused = await script("seed.ts", t, "--reset", "--dossiers", "100");
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`--yes-wipe ${t.name}`);
    expect((await script("seed.ts", t, "--reset", "--dossiers", "100", "--yes-wipe", "wrong")).code).toBe(1);
    const named = await script("seed.ts", t, "--reset", "--dossiers", "100", "--yes-wipe", t.name);
    expect(named.code).toBe(0);

    // A reset demo is the demo again; an account of its own makes it a real database for good.
    const db2 = await t.open();
    try {
      expect((await databaseState(db2.orm)).demoOnly).toBe(true);
      await db2.orm.insert(users).values({
        username: "quantri",
        name: "Nguyễn Văn A",
        role: "admin",
        unitCode: "000.00.00.H56",
        passwordHash: "x",
      });
    } finally {
      await db2.close();
    }
    const never = await script("seed.ts", t, "--reset", "--yes-wipe", t.name);
    expect(never.code).toBe(1);
    expect(never.out).toContain("quantri");
  }, 300_000);
});
