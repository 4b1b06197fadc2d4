/**
 * The one database client. With a `DATABASE_URL` it is postgres.js against that
 * server; without one, embedded PGlite persisted under `.data/pglite` (or in memory).
 * Nothing outside db/ knows which one runs: both are drizzle `PgDatabase`s and raw
 * SQL goes through `rows()`, which returns plain objects from either driver.
 * db/ knows no rule of the portal: what a database needs beyond its migrations (the
 * built-in calendar) is done by whoever opens it (lib/store/open.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { lockFolder } from "./lock";
import { rows } from "./rows";
import * as schema from "./schema";

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  orm: Orm;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
  /** PGlite: a consistent tarball of the data folder, taken between transactions (db/backup.ts). */
  dump?: () => Promise<Blob>;
}

export interface OpenOptions {
  /** A PostgreSQL URL; when absent, PGlite. */
  url?: string;
  /** PGlite data directory; `memory://` or undefined with `memory: true` for a throwaway database. */
  dataDir?: string;
  memory?: boolean;
  /** PGlite: start from a dump (`dumpDataDir()` tarball), for fast test databases. */
  loadDataDir?: Blob;
  /** Skip migrations (when the caller loads a prepared dump). */
  skipMigrations?: boolean;
}

/**
 * The folder of committed drizzle-kit migrations: beside this module when it runs from
 * source (CLI, tests, scripts), else found from the working directory (the Next
 * server bundle, which runs from the project root).
 */
export function migrationsFolder(): string {
  const hasJournal = (dir: string) => fs.existsSync(path.join(dir, "meta", "_journal.json"));
  const here = import.meta.url.startsWith("file:")
    ? path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations")
    : "";
  if (here && hasJournal(here)) return here;
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (hasJournal(path.join(dir, "db", "migrations"))) return path.join(dir, "db", "migrations");
    if (path.dirname(dir) === dir) throw new Error("Không tìm thấy db/migrations / db/migrations not found");
  }
}

/**
 * The committed migrations a database that already has some has not applied yet, by tag
 * (none for a new database). A migration runs when the portal opens its database, and
 * some rebuild a rollup: minutes on a province-year, so the operator is told before.
 */
export async function pendingMigrations(orm: Orm): Promise<string[]> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  const [table] = await rows<{ e: boolean }>(
    orm,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as e`,
  );
  if (!table?.e) return [];
  const [last] = await rows<{ last: string | null }>(
    orm,
    sql`select max(created_at)::text as last from drizzle.__drizzle_migrations`,
  );
  if (last?.last == null) return [];
  return journal.entries.filter((e) => e.when > Number(last.last)).map((e) => e.tag);
}

async function migrateAnnounced(orm: Orm, run: () => Promise<void>): Promise<void> {
  const pending = await pendingMigrations(orm);
  if (pending.length)
    console.warn(
      `Đang cập nhật cấu trúc cơ sở dữ liệu (${pending.join(", ")}); trên cơ sở dữ liệu lớn có thể mất vài phút — nên chạy \`npm run db:migrate\` trước khi khởi động phiên bản mới. / ` +
        `Applying ${pending.length} migration(s); on a large database this can take minutes: run \`npm run db:migrate\` before starting a new version.`,
    );
  await run();
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts) : openPglite(opts);
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Database> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // No JIT: the portal's statements run in milliseconds from rollups and indexes, and the
  // planner's estimates over them passed jit_above_cost, so LLVM compiled every scorecard
  // (~240 ms of a ~330 ms read on the 1M bench).
  const client = postgres(url, {
    max: 10,
    onnotice: () => {},
    connection: { TimeZone: "Asia/Ho_Chi_Minh", jit: "off" },
  });
  const orm = drizzle(client, { schema });
  if (!opts.skipMigrations)
    await migrateAnnounced(orm as unknown as Orm, () => migrate(orm, { migrationsFolder: migrationsFolder() }));
  return { orm: orm as unknown as Orm, kind: "postgres", close: () => client.end() };
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dataDir = opts.memory ? undefined : opts.dataDir;
  const onDisk = dataDir !== undefined && !dataDir.startsWith("memory://");
  if (onDisk) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const release = onDisk ? lockFolder(path.resolve(dataDir)) : () => {};
  let client;
  try {
    client = await PGlite.create(dataDir, { loadDataDir: opts.loadDataDir });
  } catch (e) {
    release();
    throw e;
  }
  await client.exec("set time zone 'Asia/Ho_Chi_Minh'");
  yieldBetweenStatements(client);
  const orm = drizzle(client, { schema });
  if (!opts.skipMigrations)
    await migrateAnnounced(orm as unknown as Orm, () => migrate(orm, { migrationsFolder: migrationsFolder() }));
  const pg = client;
  return {
    orm: orm as unknown as Orm,
    kind: "pglite",
    dump: async () => {
      // Committed pages on disk first (less to replay on restore); then, holding the
      // transaction lock, no transaction is half-way while the files are read.
      await pg.exec("checkpoint");
      let blob: Blob | undefined;
      await pg.transaction(async () => {
        blob = await pg.dumpDataDir("gzip");
      });
      return blob!;
    },
    close: async () => {
      await client.close();
      release();
    },
  };
}

/**
 * PGlite runs each statement synchronously on the JavaScript thread, and the statements
 * queued behind its lock resume one another as promises: while a heavy page's queries
 * drain, the event loop never reaches its I/O phase, so no response is written — not the
 * page's own first bytes, not a cheap request that arrived meanwhile. Statements and
 * transactions therefore go one at a time through a queue of our own, with one turn of
 * the loop (setImmediate) between each and the next, so what is ready is sent. (PGlite
 * runs them one at a time anyway; a transaction's own statements run inside its turn.)
 */
function yieldBetweenStatements(client: {
  query: (...a: never[]) => Promise<unknown>;
  exec: (...a: never[]) => Promise<unknown>;
  transaction: (...a: never[]) => Promise<unknown>;
}): void {
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  let tail: Promise<unknown> = Promise.resolve();
  for (const name of ["query", "exec", "transaction"] as const) {
    const run = client[name].bind(client) as (...a: unknown[]) => Promise<unknown>;
    (client as Record<string, unknown>)[name] = (...args: unknown[]) => {
      const mine = tail.then(turn).then(() => run(...args));
      tail = mine.catch(() => undefined);
      return mine;
    };
  }
}

export { rows } from "./rows";
