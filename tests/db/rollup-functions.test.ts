/**
 * The rollup's counters are one list (ROLLUP_COUNTERS, db/schema.ts; METHOD §A–§C's
 * prefix sums, lib/engine/rollup.ts), but the functions that fill them live in the
 * database, created by migrations 0007 and 0012, where an applied migration can no longer
 * change. So the database is held to the list: every run of counters that the installed
 * functions spell out (pg_get_functiondef) — the key table dossier_keys returns, the sums
 * the writers add, the non-zero test, the merge's columns — is exactly the list, in its
 * order; and the tables have exactly its columns. A counter added to the list without a
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

/** Every maximal run of names that `pattern` (one group: the name) matches back to back, separated by `sep`. */
function runs(text: string, item: string, sep: string): string[][] {
  const re = new RegExp(`(?:${item}(?:${sep})?)+`, "g");
  return [...text.matchAll(re)]
    .map((m) => [...m[0].matchAll(new RegExp(item, "g"))].map((x) => x[1]))
    .filter((names) => names.length > 1);
}

const COUNTERS = [...ROLLUP_COUNTERS];

describe("the rollup's functions spell ROLLUP_COUNTERS (METHOD §A–§C prefix sums)", () => {
  it("dossier_keys returns the counters and names them in its key rows", async () => {
    const def = await definition("dossier_keys");
    const returned = /RETURNS TABLE\(at timestamp with time zone, ([^)]*)\)/.exec(def)![1];
    expect(returned.split(", ").map((c) => c.replace(/ integer$/, ""))).toEqual(COUNTERS);
    const alias = /k\(at, ([^)]*)\)/.exec(def)![1];
    expect(alias.split(", ")).toEqual(COUNTERS);
    // Each key row carries one value per counter after its instant.
    const values = def.slice(def.indexOf("values"), def.indexOf(") k(at"));
    const rowsOf = values.split(/\),\s*\(/);
    expect(rowsOf).toHaveLength(5);
    // METHOD §C.3's payable dossier, as the scorecard's scan reads it.
    expect(def).toContain(`${PAYABLE_DOSSIER} as payable`);
  });

  it("the writers' statement sums, filters and merges exactly the counters", async () => {
    const merge = await definition("dossier_rollup_merge_sql");
    const write = await definition("dossier_rollup_sql");
    const lists = [
      ...runs(write, String.raw`sum\(x\.sgn \* k\.(\w+)\)::int as \w+`, ", "),
      ...runs(write, String.raw`sum\((\w+)\)::int as \w+`, ", "),
      ...runs(write, String.raw`(\w+) <> 0`, " or "),
      ...runs(merge, String.raw`sum\(n\.(\w+)\)::int as \w+`, ", "),
      ...runs(merge, String.raw`(\w+) <> 0`, " or "),
      // The rows a merge folds, and the row it writes: the keys, then the counters.
      /returning t\.province_code, t\.unit_code, t\.pc, t\.%2\$I, (.*)/
        .exec(merge)![1]
        .split(", ")
        .map((c) => c.slice(2)),
      /insert into %1\$I \(province_code, unit_code, pc, %2\$I, ([^)]*)\)/.exec(merge)![1].split(", "),
    ];
    expect(lists.length).toBeGreaterThanOrEqual(6);
    for (const list of lists) expect(list).toEqual(COUNTERS);
  });

  it("dossier_days and dossier_months have the counters as columns, after their keys", async () => {
    for (const table of ["dossier_days", "dossier_months"]) {
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
  });

  it("dossier_keys766 returns the counters, and its key rows carry one value per counter", async () => {
    const def = await definition("dossier_keys766");
    const returned = /RETURNS TABLE\(at timestamp with time zone, ([^)]*)\)/.exec(def)![1];
    expect(returned.split(", ").map((c) => c.replace(/ integer$/, ""))).toEqual([...ROLLUP766_COUNTERS]);
    const alias = /k\(at, ([^)]*)\)/.exec(def)![1];
    expect(alias.split(", ")).toEqual([...ROLLUP766_COUNTERS]);
  });

  it("dossier766_days and dossier766_months have the counters as columns, after their keys", async () => {
    for (const table of ["dossier766_days", "dossier766_months"]) {
      const cols = await rows<{ c: string }>(
        db.orm,
        sql`select column_name as c from information_schema.columns where table_name = ${table} order by ordinal_position`,
      );
      expect(cols.map((r) => r.c).slice(4)).toEqual([...ROLLUP766_COUNTERS]);
    }
  });
});
