/**
 * `npm run bench` — a province-year of dossiers (1,000,000 by default, generated
 * deterministically) in PostgreSQL (DATABASE_URL), and in one process:
 *   - the scan baseline (a bare count(*)) beside the scorecard (A–Đ) computed from the
 *     rollup for the year, the current month and the year to date as of now, by agency
 *     and by procedure, each the median of several runs, and the full computation beside;
 *   - the rollup against the full computation on 20 random periods (stops on a difference);
 *   - sync ingest over HTTP beside COPY of the same rows (bench/sync.ts);
 *   - the overview page (current month, year to date, last month) under 20 concurrent
 *     readers while a writer syncs 200 dossiers/s, and the server's peak memory;
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
import { stepFiguresOf } from "@/lib/engine/step-figures";
import { computeScorecard, scorecard, type CountSource, type GroupBy } from "@/lib/engine/scorecard";
import { makePeriod, type Period } from "@/lib/method/period";
import { addDays, addMonths, localDate } from "@/lib/method/time";
import { prng } from "@/lib/demo/generate";
import { BENCH_SECRET, startServer } from "./lib/server";
import { measureSync, toRecord } from "./sync";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

const { values: opt } = parseArgs({
  options: {
    dossiers: { type: "string", default: "1000000" },
    reuse: { type: "boolean", default: false },
    seconds: { type: "string", default: "20" },
    "skip-sync": { type: "boolean", default: false },
    "skip-load": { type: "boolean", default: false },
    "skip-first-open": { type: "boolean", default: false },
  },
});
const N = Number(opt.dossiers);
// The year up to today, so that "the current month" of the portal's clock has its
// dossiers, as it has in a province that syncs every day.
const NOW = new Date();
const UNTIL = localDate(NOW);
const FIRST = firstDayOfData(UNTIL);
const log = (s: string) => console.error(`[bench] ${s}`);

if (!env.DATABASE_URL) {
  console.error("Cần DATABASE_URL trỏ tới PostgreSQL / DATABASE_URL must point at PostgreSQL");
  process.exit(2);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
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
  // Named by the day it runs up to: a database generated on another day is not reused.
  const name = `${base.pathname.slice(1) || "postgres"}_bench_${N}_${UNTIL.replaceAll("-", "")}`;
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
    for (const { datname } of await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like ${`${name.slice(0, -9)}%`}`) {
      await admin.unsafe(`drop database if exists ${datname} with (force)`);
    }
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
  const [{ n }] = await rows<{ n: number }>(db.orm, sql`select count(*)::int as n from dossiers`);
  const scanMs = await timeIt(7, () => rows(db.orm, sql`select count(*) from dossiers`));
  // Computed, without the cache (what the scan goals are about): the year of data, the
  // current month and the year to date as of now (judged in real time), by agency and by procedure.
  const card =
    (period: Period, by: GroupBy, source: CountSource = "rollup") =>
    () =>
      computeScorecard(db.orm, { period, by, scope: EVERY_UNIT }, source);
  const year = makePeriod(FIRST, UNTIL, NOW);
  const month = makePeriod(`${UNTIL.slice(0, 8)}01`, UNTIL, NOW);
  const ytd = makePeriod(`${UNTIL.slice(0, 4)}-01-01`, UNTIL, NOW);
  const scorecardMs = await timeIt(7, card(year, "agency"));
  const scorecardProcedureMs = await timeIt(7, card(year, "procedure"));
  const currentMonthMs = await timeIt(7, card(month, "agency"));
  const yearToDateMs = await timeIt(7, card(ytd, "agency"));
  const scorecardFullMs = await timeIt(3, card(year, "agency", "dossiers"));
  const lastMonthEnd = addDays(`${UNTIL.slice(0, 8)}01`, -1);
  const scorecardCachedMs = await timeIt(5, () =>
    scorecard(db.orm, {
      period: makePeriod(`${lastMonthEnd.slice(0, 8)}01`, lastMonthEnd, NOW),
      by: "agency",
      scope: EVERY_UNIT,
    }),
  );
  // The 766 index of the current month (METHOD-766: its own end of processing, read from the steps).
  const i766MonthMs = await timeIt(3, () =>
    computeScorecard(db.orm, { period: month, by: "agency", scope: EVERY_UNIT, profile: "766" }),
  );
  const i766YearToDateMs = await timeIt(2, () =>
    computeScorecard(db.orm, { period: ytd, by: "agency", scope: EVERY_UNIT, profile: "766" }),
  );
  // METHOD-766 §2.2 by procedure (the average processing time, kept on write since migration 0022).
  const i766ProcedureMonthMs = await timeIt(3, () =>
    computeScorecard(db.orm, { period: month, by: "procedure", scope: EVERY_UNIT, profile: "766" }),
  );
  const i766ProcedureYearToDateMs = await timeIt(2, () =>
    computeScorecard(db.orm, { period: ytd, by: "procedure", scope: EVERY_UNIT, profile: "766" }),
  );
  // METHOD-STEPS: the busiest agency's year by department, against a count of the steps table (issue #24: ≤ 3×).
  const stepsScanMs = await timeIt(5, () => rows(db.orm, sql`select count(*) from process_steps`));
  const [busiest] = await rows<{ unit: string }>(
    db.orm,
    sql`select unit_code as unit from dossiers group by 1 order by count(*) desc limit 1`,
  );
  const stepsMs = await timeIt(3, () =>
    stepFiguresOf(db.orm, { period: year, by: "department", scope: EVERY_UNIT, filter: { unit: busiest.unit } }),
  );
  return {
    dossiers: n,
    scanMs,
    scorecardMs,
    scorecardProcedureMs,
    currentMonthMs,
    yearToDateMs,
    scorecardFullMs,
    scorecardCachedMs,
    i766MonthMs,
    i766YearToDateMs,
    i766ProcedureMonthMs,
    i766ProcedureYearToDateMs,
    stepsScanMs,
    stepsMs,
  };
}

/**
 * The rollup against the full computation on the province: 20 random periods, as-of
 * instants and groupings must give identical JSON, and the 766 rollup on two more, or the
 * bench stops here.
 */
async function checkRollup(db: Database) {
  const rng = prng(Date.now() % 100_000);
  const groupings: GroupBy[] = ["all", "agency", "area", "procedure", "field"];
  for (let i = 0; i < 20; i++) {
    const from = addDays(FIRST, rng.int(0, 330));
    const to = addDays(from, rng.int(0, 60));
    const asOf = rng.chance(0.5)
      ? NOW
      : new Date(Math.min(NOW.getTime(), Date.parse(`${to}T00:00:00+07:00`) - rng.int(0, 40 * 86_400) * 1000));
    if (asOf.getTime() < Date.parse(`${from}T00:00:00+07:00`)) continue;
    const q = { period: makePeriod(from, to > UNTIL ? UNTIL : to, asOf), by: rng.pick(groupings), scope: EVERY_UNIT };
    const [rolled, full] = await Promise.all([
      computeScorecard(db.orm, q, "rollup"),
      computeScorecard(db.orm, q, "dossiers"),
    ]);
    if (JSON.stringify(rolled) !== JSON.stringify(full)) {
      throw new Error(`rollup ≠ full computation for ${from}..${q.period.to} as of ${asOf.toISOString()} by ${q.by}`);
    }
  }
  log("rollup = full computation on 20 random periods");
  // The 766 rollup too, by procedure (§2.2's time) and by agency: the full computation reads
  // every dossier's history (~15-20 s at 1M), so two periods, not twenty.
  for (const by of ["procedure", "agency"] as const) {
    const from = addDays(FIRST, rng.int(0, 300));
    const to = addDays(from, rng.int(0, 60));
    const q = {
      period: makePeriod(from, to > UNTIL ? UNTIL : to, NOW),
      by,
      scope: EVERY_UNIT,
      profile: "766" as const,
    };
    const rolled = await computeScorecard(db.orm, q, "rollup");
    const full = await computeScorecard(db.orm, q, "dossiers");
    if (JSON.stringify(rolled) !== JSON.stringify(full)) {
      throw new Error(`766 rollup ≠ full computation for ${from}..${q.period.to} by ${by}`);
    }
  }
  log("766 rollup = full computation on 2 random periods (by procedure, by agency)");
}

/** What the rollup costs in storage (its rows beside the dossiers). */
async function rollupStorage(db: Database) {
  const [r] = await rows<{ days: number; months: number; mb: number; dossiers_mb: number }>(
    db.orm,
    sql`
    select (select count(*) from dossier_days)::int as days, (select count(*) from dossier_months)::int as months,
      round((pg_total_relation_size('dossier_days') + pg_total_relation_size('dossier_months')) / 1048576.0)::int as mb,
      round(pg_total_relation_size('dossiers') / 1048576.0)::int as dossiers_mb`,
  );
  return { rollupDayRows: r.days, rollupMonthRows: r.months, rollupMb: r.mb, dossiersMb: r.dossiers_mb };
}

/**
 * 20 readers on the overview while a writer syncs 200 dossiers a second received now
 * (as one-stop systems sync), for three periods in turn: the current month (judged as
 * of each request: read from the rollup), the year to date, and the last full month
 * (served from the exact cache, lib/engine/scorecard-cache.ts, until a write touches it).
 */
async function measureLoad(url: string, db: Database) {
  const seconds = Number(opt.seconds);
  const [{ id }] = await rows<{ id: number }>(db.orm, sql`select id from users where username = 'admin'`);
  // On PostgreSQL the demo's users must replace the published password first: every page
  // would answer with that form instead (as the runs before 12-07 measured, unknowingly).
  await db.orm.execute(sql`update users set must_change_password = false where id = ${id}`);
  const cookie = `next-auth.session-token=${await encode({ token: { uid: id, sub: String(id) }, secret: BENCH_SECRET })}`;
  const root = (await rows<{ code: string }>(db.orm, sql`select code from units where parent_code is null limit 1`))[0]
    .code;
  const { token } = await issueToken(db.orm, { name: "bench writer", unitCode: root });
  const ref = demoReference();
  const pool = [...demoDossiers(ref, { dossiers: 3 * seconds * 200 + 1000, until: UNTIL, now: NOW, seed: 99 }, 200)];
  const monthStart = `${UNTIL.slice(0, 8)}01`;
  const lastMonthEnd = addDays(monthStart, -1);
  const phases = {
    Current: `from=${monthStart}&to=${addDays(addMonths(monthStart, 1), -1)}`,
    YearToDate: `from=${UNTIL.slice(0, 4)}-01-01&to=${UNTIL}`,
    "": `from=${lastMonthEnd.slice(0, 8)}01&to=${lastMonthEnd}`,
  };
  const server = await startServer(url, 3198);
  let sent = 0;
  const out: Record<string, number> = {};
  try {
    for (const [name, query] of Object.entries(phases)) {
      const get = async () => {
        const t = performance.now();
        const res = await fetch(`${server.base}/tong-quan?${query}`, { headers: { cookie }, redirect: "manual" });
        const html = await res.text();
        // The overview itself, not a page it redirects to.
        if (res.status !== 200 || !html.includes("Tổng quan — ")) throw new Error(`overview ${res.status}`);
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
        for (; Date.now() < end && sent < pool.length; sent++) {
          const tick = Date.now();
          // As one-stop systems do: what they received just now.
          const now = new Date();
          const data = pool[sent].map((d) => ({
            ...toRecord({ ...d, receivedAt: now, syncedAt: now }),
            MaHoSo: `LOAD-${sent}-${d.code}`,
          }));
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
      Object.assign(out, {
        [`overview${name}P50Ms`]: Math.round(percentile(latencies, 50)),
        [`overview${name}P95Ms`]: Math.round(percentile(latencies, 95)),
        [`overview${name}Requests`]: latencies.length,
        [`writer${name}DossiersPerSec`]: Math.round(written / elapsed),
      });
      log(`load ${name || "LastMonth"}: ${JSON.stringify(out)}`);
    }
    return { ...out, peakRssMb: server.peakRssMb() };
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
    const month = makePeriod(`${UNTIL.slice(0, 8)}01`, UNTIL, NOW);
    const card = (p: Period, profile: "200" | "766") => () =>
      computeScorecard(db.orm, { period: p, by: "agency", scope: EVERY_UNIT, profile });
    const i766Ms = await timeIt(3, card(month, "766"));
    const i200Ms = await timeIt(3, card(month, "200"));
    return {
      pgliteDemoScorecardMs: Math.round(await timeIt(5, card(period, "200"))),
      // The 766 index of the current month beside METHOD's scorecard of the same month, same run.
      pgliteDemo766MonthMs: Math.round(i766Ms),
      pgliteDemo766VsScorecard: Number((i766Ms / i200Ms).toFixed(2)),
    };
  } finally {
    await db.close();
  }
}

/**
 * Issue #21's goal: the first open of /chi-so-766 on the 50,000-dossier demo (PGlite), for
 * the current month and for a quarter, on a server just started: when its first bytes
 * arrive, and when the unit's index does (the page streams; the trend and the forecast
 * follow). Timed from the request, by reading the streamed HTML as a browser receives it.
 */
async function measureFirstOpen766() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tthc-bench-demo-"));
  const pgliteDir = path.join(dir, "pglite");
  const seeded = await openStore({ dataDir: pgliteDir });
  let id: number;
  try {
    await seedDemo(seeded, { dossiers: 50_000, until: UNTIL, now: NOW, dataDir: null });
    [{ id }] = await rows<{ id: number }>(seeded.orm, sql`select id from users where username = 'admin'`);
  } finally {
    await seeded.close();
  }
  const cookie = `next-auth.session-token=${await encode({ token: { uid: id, sub: String(id) }, secret: BENCH_SECRET })}`;
  const server = await startServer({ pgliteDir }, 3197);
  const open = async (query: string) => {
    const t0 = performance.now();
    const res = await fetch(`${server.base}/chi-so-766?${query}`, {
      headers: { cookie, "user-agent": "Mozilla/5.0 (bench) Chrome/131.0" },
      redirect: "manual",
    });
    let first: number | null = null;
    let index: number | null = null;
    let html = "";
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      first ??= performance.now() - t0;
      html += Buffer.from(chunk).toString("utf8");
      if (index === null && html.includes("data-index766-total")) index = performance.now() - t0;
    }
    if (res.status !== 200 || index === null) throw new Error(`/chi-so-766 ${res.status}: no index`);
    return { first: Math.round(first!), index: Math.round(index), end: Math.round(performance.now() - t0) };
  };
  try {
    // The process's own first render (route code, React) is not the page's: a page without figures first.
    await (await fetch(`${server.base}/login`)).text();
    const monthStart = `${UNTIL.slice(0, 8)}01`;
    const month = await open(`from=${monthStart}&to=${addDays(addMonths(monthStart, 1), -1)}`);
    // The last whole quarter: not computed before on this server.
    const q = Math.floor((Number(UNTIL.slice(5, 7)) - 1) / 3);
    const qStart = addMonths(`${UNTIL.slice(0, 4)}-01-01`, 3 * (q - 1));
    const quarter = await open(`from=${qStart}&to=${addDays(addMonths(qStart, 3), -1)}`);
    log(`first open of /chi-so-766: month ${JSON.stringify(month)}, quarter ${JSON.stringify(quarter)}`);
    return {
      pglite766FirstOpenMonthFirstByteMs: month.first,
      pglite766FirstOpenMonthIndexMs: month.index,
      pglite766FirstOpenMonthEndMs: month.end,
      pglite766FirstOpenQuarterFirstByteMs: quarter.first,
      pglite766FirstOpenQuarterIndexMs: quarter.index,
      pglite766FirstOpenQuarterEndMs: quarter.end,
    };
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
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
    currentMonthMs: Math.round(engine.currentMonthMs),
    currentMonthVsScan: Number((engine.currentMonthMs / engine.scanMs).toFixed(2)),
    yearToDateMs: Math.round(engine.yearToDateMs),
    yearToDateVsScan: Number((engine.yearToDateMs / engine.scanMs).toFixed(2)),
    scorecardFullMs: Math.round(engine.scorecardFullMs),
    scorecardFullVsScan: Number((engine.scorecardFullMs / engine.scanMs).toFixed(2)),
    scorecardCachedMs: Number(engine.scorecardCachedMs.toFixed(2)),
    i766MonthMs: Math.round(engine.i766MonthMs),
    i766MonthVsScan: Number((engine.i766MonthMs / engine.scanMs).toFixed(2)),
    i766YearToDateMs: Math.round(engine.i766YearToDateMs),
    i766YearToDateVsScan: Number((engine.i766YearToDateMs / engine.scanMs).toFixed(2)),
    i766ProcedureMonthMs: Math.round(engine.i766ProcedureMonthMs),
    i766ProcedureMonthVsScan: Number((engine.i766ProcedureMonthMs / engine.scanMs).toFixed(2)),
    i766ProcedureYearToDateMs: Math.round(engine.i766ProcedureYearToDateMs),
    i766ProcedureYearToDateVsScan: Number((engine.i766ProcedureYearToDateMs / engine.scanMs).toFixed(2)),
    stepsScanMs: Math.round(engine.stepsScanMs),
    stepsMs: Math.round(engine.stepsMs),
    stepsVsScan: Number((engine.stepsMs / engine.stepsScanMs).toFixed(2)),
    ...(await rollupStorage(db)),
  });
  log(`engine: ${JSON.stringify(results)}`);
  await checkRollup(db);
  if (!opt["skip-load"]) Object.assign(results, await measureLoad(url, db));
} finally {
  await db.close();
}
if (!opt["skip-sync"]) Object.assign(results, await measureSync(env.DATABASE_URL!, 40));
Object.assign(results, await measurePglite());
if (!opt["skip-first-open"]) Object.assign(results, await measureFirstOpen766());

const goals: Array<[string, string, boolean]> = [
  ["year scorecard ≤ 2× scan (computed)", `${results.scorecardVsScan}×`, Number(results.scorecardVsScan) <= 2],
  [
    "year by procedure ≤ 2× scan",
    `${results.scorecardProcedureVsScan}×`,
    Number(results.scorecardProcedureVsScan) <= 2,
  ],
  ["current month as of now ≤ 2× scan", `${results.currentMonthVsScan}×`, Number(results.currentMonthVsScan) <= 2],
  ["year to date as of now ≤ 2× scan", `${results.yearToDateVsScan}×`, Number(results.yearToDateVsScan) <= 2],
  ["766 index, current month, ≤ 3× scan", `${results.i766MonthVsScan}×`, Number(results.i766MonthVsScan) <= 3],
  ["766 index, year to date, ≤ 3× scan", `${results.i766YearToDateVsScan}×`, Number(results.i766YearToDateVsScan) <= 3],
  [
    "overview p95, current month, ≤ 300 ms",
    `${results.overviewCurrentP95Ms ?? "—"} ms`,
    Number(results.overviewCurrentP95Ms ?? Infinity) <= 300,
  ],
  [
    "ingest ≥ 50% of COPY",
    `${Math.round(Number(results.ingestVsCopy ?? 0) * 100)}%`,
    Number(results.ingestVsCopy ?? 0) >= 0.5,
  ],
  [
    "overview p95, last month, ≤ 300 ms",
    `${results.overviewP95Ms ?? "—"} ms`,
    Number(results.overviewP95Ms ?? Infinity) <= 300,
  ],
  [
    "steps by department, busiest agency's year, ≤ 3× a count of the steps",
    `${results.stepsVsScan}×`,
    Number(results.stepsVsScan) <= 3,
  ],
  [
    "first open of /chi-so-766 on the PGlite demo, the index ≤ 1 s (month / quarter)",
    `${results.pglite766FirstOpenMonthIndexMs ?? "—"} / ${results.pglite766FirstOpenQuarterIndexMs ?? "—"} ms`,
    Math.max(
      Number(results.pglite766FirstOpenMonthIndexMs ?? Infinity),
      Number(results.pglite766FirstOpenQuarterIndexMs ?? Infinity),
    ) <= 1000,
  ],
  ["PGlite demo scorecard ≤ 1 s", `${results.pgliteDemoScorecardMs} ms`, Number(results.pgliteDemoScorecardMs) <= 1000],
];
console.table(results);
console.table(goals.map(([goal, value, met]) => ({ goal, value, met: met ? "yes" : "no" })));
const file = path.join("bench", "results.json");
const prev = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
fs.writeFileSync(file, `${JSON.stringify({ ...prev, ...results, measuredAt: new Date().toISOString() }, null, 2)}\n`);
