/** A test file's database holding the demo province (lib/demo), seeded once before its tests. */
import { afterAll, beforeAll } from "vitest";
import type { Database } from "@/db";
import { seedDemo, type SeedOptions } from "@/lib/demo/seed";
import { testDatabase } from "./db";

/** The instant the demo is seen from in these tests: a fixed day, so figures do not move with the clock. */
export const DEMO_NOW = new Date("2026-11-25T05:00:00Z");

export function withDemo(
  dossiers = 4000,
  now = DEMO_NOW,
  opts: Omit<SeedOptions, "dossiers" | "now" | "dataDir"> = {},
): { db: Database } {
  const ctx = {} as { db: Database };
  beforeAll(async () => {
    ctx.db = await testDatabase();
    await seedDemo(ctx.db, { ...opts, dossiers, now, dataDir: null });
  });
  afterAll(() => ctx.db?.close());
  return ctx;
}
