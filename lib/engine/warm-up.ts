/**
 * The embedded database (PGlite) is PostgreSQL compiled to WebAssembly, running in this
 * process: its first statements after opening run cold — V8 has not yet optimised the
 * engine's code, the catalog caches are empty — and cost ~0.7 s more on the 50,000-dossier
 * demo than the same statements warm, whichever statements they are. The portal pays that
 * once as it starts, by computing this week's scorecard (METHOD's and the 766 index, the
 * heaviest statements it runs) and discarding it, rather than making its first visitor wait.
 * Nothing is stored: a figure read later is computed then (lib/engine/scorecard-cache.ts).
 */
import type { Database } from "@/db";
import { periodAround } from "@/lib/method/period";
import { computeScorecard } from "./scorecard";
import { EVERY_UNIT } from "./sql-util";

/** Milliseconds spent, or null where there is nothing to warm (a PostgreSQL server stays warm). */
export async function warmUp(db: Database, now = new Date()): Promise<number | null> {
  if (db.kind !== "pglite") return null;
  const t0 = performance.now();
  await computeScorecard(db.orm, { period: periodAround("week", now), by: "all", scope: EVERY_UNIT, profile: "766" });
  return Math.round(performance.now() - t0);
}
