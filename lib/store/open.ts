/**
 * Opening a database for the portal: the migrations (db/) and then what every database
 * needs before it serves (the built-in working-day calendar, METHOD §0.6).
 */
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, rows, type Database, type OpenOptions } from "@/db";
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

/**
 * The name an operator types to confirm wiping or replacing a database: PostgreSQL's
 * database name, or the embedded folder's path.
 */
export async function databaseName(db: Database): Promise<string> {
  if (db.kind === "pglite") return path.resolve(env.PGLITE_DIR);
  const [r] = await rows<{ name: string }>(db.orm, sql`select current_database() as name`);
  return r.name;
}
