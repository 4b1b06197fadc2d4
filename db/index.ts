/**
 * The one database client. With a `DATABASE_URL` it is postgres.js against that
 * server; without one, embedded PGlite persisted under `.data/pglite` (or in memory).
 * Nothing outside db/ knows which one runs: both are drizzle `PgDatabase`s and raw
 * SQL goes through `rows()`, which returns plain objects from either driver.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { prepareDatabase } from "./prepare";

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  orm: Orm;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL URL; when absent, PGlite. */
  url?: string;
  /** PGlite data directory; `memory://` or undefined with `memory: true` for a throwaway database. */
  dataDir?: string;
  memory?: boolean;
  /** PGlite: start from a dump (`dumpDataDir()` tarball), for fast test databases. */
  loadDataDir?: Blob;
  /** Skip migrations and built-in data (when the caller loads a prepared dump). */
  skipPrepare?: boolean;
}

/**
 * The folder of committed drizzle-kit migrations: beside this module when it runs from
 * source (CLI, tests, scripts), else found from the working directory (the Next
 * server bundle, which runs from the project root).
 */
export function migrationsFolder(): string {
  const hasJournal = (dir: string) => fs.existsSync(path.join(dir, "meta", "_journal.json"));
  const here = import.meta.url.startsWith("file:") ? path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations") : "";
  if (here && hasJournal(here)) return here;
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (hasJournal(path.join(dir, "db", "migrations"))) return path.join(dir, "db", "migrations");
    if (path.dirname(dir) === dir) throw new Error("Không tìm thấy db/migrations / db/migrations not found");
  }
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  const db = opts.url ? await openPostgres(opts.url) : await openPglite(opts);
  if (!opts.skipPrepare) await prepareDatabase(db);
  return db;
}

async function openPostgres(url: string): Promise<Database> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(url, { max: 10, onnotice: () => {}, connection: { TimeZone: "Asia/Ho_Chi_Minh" } });
  const orm = drizzle(client, { schema });
  await migrate(orm, { migrationsFolder: migrationsFolder() });
  return { orm: orm as unknown as Orm, kind: "postgres", close: () => client.end() };
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dataDir = opts.memory ? undefined : opts.dataDir;
  if (dataDir && !dataDir.startsWith("memory://")) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const client = await PGlite.create(dataDir, { loadDataDir: opts.loadDataDir });
  await client.exec("set time zone 'Asia/Ho_Chi_Minh'");
  const orm = drizzle(client, { schema });
  if (!opts.skipPrepare) await migrate(orm, { migrationsFolder: migrationsFolder() });
  return {
    orm: orm as unknown as Orm,
    kind: "pglite",
    close: () => client.close(),
  };
}

/**
 * Runs raw SQL and returns its rows as plain objects, the same from both drivers.
 * Queries cast what they return (counts to int, instants to text or epoch ms) so
 * neither driver's type parsing leaks out.
 */
export async function rows<T = Record<string, unknown>>(orm: Pick<Orm, "execute">, query: SQL): Promise<T[]> {
  const result = (await orm.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

const g = globalThis as unknown as { __tthcDb?: Promise<Database> };

/** Tests point the application (routes, pages) at their own database. */
export function useDatabase(db: Database): void {
  g.__tthcDb = Promise.resolve(db);
}

/** The application's database, opened once per process from the environment. */
export async function getDb(): Promise<Database> {
  if (!g.__tthcDb) {
    const { env } = await import("@/lib/env");
    g.__tthcDb = openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.PGLITE_DIR }).catch((e) => {
      g.__tthcDb = undefined;
      throw e;
    });
  }
  return g.__tthcDb;
}
