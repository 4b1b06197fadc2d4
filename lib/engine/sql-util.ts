/** Small helpers for raw SQL shared by the engine modules. */
import { sql, type Column, type SQL } from "drizzle-orm";
import type { Orm } from "@/db";

/**
 * Status codes as SQL literals, from STATUS (lib/method/status.ts), never spelled as
 * numbers in a statement: one code, or several as a list for `in`.
 */
export const statusSql = (...codes: number[]): SQL =>
  sql.raw(codes.length === 1 ? String(codes[0]) : `(${codes.join(", ")})`);

/** The units of a subtree, as a set for `in (…)` or `intersect`. */
export const subtree = (root: string): SQL =>
  sql`select descendant_code from unit_closure where ancestor_code = ${root}`;

/**
 * Which units a read may see: every unit, or the subtree of one. Explicit on purpose —
 * no value means "everything", so a forgotten argument does not compile rather than
 * widen a read (issue #26: scopes that fail closed).
 */
export type Scope = { readonly all: true } | { readonly root: string };
export const EVERY_UNIT: Scope = Object.freeze({ all: true as const });
export const subtreeOf = (root: string): Scope => ({ root });
/** The unit a scope is rooted at, or null for every unit. */
export const scopeRoot = (scope: Scope): string | null => ("root" in scope ? scope.root : null);

/**
 * The one scope predicate: `unit` (a column or expression holding a unit code) lies in
 * the scope. Every scoped query goes through it, so a missing filter is a missing call
 * (tests/layers.test.ts checks that no other module writes the subtree query out).
 */
export const inScope = (unit: SQL | Column, scope: Scope): SQL =>
  "root" in scope ? sql`${unit} in (${subtree(scope.root)})` : sql`true`;

/** An optional narrowing filter (a unit the caller asked for, inside its scope): absent, no narrowing. */
export const inUnitFilter = (unit: SQL | Column, root: string | undefined): SQL =>
  root === undefined ? sql`true` : sql`${unit} in (${subtree(root)})`;

/**
 * An instant as a typed SQL literal. Not a bound parameter: `$1::timestamptz` is a
 * stable cast that PostgreSQL evaluates again for every row (a million rows: half a
 * second), while a literal is parsed once into a constant. Safe to inline: the text is
 * Date.toISOString() of a valid Date, nothing a caller can shape.
 */
export const instant = (d: Date): SQL => {
  const iso = d.toISOString();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso)) throw new Error(`not an instant: ${iso}`);
  return sql.raw(`'${iso}'::timestamptz`);
};

/** A list parameter as one JSON array, expanded in SQL: `x in (select … from json_list)`. */
export const textList = (values: readonly string[]): SQL =>
  sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

/** Epoch milliseconds of a timestamptz column, for driver-neutral transport. */
export const epochMs = (col: SQL): SQL => sql`(extract(epoch from ${col}) * 1000)::float8`;

export const fromEpochMs = (v: unknown): Date | null => (v == null ? null : new Date(Number(v)));

/**
 * Runs a read with `mb` MB of sort and hash memory, for this transaction only. A report
 * that groups a few thousand kinds out of hundreds of thousands of rows is a hash table of
 * a few MB; with the default 4 MB PostgreSQL, misjudging the rows a scope holds, sorts
 * them all on disk instead.
 */
export async function withWorkMem<T>(orm: Orm, mb: number, run: (tx: Orm) => Promise<T>): Promise<T> {
  return orm.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local work_mem = '${Math.round(mb)}MB'`));
    return run(tx as unknown as Orm);
  });
}
