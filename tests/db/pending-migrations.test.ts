/**
 * A migration runs when the portal opens its database, and some rebuild a rollup
 * (minutes on a province-year): the portal names those still to apply before it applies
 * them, so that an operator knows why a start is slow (db/index.ts pendingMigrations).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { migrationsFolder, openDatabase, pendingMigrations, type Database } from "@/db";
import { testDatabase } from "../helpers/db";

const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as {
  entries: { tag: string }[];
};
const last = journal.entries.at(-1)!.tag;

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(() => db?.close());

describe("migrations still to apply", () => {
  it("none on a database that has them all", async () => {
    expect(await pendingMigrations(db.orm)).toEqual([]);
  });

  it("names those newer than the last one applied", async () => {
    await db.orm.execute(
      sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
    );
    expect(await pendingMigrations(db.orm)).toEqual([last]);
  });

  it("none on a new database (its first set-up is not an upgrade)", async () => {
    const fresh = await openDatabase({ memory: true, skipMigrations: true });
    try {
      expect(await pendingMigrations(fresh.orm)).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
