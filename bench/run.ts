/**
 * `npm run bench` — a province-year of dossiers (1,000,000 by default, generated
 * deterministically) in PostgreSQL (DATABASE_URL), and in one process:
 *   - the scan baseline (a bare count(*)) beside the full scorecard (A–Đ, one year)
 *     by agency and by procedure, each the median of several runs;
 *   - sync ingest over HTTP beside COPY of the same rows (bench/sync.ts);
 *   - the overview page under 20 concurrent readers while a writer syncs 200 dossiers/s,
 *     and the server's peak memory;
 *   - the same scorecard on PGlite for the 50,000-dossier demo.
 * Prints a table and writes bench/results.json. Ratios, not absolute times, are the
 * point: this machine is shared and noisy.
 *
 * Options: --dossiers N, --reuse (keep the generated database between runs),
 * --seconds S (length of the load test, default 20), --skip-sync, --skip-load.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { rows, type Database } from "@/db";
import { openStore } from "@/lib/store/open";
import { env } from "@/lib/env";
import { issueToken } from "@/lib/store/tokens";
import { demoDossiers, demoReference, firstDayOfData } from "@/lib/demo/generate";
import { seedDemo } from "@/lib/demo/seed";
import { computeScorecard, scorecard, type GroupBy } from "@/lib/engine/scorecard";
import { makePeriod } from "@/lib/method/period";
import { BENCH_SECRET, startServer } from "./lib/server";
import { measureSync, toRecord } from "./sync";

const { values: opt } = parseArgs({
  options: {
    dossiers: { type: "string", default: "1000000" },
    reuse: { type: "boolean", default: false },
    seconds: { type: "string", default: "20" },
    "skip-sync": { type: "boolean", default: false },
    "skip-load": { type: "boolean", default: false },
  },
});
const N = Number(opt.dossiers);
// A fixed year, so the data and the figures are the same on every run.
const UNTIL = "2026-10-31";
const NOW = new Date("2026-11-01T00:00:00+07:00");
const log = (s: string) => console.error(`[bench] ${s}`);

if (!env.DATABASE_URL) {
  console.error("Cần DATABASE_URL trỏ tới PostgreSQL / DATABASE_URL must point at PostgreSQL");
  process.exit(2);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
async function timeIt(runs: number, fn: () => Promise<unknown>) {
  await fn(); // warm
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return median(t);
}

async function provinceYear(): Promise<{ url: string; db: Database }> {
  const base = new URL(env.DATABASE_URL!);
  const name = `${base.pathname.slice(1) || "postgres"}_bench_${N}`;
  const url = new URL(env.DATABASE_URL!);
  url.pathname = `/${name}`;
  const admin = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const exists = (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
  let reuse = false;
  if (exists && opt.reuse) {
    const check = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const [{ n }] = await check`select count(*)::int as n from dossiers`.catch(() => [{ n: 0 }]);
    await check.end();
    reuse = n > 0.99 * N;
  }
  if (!reuse) {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  }
  await admin.end();
  const db = await openStore({ url: url.toString() });
  if (!reuse) {
    log(`generating ${N.toLocaleString("en")} dossiers…`);
    const t = performance.now();
    await seedDemo(db, { dossiers: N, until: UNTIL, now: NOW, dataDir: null });
    log(`generated in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  await db.orm.execute(sql`vacuum analyze`);
  return { url: url.toString(), db };
}

async function measureEngine(db: Database) {
  const period = makePeriod(firstDayOfData(UNTIL), UNTIL, NOW);
  const [{ n }] = await rows<{ n: number }>(db.orm, sql`select count(*)::int as n from dossiers`);
  const scanMs = await timeIt(7, () => rows(db.orm, sql`select count(*) from dossiers`));
  // The computation (what the scan goal is about), and a read of a past period served
  // by the exact cache.
  const card = (by: GroupBy) => () => computeScorecard(db.orm, { period, by, scopeUnit: null });
  const scorecardMs = await timeIt(5, card("agency"));
  const scorecardProcedureMs = await timeIt(5, card("procedure"));
  const scorecardCachedMs = await timeIt(5, () => scorecard(db.orm, { period, by: "agency", scopeUnit: null }));
  return { dossiers: n, scanMs, scorecardMs, scorecardProcedureMs, scorecardCachedMs };
}

/**
 * 20 readers on the overview of the last full month while a writer syncs 200 dossiers a
 * second received now (as one-stop systems sync): the past month's figures are served
 * from the exact cache (lib/engine/scorecard-cache.ts) until a write touches it.
 */
async function measureLoad(url: string, db: Database) {
  const seconds = Number(opt.seconds);
  const [{ id }] = await rows<{ id: number }>(db.orm, sql`select id from users where username = 'admin'`);
  const cookie = `next-auth.session-token=${await encode({ token: { uid: id, sub: String(id) }, secret: BENCH_SECRET })}`;
  const root = (await rows<{ code: string }>(db.orm, sql`select code from units where parent_code is null limit 1`))[0].code;
  const { token } = await issueToken(db.orm, { name: "bench writer", unitCode: root });
  const ref = demoReference();
  const pool = [...demoDossiers(ref, { dossiers: seconds * 200 + 400, until: UNTIL, now: NOW, seed: 99 }, 200)];
  const server = await startServer(url, 3198);
  try {
    const page = `${server.base}/tong-quan?from=${UNTIL.slice(0, 8)}01&to=${UNTIL}`;
    const get = async () => {
      const t = performance.now();
      const res = await fetch(page, { headers: { cookie } });
      await res.text();
      if (res.status !== 200) throw new Error(`overview ${res.status}`);
      return performance.now() - t;
    };
    for (let i = 0; i < 3; i++) await get(); // warm the route
    const latencies: number[] = [];
    let written = 0;
    const end = Date.now() + seconds * 1000;
    const reader = async () => {
      while (Date.now() < end) latencies.push(await get());
    };
    const writer = async () => {
      for (let s = 0; Date.now() < end && s < pool.length; s++) {
        const tick = Date.now();
        // As one-stop systems do: what they received just now.
        const now = new Date();
        const data = pool[s].map((d) => ({ ...toRecord({ ...d, receivedAt: now, syncedAt: now }), MaHoSo: `LOAD-${s}-${d.code}` }));
        const res = await fetch(`${server.base}/api/v1/sync`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ service: "DongBoHoSoMC", data }),
        });
        written += ((await res.json()) as { accepted?: number }).accepted ?? 0;
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tick))));
      }
    };
    const t0 = Date.now();
    await Promise.all([writer(), ...Array.from({ length: 20 }, reader)]);
    const elapsed = (Date.now() - t0) / 1000;
    return {
      overviewP50Ms: Math.round(percentile(latencies, 50)),
      overviewP95Ms: Math.round(percentile(latencies, 95)),
      overviewRequests: latencies.length,
      writerDossiersPerSec: Math.round(written / elapsed),
      peakRssMb: server.peakRssMb(),
    };
  } finally {
    await server.stop();
    await db.orm.execute(sql`delete from dossiers where code like 'LOAD-%'`);
  }
}

async function measurePglite() {
  const db = await openStore({ memory: true });
  try {
    await seedDemo(db, { dossiers: 50_000, until: UNTIL, now: NOW, dataDir: null });
    const period = makePeriod(firstDayOfData(UNTIL), UNTIL, NOW);
    return { pgliteDemoScorecardMs: Math.round(await timeIt(5, () => computeScorecard(db.orm, { period, by: "agency", scopeUnit: null }))) };
  } finally {
    await db.close();
  }
}

const machine = `${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const { url, db } = await provinceYear();
const results: Record<string, unknown> = { machine, dossiers: 0, period: `${firstDayOfData(UNTIL)}..${UNTIL}` };
try {
  const engine = await measureEngine(db);
  Object.assign(results, {
    dossiers: engine.dossiers,
    scanMs: Math.round(engine.scanMs),
    scorecardMs: Math.round(engine.scorecardMs),
    scorecardVsScan: Number((engine.scorecardMs / engine.scanMs).toFixed(2)),
    scorecardProcedureMs: Math.round(engine.scorecardProcedureMs),
    scorecardProcedureVsScan: Number((engine.scorecardProcedureMs / engine.scanMs).toFixed(2)),
    scorecardCachedMs: Number(engine.scorecardCachedMs.toFixed(2)),
  });
  log(`engine: ${JSON.stringify(results)}`);
  if (!opt["skip-load"]) Object.assign(results, await measureLoad(url, db));
} finally {
  await db.close();
}
if (!opt["skip-sync"]) Object.assign(results, await measureSync(env.DATABASE_URL!, 40));
Object.assign(results, await measurePglite());

const goals: Array<[string, string, boolean]> = [
  ["scorecard ≤ 2× scan (computed)", `${results.scorecardVsScan}×`, Number(results.scorecardVsScan) <= 2],
  ["ingest ≥ 50% of COPY", `${Math.round(Number(results.ingestVsCopy ?? 0) * 100)}%`, Number(results.ingestVsCopy ?? 0) >= 0.5],
  ["overview p95 ≤ 300 ms", `${results.overviewP95Ms ?? "—"} ms`, Number(results.overviewP95Ms ?? Infinity) <= 300],
  ["PGlite demo scorecard ≤ 1 s", `${results.pgliteDemoScorecardMs} ms`, Number(results.pgliteDemoScorecardMs) <= 1000],
];
console.table(results);
console.table(goals.map(([goal, value, met]) => ({ goal, value, met: met ? "yes" : "no" })));
const file = path.join("bench", "results.json");
const prev = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
fs.writeFileSync(file, `${JSON.stringify({ ...prev, ...results, measuredAt: new Date().toISOString() }, null, 2)}\n`);
