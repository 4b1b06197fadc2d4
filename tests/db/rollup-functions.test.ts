/**
 * The rollup's counters are one list (ROLLUP_COUNTERS, db/schema.ts; METHOD §A–§C's
 * prefix sums, lib/engine/rollup.ts), but the functions that fill them live in the
 * database, created by migrations 0007 and 0012, where an applied migration can no longer
 * change. So the database is held to the list: every run of counters that the installed
 * functions spell out (pg_get_functiondef) — the key table dossier_keys returns, the
 * list rollup_counters() the writers' statement is built from (migration 0021) — is
 * exactly the list, in its order; and the tables have exactly its columns. A counter added to the list without a
 * migration that teaches the functions fails here, not as a silent zero in a figure. The
 * same holds METHOD §C.3's payable dossier to the one SQL the scorecard reads.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { ROLLUP_COUNTERS, ROLLUP766_COUNTERS } from "@/db/schema";
import { PAYABLE_DOSSIER } from "@/lib/engine/verdict-sql";
import { testDatabase } from "../helpers/db";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(() => db?.close());

const definition = async (name: string): Promise<string> => {
  const [r] = await rows<{ def: string }>(
    db.orm,
    sql`select pg_get_functiondef(p.oid) as def from pg_proc p where p.proname = ${name}`,
  );
  return r.def;
};

/** The inserts of the statement a rollup's trigger runs (built by function `fn`): [table, key, counter list]. */
async function writtenBy(fn: "dossier_rollup_sql" | "dossier_rollup766_sql"): Promise<string[][]> {
  const [w] = await rows<{ q: string }>(db.orm, sql`select ${sql.raw(fn)}('select 1') as q`);
  return [...w.q.matchAll(/insert into (\w+) \(province_code, unit_code, pc, (\w+), ([^)]*)\)/g)].map((m) => [
    m[1],
    m[2],
    m[3],
  ]);
}

const COUNTERS = [...ROLLUP_COUNTERS];

describe("the rollup's functions spell ROLLUP_COUNTERS (METHOD §A–§C prefix sums)", () => {
  it("dossier_keys returns the counters and names them in its key rows", async () => {
    const def = await definition("dossier_keys");
    const returned = /RETURNS TABLE\(at timestamp with time zone, ([^)]*)\)/.exec(def)![1];
    expect(returned.split(", ").map((c) => c.replace(/ (integer|bigint)$/, ""))).toEqual(COUNTERS);
    const alias = /k\(at, ([^)]*)\)/.exec(def)![1];
    expect(alias.split(", ")).toEqual(COUNTERS);
    // Each key row carries one value per counter after its instant.
    const values = def.slice(def.indexOf("values"), def.indexOf(") k(at"));
    const rowsOf = values.split(/\),\s*\(/);
    expect(rowsOf).toHaveLength(5);
    // METHOD §C.3's payable dossier, as the scorecard's scan reads it.
    expect(def).toContain(`${PAYABLE_DOSSIER} as payable`);
  });

  it("rollup_counters() is the list, in its order: the writers' statement is built from it (migration 0021)", async () => {
    const [r] = await rows<{ c: string[] }>(db.orm, sql`select rollup_counters() as c`);
    expect(r.c).toEqual(COUNTERS);
    // The statement the trigger runs sums, filters and merges exactly those counters.
    const inserted = await writtenBy("dossier_rollup_sql");
    expect(inserted.map((m) => `${m[0]}.${m[1]}`)).toEqual([
      "dossier_days.day",
      "dossier_months.month",
      "dossier_years.year",
    ]);
    for (const m of inserted) expect(m[2].split(", ")).toEqual(COUNTERS);
  });

  it("dossier_days, dossier_months and dossier_years have the counters as columns, after their keys", async () => {
    for (const table of ["dossier_days", "dossier_months", "dossier_years"]) {
      const cols = await rows<{ c: string }>(
        db.orm,
        sql`select column_name as c from information_schema.columns where table_name = ${table} order by ordinal_position`,
      );
      expect(cols.map((r) => r.c).slice(4)).toEqual(COUNTERS);
    }
  });
});

describe("the 766 rollup's functions and tables are ROLLUP766_COUNTERS (METHOD-766 §2.1, §3, §4, §5.4 prefix sums)", () => {
  // Migration 0020 spells the list once, in rollup766_counters(), and builds the writers'
  // statement from it; the key function and the tables spell it themselves.
  it("rollup766_counters() is the list, in its order", async () => {
    const [r] = await rows<{ c: string[] }>(db.orm, sql`select rollup766_counters() as c`);
    expect(r.c).toEqual([...ROLLUP766_COUNTERS]);
    const inserted = await writtenBy("dossier_rollup766_sql");
    expect(inserted.map((m) => `${m[0]}.${m[1]}`)).toEqual([
      "dossier766_days.day",
      "dossier766_months.month",
      "dossier766_years.year",
    ]);
    for (const m of inserted) expect(m[2].split(", ")).toEqual([...ROLLUP766_COUNTERS]);
  });

  it("dossier_keys766 returns the counters, and its key rows carry one value per counter", async () => {
    const def = await definition("dossier_keys766");
    const returned = /RETURNS TABLE\(at timestamp with time zone, ([^)]*)\)/.exec(def)![1];
    expect(returned.split(", ").map((c) => c.replace(/ (integer|bigint)$/, ""))).toEqual([...ROLLUP766_COUNTERS]);
    const alias = /k\(at, ([^)]*)\)/.exec(def)![1];
    expect(alias.split(", ")).toEqual([...ROLLUP766_COUNTERS]);
  });

  it("dossier766_days, dossier766_months and dossier766_years have the counters as columns, after their keys", async () => {
    for (const table of ["dossier766_days", "dossier766_months", "dossier766_years"]) {
      const cols = await rows<{ c: string }>(
        db.orm,
        sql`select column_name as c from information_schema.columns where table_name = ${table} order by ordinal_position`,
      );
      expect(cols.map((r) => r.c).slice(4)).toEqual([...ROLLUP766_COUNTERS]);
    }
  });
});

describe("a truncate of the dossiers empties both rollups (their trigger, migration 0021)", () => {
  it("every day, month and year table, METHOD's and METHOD-766's", async () => {
    const tables = ["dossier", "dossier766"].flatMap((p) =>
      (["day", "month", "year"] as const).map((key) => [`${p}_${key}s`, key] as const),
    );
    for (const [table, key] of tables)
      await db.orm.execute(
        sql`insert into ${sql.identifier(table)} (province_code, unit_code, pc, ${sql.identifier(key)}) values ('T', 'U', 'P', '2026-01-01')`,
      );
    await db.orm.execute(sql`truncate dossiers cascade`);
    const left = await Promise.all(
      tables.map(async ([table]) => {
        const [r] = await rows<{ n: number }>(db.orm, sql`select count(*)::int as n from ${sql.identifier(table)}`);
        return [table, r.n];
      }),
    );
    expect(left).toEqual(tables.map(([table]) => [table, 0]));
  });
});
