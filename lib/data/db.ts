/** The application's database, opened once per process (pages, routes and actions ask here). */
import "server-only";
import type { Database } from "@/db";
import { openConfiguredStore } from "@/lib/store/open";

const g = globalThis as unknown as { __tthcDb?: Promise<Database> };

/** Tests point the application (routes, pages) at their own database. */
export function setDatabase(db: Database): void {
  g.__tthcDb = Promise.resolve(db);
}

export async function getDb(): Promise<Database> {
  g.__tthcDb ??= openConfiguredStore().catch((e) => {
    g.__tthcDb = undefined;
    throw e;
  });
  return g.__tthcDb;
}
