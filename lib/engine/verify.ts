/**
 * `tthc verify`: is what the portal keeps beside the dossiers what the dossiers say?
 * Two things are kept so that reads are fast, and both are checked against their one
 * definition, read-only, and repaired in place, online:
 * - the rollups (dossier_days, _months and _years; METHOD-766's dossier766_days, _months
 *   and _years): their sums per key against `dossier_keys` (db/migrations/0007)
 *   and `dossier_keys766` (0020) of the dossiers, the functions their triggers feed;
 * - each dossier's derived facts (METHOD §A.2–A.4, METHOD-766 §2.1) against
 *   `derivedFactsSql`, and its steps' facts (METHOD-STEPS S.1.3–S.1.5) against
 *   `stepsDerivedSql`, the same queries the writes store.
 * Each comparison is one statement, so it reads the dossiers and the rollup under one
 * snapshot; every writer changes both in one transaction, so a correct database never
 * shows a difference, however many writers run meanwhile.
 */
import { sql, type SQL } from "drizzle-orm";
import { desc } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import { integrityChecks, ROLLUP_COUNTERS, ROLLUP766_COUNTERS } from "@/db/schema";
import {
  addDays,
  addMonths,
  endOfLocalDay,
  localDate as localDateOf,
  startOfLocalDay,
  type LocalDate,
} from "@/lib/method/time";
import { DERIVED_COLUMNS, derivedFactsSql, refreshDerived, STEP_DERIVED_COLUMNS, stepsDerivedSql } from "./derive-sql";
import { holdReferenceShared, lockDossiers } from "./write-locks";
import { DOSSIER_KEYS } from "./rollup";
import { DOSSIER_KEYS766 } from "./rollup766";
import { instant, textList } from "./sql-util";

/** Days (inclusive); null means everything. */
export type VerifyRange = { from: LocalDate; to: LocalDate } | null;

export const ROLLUP_TABLES = [
  "dossier_days",
  "dossier_months",
  "dossier_years",
  "dossier766_days",
  "dossier766_months",
  "dossier766_years",
] as const;
type RollupTable = (typeof ROLLUP_TABLES)[number];

export interface RollupDifference {
  table: RollupTable;
  province: string;
  unit: string;
  procedure: string;
  /** The day, or the month's first day. */
  key: string;
  /** Counter → [stored, expected], only those that differ. */
  counters: Record<string, [number, number]>;
}

export interface FactDifference {
  code: string;
  unit: string;
  /** Column → [stored, expected] (instants as ISO text), only those that differ. */
  columns: Record<string, [string | null, string | null]>;
}

export interface VerifyReport {
  range: VerifyRange;
  checkedAt: string;
  rollupKeys: number;
  rollupDifferences: RollupDifference[];
  dossiers: number;
  factDifferences: FactDifference[];
  /** What --repair changed: rollup keys corrected, dossiers re-derived. */
  repaired?: { rollupKeys: number; dossiers: number };
}

/**
 * Each rollup table: its bucket, its counters, the function of a dossier `d` that yields
 * its keys, and for a year table the month table whose sums it holds.
 */
function rollupOf(table: RollupTable) {
  const i766 = table.startsWith("dossier766");
  const key = table.endsWith("_days")
    ? ("day" as const)
    : table.endsWith("_months")
      ? ("month" as const)
      : ("year" as const);
  return {
    key,
    counters: (i766 ? ROLLUP766_COUNTERS : ROLLUP_COUNTERS) as readonly string[],
    keys: i766 ? DOSSIER_KEYS766 : DOSSIER_KEYS,
    months: key === "year" ? (i766 ? "dossier766_months" : "dossier_months") : null,
  };
}
const list = (names: readonly string[], f: (c: string) => string) => sql.raw(names.map(f).join(", "));

/**
 * The dossiers that have a key instant in [from, to] (every key of either rollup is one
 * of these instants, or due + 1 ms with NgayHenTra's due), by the indexes on each; all
 * dossiers without a range.
 */
function dossiersWithKeysIn(from: Date, to: Date): SQL {
  const a = instant(from);
  const b = instant(to);
  const dueFrom = instant(new Date(from.getTime() - 1));
  // A NgayHenTra at 00:00 is due at the end of its day.
  const appointmentFrom = instant(new Date(from.getTime() - 86_400_000 - 1));
  return sql`(d.received_at between ${a} and ${b} or d.start_at between ${a} and ${b} or d.done_at between ${a} and ${b}
    or d.closed_at between ${a} and ${b} or d.due_at between ${dueFrom} and ${b}
    or d.submitted_at between ${a} and ${b} or coalesce(d.end766_at, 'infinity'::timestamptz) between ${a} and ${b}
    or d.appointment_at between ${appointmentFrom} and ${b} or d.supp766_at between ${a} and ${b}
    or d.resume766_at between ${a} and ${b} or d.due766_at between ${dueFrom} and ${b})`;
}

/** The keys of a `bucket` table that cover the range: whole months for `month`, whole years for `year`. */
function bucketRange(bucket: "day" | "month" | "year", range: VerifyRange): { from: LocalDate; to: LocalDate } | null {
  if (!range || bucket === "day") return range;
  if (bucket === "year") return { from: `${range.from.slice(0, 4)}-01-01`, to: `${range.to.slice(0, 4)}-12-31` };
  return { from: `${range.from.slice(0, 8)}01`, to: addDays(addMonths(`${range.to.slice(0, 8)}01`, 1), -1) };
}

/**
 * Per rollup key, the stored sums next to the expected ones, where they differ; keys are
 * limited to the range (bucketRange: whole months or years for those tables). Day and
 * month rows are held to the dossiers; year rows to the month rows they sum, so that the
 * check of a few days does not read a year of dossiers (and a repair, which corrects the
 * tables in order in one transaction, brings the years to the repaired months).
 * Sums are bigint: §2.2's summed milliseconds overflow an integer.
 */
function rollupDiffSql(table: RollupTable, range: VerifyRange): SQL {
  const { key, counters: names, keys, months } = rollupOf(table);
  const counters = (f: (c: string) => string) => list(names, f);
  const localDay = sql`(k.at at time zone 'Asia/Ho_Chi_Minh')::date`;
  const bucket = key === "day" ? localDay : sql`date_trunc('month', ${localDay})::date`;
  const span = bucketRange(key, range);
  const keyIn = (col: SQL) => (span ? sql`${col} between ${span.from}::date and ${span.to}::date` : sql`true`);
  const dossierFilter = span ? dossiersWithKeysIn(startOfLocalDay(span.from), endOfLocalDay(span.to)) : sql`true`;
  const expected = months
    ? sql`
      select m.province_code, m.unit_code, m.pc, date_trunc('year', m.month)::date as key,
        ${counters((c) => `sum(m.${c})::bigint as ${c}`)}
      from ${sql.identifier(months)} m where ${keyIn(sql`m.month`)}
      group by 1, 2, 3, 4`
    : sql`
      select d.province_code, d.unit_code, coalesce(d.procedure_code, '') as pc, ${bucket} as key,
        ${counters((c) => `sum(k.${c})::bigint as ${c}`)}
      from dossiers d cross join lateral ${keys} k
      where ${dossierFilter} and ${keyIn(bucket)}
      group by 1, 2, 3, 4`;
  return sql`
    with expected as (${expected}), stored as (
      select t.province_code, t.unit_code, t.pc, t.${sql.raw(key)} as key, ${counters((c) => `sum(t.${c})::bigint as ${c}`)}
      from ${sql.identifier(table)} t where ${keyIn(sql.raw(`t.${key}`))}
      group by 1, 2, 3, 4
    )
    select coalesce(e.province_code, s.province_code) as province, coalesce(e.unit_code, s.unit_code) as unit,
      coalesce(e.pc, s.pc) as procedure, coalesce(e.key, s.key)::text as key,
      ${counters((c) => `coalesce(s.${c}, 0) as s_${c}, coalesce(e.${c}, 0) as e_${c}`)}
    from expected e full join stored s
      on s.province_code = e.province_code and s.unit_code = e.unit_code and s.pc = e.pc and s.key = e.key
    where ${sql.raw(names.map((c) => `coalesce(s.${c}, 0) <> coalesce(e.${c}, 0)`).join(" or "))}`;
}

/** The number of keys the rollup holds in the range (what was compared). */
async function rollupKeyCount(orm: Orm, range: VerifyRange): Promise<number> {
  let n = 0;
  for (const table of ROLLUP_TABLES) {
    const { key } = rollupOf(table);
    const keys = bucketRange(key, range);
    const [r] = await rows<{ n: number }>(
      orm,
      sql`select count(distinct (province_code, unit_code, pc, ${sql.raw(key)}))::int as n from ${sql.identifier(table)}
        where ${keys ? sql`${sql.raw(key)} between ${keys.from}::date and ${keys.to}::date` : sql`true`}`,
    );
    n += r.n;
  }
  return n;
}

type DiffRow = Record<string, string | number>;
const toDifference = (table: RollupDifference["table"], r: DiffRow): RollupDifference => ({
  table,
  province: String(r.province),
  unit: String(r.unit),
  procedure: String(r.procedure),
  key: String(r.key),
  counters: Object.fromEntries(
    rollupOf(table)
      .counters.filter((c) => Number(r[`s_${c}`]) !== Number(r[`e_${c}`]))
      .map((c) => [c, [Number(r[`s_${c}`]), Number(r[`e_${c}`])]]),
  ),
});

export async function rollupDifferences(orm: Orm, range: VerifyRange): Promise<RollupDifference[]> {
  const out: RollupDifference[] = [];
  for (const table of ROLLUP_TABLES) {
    for (const r of await rows<DiffRow>(orm, rollupDiffSql(table, range))) out.push(toDifference(table, r));
  }
  return out;
}

/**
 * Repairs the rollup in place: for every key that differs, one row of (expected − stored)
 * is added, in one statement per table, under the snapshot the difference was read in.
 * Reads sum a key's rows, and writers only add rows (rollup.ts), so the repair is exact
 * while writers run and takes no lock any of them waits for.
 */
export async function repairRollup(orm: Orm, range: VerifyRange): Promise<number> {
  return orm.transaction(async (tx) => {
    const t = tx as unknown as Orm;
    // Two repairs at once would both add the same correction: they take turns, and the
    // second reads the difference (a new snapshot, after the lock) once the first committed.
    await t.execute(sql`select pg_advisory_xact_lock(${REPAIR_LOCK}::int8)`);
    return correctRollup(t, range);
  }) as Promise<number>;
}
const REPAIR_LOCK = 766_200_003;

async function correctRollup(orm: Orm, range: VerifyRange): Promise<number> {
  let n = 0;
  for (const table of ROLLUP_TABLES) {
    const { key, counters: names } = rollupOf(table);
    const counters = (f: (c: string) => string) => list(names, f);
    const [r] = await rows<{ n: number }>(
      orm,
      sql`
      with diff as (${rollupDiffSql(table, range)}), ins as (
        insert into ${sql.identifier(table)} (province_code, unit_code, pc, ${sql.raw(key)}, ${counters((c) => c)})
        select d.province, d.unit, d.procedure, d.key::date, ${counters((c) => `d.e_${c} - d.s_${c}`)}
        from diff d returning 1
      )
      select count(*)::int as n from ins`,
    );
    n += r.n;
  }
  // Cached scorecards of any period may have read the wrong sums (scorecard-cache.ts).
  if (n) await orm.execute(sql`insert into data_changes (affected_from) values (null)`);
  return n;
}

/** Dossiers whose facts may have changed in the range: a step, the record or a sync in it. */
function factsRangeFilter(range: VerifyRange): SQL {
  if (!range) return sql`true`;
  const a = instant(startOfLocalDay(range.from));
  const b = instant(endOfLocalDay(range.to));
  return sql`(d.received_at between ${a} and ${b} or d.synced_at between ${a} and ${b} or d.updated_at between ${a} and ${b}
    or (d.province_code, d.id) in (select p.province_code, p.dossier_id from process_steps p where p.at between ${a} and ${b})
    or ${dossiersWithKeysIn(startOfLocalDay(range.from), endOfLocalDay(range.to))})`;
}

const asText = (c: string) =>
  ["start_at", "done_at", "closed_at", "due_at", "end766_at", "supp766_at", "last_event_at"].includes(c)
    ? `to_char(%s at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : "%s::text";

export async function factDifferences(
  orm: Orm,
  range: VerifyRange,
): Promise<{ checked: number; differences: FactDifference[] }> {
  const where = factsRangeFilter(range);
  const cols = (alias: string) =>
    sql.raw(DERIVED_COLUMNS.map((c) => `${asText(c).replace("%s", `${alias}.${c}`)} as ${alias}_${c}`).join(", "));
  const list = await rows<Record<string, string | null> & { code: string; unit: string; differs: boolean }>(
    orm,
    sql`
    with f as (${derivedFactsSql(where)})
    select d.code, d.unit_code as unit, ${cols("d")}, ${cols("f")},
      (${sql.raw(DERIVED_COLUMNS.map((c) => `d.${c} is distinct from f.${c}`).join(" or "))}) as differs
    from dossiers d join f on f.province_code = d.province_code and f.id = d.id`,
  );
  const differences = new Map(
    list
      .filter((r) => r.differs)
      .map((r) => [
        r.code,
        {
          code: r.code,
          unit: r.unit,
          columns: Object.fromEntries(
            DERIVED_COLUMNS.filter((c) => r[`d_${c}`] !== r[`f_${c}`]).map((c) => [
              c,
              [r[`d_${c}`], r[`f_${c}`]] as [string | null, string | null],
            ]),
          ),
        },
      ]),
  );
  // METHOD-STEPS S.1.3–S.1.5 kept on each step: the first step of a dossier that differs, column by column.
  const stepText = (alias: string) =>
    sql.raw(
      STEP_DERIVED_COLUMNS.map(
        (c) =>
          `${(c === "held_from" ? asText("start_at") : "%s::text").replace("%s", `${alias}.${c}`)} as ${alias}_${c}`,
      ).join(", "),
    );
  const steps = await rows<Record<string, string | null> & { code: string; unit: string }>(
    orm,
    sql`
    select distinct on (d.code) d.code, d.unit_code as unit, ${stepText("s")}, ${stepText("h")}
    from (${stepsDerivedSql(where)}) h
      join process_steps s on s.province_code = h.province_code and s.dossier_id = h.dossier_id and s.status = h.status and s.at = h.at
      join dossiers d on d.province_code = s.province_code and d.id = s.dossier_id
    where ${sql.raw(STEP_DERIVED_COLUMNS.map((c) => `s.${c} is distinct from h.${c}`).join(" or "))}
    order by d.code, s.at, s.status`,
  );
  for (const r of steps) {
    const d = differences.get(r.code) ?? { code: r.code, unit: r.unit, columns: {} };
    for (const c of STEP_DERIVED_COLUMNS)
      if (r[`s_${c}`] !== r[`h_${c}`]) d.columns[`step_${c}`] = [r[`s_${c}`], r[`h_${c}`]];
    differences.set(r.code, d);
  }
  return { checked: list.length, differences: [...differences.values()] };
}

/** Re-derives the facts of these dossiers (locked as every writer locks them); the rollup follows by its trigger. */
export async function repairFacts(orm: Orm, codes: readonly string[]): Promise<number> {
  if (!codes.length) return 0;
  await orm.transaction(async (tx) => {
    const t = tx as unknown as Orm;
    await holdReferenceShared(t);
    await lockDossiers(t, codes);
    await refreshDerived(t, sql`d.code in ${textList(codes)}`);
  });
  return codes.length;
}

/**
 * The whole check; with `repair`, the facts first (their rewrite moves the rollup by its
 * trigger), then the rollup, then a second check, which the report gives.
 */
export async function verify(
  orm: Orm,
  range: VerifyRange,
  opts: { repair?: boolean; now?: Date } = {},
): Promise<VerifyReport> {
  const check = async (): Promise<VerifyReport> => {
    const facts = await factDifferences(orm, range);
    return {
      range,
      checkedAt: (opts.now ?? new Date()).toISOString(),
      rollupKeys: await rollupKeyCount(orm, range),
      rollupDifferences: await rollupDifferences(orm, range),
      dossiers: facts.checked,
      factDifferences: facts.differences,
    };
  };
  const first = await check();
  if (!opts.repair || (!first.rollupDifferences.length && !first.factDifferences.length)) return first;
  const dossiers = await repairFacts(
    orm,
    first.factDifferences.map((f) => f.code),
  );
  const rollupKeys = await repairRollup(orm, range);
  return { ...(await check()), repaired: { rollupKeys, dossiers } };
}

export type CheckTrigger = "nightly" | "cli";

/** Keeps a check's result (integrity_checks), with its first differences, for /quan-tri. */
export async function recordCheck(orm: Orm, report: VerifyReport, trigger: CheckTrigger, ms: number): Promise<void> {
  await orm.insert(integrityChecks).values({
    trigger,
    rangeFrom: report.range?.from ?? null,
    rangeTo: report.range?.to ?? null,
    rollupKeys: report.rollupKeys,
    rollupDifferences: report.rollupDifferences.length,
    dossiers: report.dossiers,
    factDifferences: report.factDifferences.length,
    repaired: report.repaired ?? null,
    sample: { rollup: report.rollupDifferences.slice(0, 20), facts: report.factDifferences.slice(0, 20) },
    ms: Math.round(ms),
  });
}

export type IntegrityCheck = typeof integrityChecks.$inferSelect;

export async function lastCheck(orm: Orm): Promise<IntegrityCheck | null> {
  const [r] = await orm.select().from(integrityChecks).orderBy(desc(integrityChecks.id)).limit(1);
  return r ?? null;
}

/**
 * The nightly check: yesterday's keys (its day rows, its month's rows, the dossiers with
 * an event that day), once per day however many servers share the database (an advisory
 * lock, and a check of yesterday already recorded is not repeated). Returns null when
 * another server ran or runs it.
 */
export async function nightlyCheck(orm: Orm, now = new Date()): Promise<VerifyReport | null> {
  const yesterday = addDays(localDateOf(now), -1);
  return orm.transaction(async (tx) => {
    const t = tx as unknown as Orm;
    const [lock] = await rows<{ ok: boolean }>(t, sql`select pg_try_advisory_xact_lock(${NIGHTLY_LOCK}::int8) as ok`);
    if (!lock.ok) return null;
    const [done] = await rows<{ n: number }>(
      t,
      sql`select count(*)::int as n from integrity_checks where trigger = 'nightly' and range_from = ${yesterday}::date`,
    );
    if (done.n) return null;
    const started = performance.now();
    const report = await verify(t, { from: yesterday, to: yesterday }, { now });
    await recordCheck(t, report, "nightly", performance.now() - started);
    return report;
  }) as Promise<VerifyReport | null>;
}
const NIGHTLY_LOCK = 766_200_002;
