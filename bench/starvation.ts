/**
 * `npm run bench:starvation` — a heavy request beside a cheap one (issue: no starvation).
 * On a scratch PostgreSQL database (next to DATABASE_URL's) with the demo province, the
 * built app answers a cheap read (the indicators of the current month by agency) alone,
 * then while ten callers ask at once for the workbook of 1900–2100 under the 766 profile.
 * Reports the cheap read's median and worst latency in both, their ratio
 * (`cheapReadUnderHeavyRatio`), and how the heavy requests were answered (200 / 429).
 * Writes its keys into bench/results.json.
 */
import fs from "node:fs";
import path from "node:path";
import { openStore } from "@/lib/store/open";
import { env } from "@/lib/env";
import { seedDemo } from "@/lib/demo/seed";
import { issueToken } from "@/lib/store/tokens";
import { PROVINCE } from "@/lib/demo/thai-nguyen";
import { startServer } from "./lib/server";
import { scratchDatabase } from "./lib/scratch";

const PORT = 3198;
const HEAVY_CALLERS = 10;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(databaseUrl: string, dossiers: number) {
  const log = (s: string) => console.error(`[bench:starvation] ${s}`);
  const scratch = await scratchDatabase(databaseUrl, "benchstarve");
  const url = new URL(scratch.url);
  const db = await openStore({ url: url.toString() });
  await seedDemo(db, { dossiers, dataDir: null });
  // Ten callers of their own (a rate is per caller), and one for the cheap reads.
  const tokens = await Promise.all(
    Array.from({ length: HEAVY_CALLERS + 1 }, (_, i) =>
      issueToken(db.orm, { name: `bench ${i}`, unitCode: PROVINCE.code }),
    ),
  );
  log(`seeded ${dossiers} dossiers`);
  const server = await startServer(url.toString(), PORT);
  try {
    const get = async (q: string, token: string) => {
      const t0 = performance.now();
      const res = await fetch(`${server.base}${q}`, { headers: { authorization: `Bearer ${token.trim()}` } });
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - t0 };
    };
    const cheapQ = "/api/v1/indicators?by=agency";
    const heavyQ = "/api/v1/reports/scorecard.xlsx?from=1900-01-01&to=2100-12-31&profile=766";
    const cheapToken = tokens[HEAVY_CALLERS].token;
    for (let i = 0; i < 3; i++) await get(cheapQ, cheapToken); // warm-up: compiles the route, fills caches
    const alone: number[] = [];
    for (let i = 0; i < 15; i++) alone.push((await get(cheapQ, cheapToken)).ms);
    log(`cheap read alone: median ${median(alone).toFixed(0)} ms`);

    const heavy = Promise.all(tokens.slice(0, HEAVY_CALLERS).map((t) => get(heavyQ, t.token)));
    const beside: number[] = [];
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 15; i++) beside.push((await get(cheapQ, cheapToken)).ms);
    const heavyResults = await heavy;
    const result = {
      cheapReadAloneMs: Math.round(median(alone)),
      cheapReadUnderHeavyMs: Math.round(median(beside)),
      cheapReadUnderHeavyMaxMs: Math.round(Math.max(...beside)),
      cheapReadUnderHeavyRatio: Number((median(beside) / median(alone)).toFixed(2)),
      heavyAnswered: heavyResults.filter((r) => r.status === 200).length,
      heavyRefused429: heavyResults.filter((r) => r.status === 429).length,
      heavyMedianMs: Math.round(median(heavyResults.map((r) => r.ms))),
      starvationDossiers: dossiers,
    };
    console.table(result);
    const file = path.join("bench", "results.json");
    const prev = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
    fs.writeFileSync(file, `${JSON.stringify({ ...prev, ...result }, null, 2)}\n`);
  } finally {
    await server.stop();
    await db.close();
    await scratch.drop();
  }
}

if (!env.DATABASE_URL) {
  console.error("Cần DATABASE_URL trỏ tới PostgreSQL / DATABASE_URL must point at PostgreSQL");
  process.exit(2);
}
await main(env.DATABASE_URL, Number(process.argv[2] ?? 50_000));
