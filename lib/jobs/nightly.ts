/**
 * The portal's own nightly job: the integrity check of yesterday's keys (lib/engine/verify.ts)
 * at 02:00 Vietnam time, and once shortly after start when yesterday has no check yet, so a
 * server that was down at 02:00 catches up. Read-only: a difference is reported on
 * /quan-tri for an operator to repair (tthc verify --portal --repair), never repaired
 * behind anyone's back. One run per day whatever the number of servers (nightlyCheck).
 */
import "server-only";
import { getDb } from "@/lib/data/db";
import { nightlyCheck } from "@/lib/engine/verify";
import { env } from "@/lib/env";

const HOUR = 3_600_000;
const AT_HOUR_VN = 2;
const AFTER_START_MS = 60_000;

/** Milliseconds from `now` to the next 02:00 in Vietnam (UTC+7, no daylight saving). */
export function untilNextRun(now: Date): number {
  const vn = new Date(now.getTime() + 7 * HOUR);
  const next = Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate(), AT_HOUR_VN) - 7 * HOUR;
  return next > now.getTime() ? next - now.getTime() : next + 24 * HOUR - now.getTime();
}

async function runOnce(): Promise<void> {
  try {
    const report = await nightlyCheck((await getDb()).orm);
    const n = report ? report.rollupDifferences.length + report.factDifferences.length : 0;
    if (n)
      console.error(
        `Kiểm tra số liệu đêm: ${n} sai lệch (xem /quan-tri) / Nightly check: ${n} differences (see /quan-tri)`,
      );
  } catch (e) {
    console.error(`Kiểm tra số liệu đêm thất bại / Nightly check failed: ${(e as Error).message}`);
  }
}

export function startNightlyJobs(): void {
  const g = globalThis as { __tthcNightly?: boolean };
  if (g.__tthcNightly || env.TTHC_NIGHTLY === "off") return;
  g.__tthcNightly = true;
  setTimeout(runOnce, AFTER_START_MS).unref();
  const schedule = () => {
    setTimeout(async () => {
      await runOnce();
      schedule();
    }, untilNextRun(new Date())).unref();
  };
  schedule();
}
