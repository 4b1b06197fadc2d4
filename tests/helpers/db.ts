/**
 * A fresh, migrated database for one test file: real PostgreSQL when DATABASE_URL
 * is set (a new database copied from the run's template), else embedded PGlite
 * (loaded from the run's dump). Same suite, both engines.
 */
import fs from "node:fs";
import { inject } from "vitest";
import type { Database } from "@/db";
import { openStore } from "@/lib/store/open";
import { env } from "@/lib/env";
import { withDatabase } from "../global-setup";
import { withServer } from "./server";

let counter = 0;

export async function testDatabase(): Promise<Database> {
  const template = inject("pgTemplate");
  if (env.DATABASE_URL && template) {
    const name = `tthc_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
    await withServer(env.DATABASE_URL, (sql) => sql.unsafe(`create database ${name} template ${template}`));
    const db = await openStore({ url: withDatabase(env.DATABASE_URL, name) });
    return {
      ...db,
      close: async () => {
        await db.close();
        await withServer(env.DATABASE_URL!, (sql) => sql.unsafe(`drop database if exists ${name}`));
      },
    };
  }
  const file = inject("pgliteTemplate");
  if (!file) return openStore({ memory: true });
  const blob = new Blob([fs.readFileSync(file)]);
  return openStore({ memory: true, loadDataDir: blob });
}
