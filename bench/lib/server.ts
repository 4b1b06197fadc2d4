/** The built app, started against a given database for a benchmark, with its memory watched. */
import { execSync, spawn } from "node:child_process";
import fs from "node:fs";

export const BENCH_SECRET = "bench-only-secret-0123456789abcdef";

/** `databaseUrl`: PostgreSQL; `{ pgliteDir }`: the embedded database in that folder. */
export async function startServer(databaseUrl: string | { pgliteDir: string }, port: number) {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.error("[bench] chưa có bản build — đang build / no build yet — building…");
    execSync("npx next build", { stdio: "inherit" });
  }
  // A server already on the port would answer in place of this one.
  const busy = await fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
  if (busy) throw new Error(`Cổng ${port} đang có tiến trình khác / port ${port} is already in use`);
  // Next's own entry (not npx), so that the child is the server and killing it stops it.
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      ...(typeof databaseUrl === "string"
        ? { DATABASE_URL: databaseUrl }
        : { DATABASE_URL: "", PGLITE_DIR: databaseUrl.pgliteDir }),
      // The requests are measured, not the portal's own jobs: the nightly check, 60 s after
      // start, compares the whole rollup with the dossiers, and ran inside the load phases.
      TTHC_ALERTS: "off",
      TTHC_NIGHTLY: "off",
      AUTH_SECRET: BENCH_SECRET,
      NODE_ENV: "production",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/v1/openapi.json`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 240 || child.exitCode !== null) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
  /** Resident memory of the server process and its children now, from /proc (kB). */
  const rssKb = (field: "VmRSS" | "VmHWM") => {
    let kb = 0;
    for (const pid of [child.pid!, ...childrenOf(child.pid!)]) {
      const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(safeRead(`/proc/${pid}/status`));
      if (m) kb += Number(m[1]);
    }
    return kb;
  };
  // Sampled as it runs too, so a process that is gone by the end still counts.
  let peakKb = 0;
  const sampler = setInterval(() => (peakKb = Math.max(peakKb, rssKb("VmRSS"))), 250);
  const peakRssMb = () => Math.round(Math.max(peakKb, rssKb("VmHWM")) / 1024);
  const stop = async () => {
    clearInterval(sampler);
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
  };
  return { base, pid: child.pid!, peakRssMb, stop };
}

function safeRead(f: string) {
  try {
    return fs.readFileSync(f, "utf8");
  } catch {
    return "";
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const task of safeRead(`/proc/${pid}/task/${pid}/children`).trim().split(/\s+/).filter(Boolean).map(Number)) {
    out.push(task, ...childrenOf(task));
  }
  return out;
}
