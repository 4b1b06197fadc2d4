/**
 * Opening a database for the portal: the migrations (db/) and then what every database
 * needs before it serves (the built-in working-day calendar, METHOD §0.6).
 */
import { openDatabase, type Database, type OpenOptions } from "@/db";
import { env } from "@/lib/env";
import { ensureBuiltinCalendar } from "@/lib/engine/calendar-sql";

export async function openStore(opts: OpenOptions = {}): Promise<Database> {
  const db = await openDatabase(opts);
  if (!opts.skipMigrations) await ensureBuiltinCalendar(db.orm);
  return db;
}

/** The database the environment names: DATABASE_URL, else the embedded PGlite folder. */
export const openConfiguredStore = (): Promise<Database> =>
  openStore(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.PGLITE_DIR });
