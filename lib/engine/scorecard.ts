/**
 * The set computation of every METHOD indicator (§A–§Đ) for a period, grouped by one
 * dimension (§0.5), in one SQL statement over PostgreSQL or PGlite.
 *
 * Shape of the query: one scan of `dossiers` computes each dossier's §A verdict from
 * its stored facts (derive-sql.ts) and the period's instants, aggregated by (agency,
 * procedure); those few thousand rows are mapped to the requested groups (an agency
 * covers its sub-units through `unit_closure`, §0.5) and summed per (group,
 * procedure) so that distinct-procedure counts (§B.1a, §C.1–C.2) are exact; a parent's
 * figure is computed from its dossiers, never from its children's rates. The pure
 * functions of lib/method turn the counts into rates and bands.
 */
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import type { UnitKind } from "@/db/schema";
import { type Period, periodJson } from "@/lib/method/period";
import { onTimeIndicator, type DeadlineUnit } from "@/lib/method/ontime";
import { onlineIndicator } from "@/lib/method/online";
import { paymentIndicator } from "@/lib/method/payment";
import { feedbackIndicator } from "@/lib/method/feedback";
import { syncIndicator } from "@/lib/method/sync";
import { textList, type Scope } from "./sql-util";
import { RANKED_KINDS, type RankedKind } from "@/lib/method/i766/score";
import {
  competitionRanks,
  index766,
  timeUnit766,
  unitIndex,
  type Index766,
  type ProcedureIndex766,
} from "@/lib/method/i766/score";
import { comparedPeriod, movement766 } from "@/lib/method/i766/movement";
import { formatLocalInstant } from "@/lib/method/time";
import { counted766, type Counts766 } from "@/lib/method/i766/indicators";
import { cachedScore, sharedFlight } from "./scorecard-cache";
import { EXTRA_766, PROCEDURE_FACTS_766, TIME_766 } from "./verdict766-sql";
import { averageTime766 } from "@/lib/method/i766/ontime";
import { scorecardSql, type CountSource } from "./scorecard-sql";

export type { CountSource };

export const GROUP_BY = ["all", "agency", "area", "procedure", "field", "sector"] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** Restricts which dossiers count; every field narrows (an intersection). */
export interface ScorecardFilter {
  /** Only this agency and its sub-units. */
  unit?: string;
  /** Only agencies serving this area or its sub-areas. */
  area?: string;
  procedure?: string;
  field?: string;
  /** by=agency|area: only rows for the direct children of this unit (a tier of the scorecard). */
  parent?: string;
  /** by=agency|area: only the roots of the tree (the provinces of a national portal). */
  topLevel?: boolean;
}

/** The scoring profiles: METHOD.md (Công văn 200, the default) and METHOD-766.md (the 766 index). */
export const PROFILES = ["200", "766"] as const;
export type Profile = (typeof PROFILES)[number];

export interface ScorecardQuery {
  period: Period;
  by: GroupBy;
  /** The caller's scope: a unit whose subtree it may see, or null for the whole portal. */
  scope: Scope;
  filter?: ScorecardFilter;
  /** "766": the counts of METHOD-766 beside METHOD's (its own on-time rule and period rules). */
  profile?: Profile;
}

export type ScorecardRow = ReturnType<typeof assembleRow> & { index766?: Index766 | ProcedureIndex766 };
export interface Scorecard {
  period: ReturnType<typeof periodJson>;
  by: GroupBy;
  profile?: Profile;
  rows: ScorecardRow[];
}

/**
 * The scorecards of several periods. Each is its own statement, run concurrently (on
 * PostgreSQL they use separate connections and cores). One statement joining the
 * periods was measured slower: the join through the span index loses the parallel scan.
 */
export async function scorecards(
  orm: Orm,
  q: Omit<ScorecardQuery, "period"> & { periods: Period[] },
  opts: { caughtUp?: boolean } = {},
): Promise<Scorecard[]> {
  const { periods, ...rest } = q;
  return Promise.all(periods.map((period) => scorecard(orm, { ...rest, period }, opts)));
}

/**
 * The scorecard of a period; past periods are reused until a logged write could change them.
 * With the 766 profile each unit's index carries its movement against the previous period
 * of the same kind (METHOD-766 §0.5), as that period stood at its end.
 */
export async function scorecard(
  orm: Orm,
  q: ScorecardQuery,
  opts: {
    caughtUp?: boolean;
    /** false: the index without its movement, for a reader that never shows it (it costs the previous period). */
    movement?: boolean;
  } = {},
): Promise<Scorecard> {
  if (q.profile !== "766" || !UNIT_GROUPINGS.includes(q.by) || opts.movement === false) {
    return scorecardOfPeriod(orm, q, opts);
  }
  const previous = comparedPeriod(q.period);
  const [card, before] = await Promise.all([
    scorecardOfPeriod(orm, q, opts),
    scorecardOfPeriod(orm, { ...q, period: previous }, opts),
  ]);
  const was = new Map(before.rows.map((r) => [r.key, unitIndex(r.index766)]));
  const since =
    previous.asOf.getTime() < previous.endAt.getTime()
      ? { from: previous.from, to: previous.to, asOf: formatLocalInstant(previous.asOf) }
      : { from: previous.from, to: previous.to };
  for (const row of card.rows) {
    const now = unitIndex(row.index766);
    if (now) now.change = movement766(now, was.get(row.key) ?? null, since);
  }
  return card;
}

async function scorecardOfPeriod(orm: Orm, q: ScorecardQuery, opts: { caughtUp?: boolean }): Promise<Scorecard> {
  const key = JSON.stringify({
    from: q.period.from,
    to: q.period.to,
    asOf: q.period.asOf.getTime(),
    by: q.by,
    scope: q.scope,
    filter: q.filter ?? {},
    profile: q.profile ?? "200",
  });
  // A period that has not ended is judged as of the moment it is computed: never stored,
  // but shared by the requests that ask for it while it is being computed.
  if (q.period.asOf.getTime() < q.period.endAt.getTime()) {
    const { asOf: _, ...current } = JSON.parse(key);
    return sharedFlight(orm, JSON.stringify(current), () => computeScorecard(orm, q), opts);
  }
  return cachedScore(orm, key, q.period.asOf, new Date(), () => computeScorecard(orm, q), opts);
}

/** The computation itself, without the cache (benchmarks measure this). */
export async function computeScorecard(
  orm: Orm,
  q: ScorecardQuery,
  source: CountSource = "rollup",
): Promise<Scorecard> {
  // METHOD's figures are METHOD's whatever else is asked: the 766 statement reads the
  // dossiers under its own rules (its end, its period rule), so its A–Đ may differ. Every
  // METHOD field comes from METHOD's own computation, run beside the 766 one (on
  // PostgreSQL, on another connection); the 766 one gives only index766.
  const [result, method] = await Promise.all([
    rows<{
      key: string;
      name: string;
      kind: UnitKind | null;
      c: Counts | null;
      f: FeedbackRow | null;
      r: ReportRow | null;
    }>(orm, scorecardSql(q, source)),
    q.profile === "766" ? computeScorecard(orm, { ...q, profile: "200" }, source) : null,
  ]);
  for (const r of result) checkRow(r, q.profile ?? "200");
  const rowsOut: ScorecardRow[] = result.map((r) => assembleRow(r.key, r.name, r.kind, r.c, r.f, r.r));
  if (q.profile === "766" && q.by === "procedure") {
    // METHOD-766 §7: by procedure, only §2.2's average processing time, in the procedure's unit.
    const units = new Map(
      (
        await rows<{ code: string; unit: DeadlineUnit | null }>(
          orm,
          sql`select code, deadline_unit as unit from procedures
      where code in ${textList(result.map((r) => r.key))}`,
        )
      ).map((p) => [p.code, p.unit]),
    );
    rowsOut.forEach((row, i) => {
      const c = result[i].c;
      const dossiers = n(c?.t22);
      const unit = units.get(row.key) ?? null;
      row.index766 = {
        averageTime: {
          value: averageTime766({ dossiers, ms: n(c?.t22_ms), workingDays: n(c?.t22_wd) }, unit),
          unit: timeUnit766(unit),
          dossiers,
        },
      };
    });
  } else if (q.profile === "766" && UNIT_GROUPINGS.includes(q.by)) {
    const [tiers, carried] = await Promise.all([
      tiersOf(
        orm,
        result.filter((r) => r.kind && isRanked(r.kind)).map((r) => r.key),
      ),
      carriedColumns766(orm),
    ]);
    const scores = result.map((r) => index766(counted766(counts766(r.c, r.f, r.r, carried))));
    // METHOD-766 §0.4: competition ranks within each tier of siblings of one kind.
    const byTier = new Map<string, Array<{ key: string; total: number | null }>>();
    result.forEach((r, i) => {
      const tier = tiers.get(r.key);
      if (tier) byTier.set(tier, [...(byTier.get(tier) ?? []), { key: r.key, total: scores[i].total }]);
    });
    const ranks = new Map([...byTier.values()].flatMap((t) => [...competitionRanks(t)]));
    rowsOut.forEach((row, i) => {
      const rank = ranks.get(row.key);
      row.index766 = {
        ...scores[i],
        rank: rank && row.kind && isRanked(row.kind) ? { ...rank, tier: row.kind } : null,
      };
    });
  }
  if (!method) return { period: periodJson(q.period), by: q.by, rows: rowsOut };
  const index = new Map(rowsOut.map((r) => [r.key, r.index766]));
  return {
    period: method.period,
    by: q.by,
    profile: q.profile,
    rows: method.rows.map((r) => (index.has(r.key) ? { ...r, index766: index.get(r.key) } : r)),
  };
}

/**
 * METHOD-766 §0.4: the index is computed for units (all, agency, area); a field or a PAKN
 * sector is not a unit the index scores, so its rows carry none.
 */
const UNIT_GROUPINGS: readonly GroupBy[] = ["all", "agency", "area"];

const isRanked = (k: UnitKind): k is RankedKind => (RANKED_KINDS as readonly string[]).includes(k);

/** METHOD-766 §0.4: the tiers ranked — sở/ban/ngành, xã/phường and huyện, each among the siblings of one parent. */
async function tiersOf(orm: Orm, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const found = await rows<{ code: string; parent: string | null; kind: string }>(
    orm,
    sql`
    select code, parent_code as parent, kind from units where code in ${textList(codes)}`,
  );
  return new Map(found.map((u) => [u.code, `${u.parent ?? ""}|${u.kind}`]));
}

/** METHOD-766 §6: which indicators' optional columns any file of their kind carried (migration 0014). */
async function carriedColumns766(orm: Orm): Promise<Counts766["carried"]> {
  const found = new Set(
    (await rows<{ k: string }>(orm, sql`select file || ':' || column_name as k from carried_columns`)).map((r) => r.k),
  );
  const has = (file: string, ...cols: string[]) => cols.every((c) => found.has(`${file}:${c}`));
  return {
    announced: has("thutuc", "NgayCongBo", "NgayHieuLuc"),
    madePublic: has("thutuc", "NgayCongBo", "NgayCongKhai"),
    complete: has("thutuc", "DayDuBoPhan"),
    handled: has("pakn", "NgayXuLyXong"),
  };
}

/**
 * The scorecard's counts as METHOD-766's indicators read them: the registry's names
 * (COUNTED_BY), most of them the statement's own columns; the rest METHOD's columns,
 * counted over the 766 facts.
 */
function counts766(
  c: Counts | null,
  f: FeedbackRow | null,
  r: ReportRow | null,
  carried: Counts766["carried"],
): Counts766 {
  const k = (field: keyof Counts) => n(c?.[field]);
  return {
    population: k("population"),
    timely: k("on_time") + k("within"),
    g5_kept: k("g5_kept"),
    procedures: k("procedures"),
    online_procedures: k("level3") + k("level4"),
    services_with: k("services_with"),
    fee_procs: k("fee_procs"),
    paid_procs: k("paid_procs"),
    catalogue_fee_procs: k("catalogue_fee_procs"),
    fee_data_procs: k("fee_data_procs"),
    received: k("received"),
    g3_online: k("g3_online"),
    payable: k("payable"),
    paid_online: k("paid_dvcqg") + k("paid_local"),
    reported_national: n(r?.national766 ?? r?.national),
    reported_portal: n(r?.portal),
    g4: k("g4"),
    g4_finished: k("g4_finished"),
    g4_eresult: k("g4_eresult"),
    g4_digitised: k("g4_digitised"),
    g4_reused: k("g4_reused"),
    g4_shared: k("g4_shared"),
    g4_citizen: k("g4_citizen"),
    g4_population: k("g4_population"),
    p11_cols: k("p11_cols"),
    p11: k("p11"),
    p11_on: k("p11_on"),
    p12_cols: k("p12_cols"),
    p12: k("p12"),
    p12_on: k("p12_on"),
    p13: k("p13"),
    p13_on: k("p13_on"),
    feedback: n(f?.total),
    f52: n(f?.f52),
    f52_on: n(f?.f52_on),
    f53_on: n(f?.f53_on),
    carried,
  };
}

/** The counts of a group the statement yields (METHOD §A–§C), and those it adds under the 766 profile. */
export const METHOD_COUNTS = [
  "population",
  "finished",
  "on_time",
  "within",
  "procedures",
  "level4",
  "level3",
  "services_with",
  "services_with_dvcqg",
  "services_with_local",
  "received",
  "online",
  "postal",
  "online_open",
  "online_within",
  "fee_procs",
  "paid_procs",
  "catalogue_fee_procs",
  "fee_data_procs",
  "payable",
  "paid_dvcqg",
  "paid_local",
  "paid_any",
] as const;
/** What the 766 profile adds: its dossier counts, 2.2's time and the §1.1–1.3 procedure facts. */
const COUNTS_766 = [...EXTRA_766, ...TIME_766, ...PROCEDURE_FACTS_766] as const;
type Counts = Record<(typeof METHOD_COUNTS)[number], number> & Partial<Record<(typeof COUNTS_766)[number], number>>;
interface FeedbackRow {
  total: number;
  regulation: number;
  conduct: number;
  f52?: number;
  f52_on?: number;
  f53_on?: number;
}
interface ReportRow {
  national: number;
  portal: number;
  national766?: number;
}

/**
 * The statement's row as the rules read it: a group without data has no counts (null,
 * zeros); a group with counts has every one its profile asks for — a misspelt alias in
 * the SQL is an error here, never a silent zero (issue #26).
 */
function checked(what: string, v: object | null, keys: readonly string[]): void {
  const missing = v === null ? [] : keys.filter((k) => !(k in v));
  if (missing.length) throw new Error(`scorecard: the ${what} of a row lack ${missing.join(", ")}`);
}

export function checkRow(r: { c: object | null; f: object | null; r: object | null }, profile: Profile): void {
  const i766 = profile === "766";
  checked("counts", r.c, i766 ? [...METHOD_COUNTS, ...COUNTS_766] : METHOD_COUNTS);
  checked(
    "PAKN counts",
    r.f,
    i766 ? ["total", "regulation", "conduct", "f52", "f52_on", "f53_on"] : ["total", "regulation", "conduct"],
  );
  checked("reported totals", r.r, i766 ? ["national", "portal", "national766"] : ["national", "portal"]);
}

const n = (v: unknown) => Number(v ?? 0);

/** Counts → the DATA.md §3 row, through the pure rules of lib/method. */
function assembleRow(
  key: string,
  name: string,
  kind: UnitKind | null,
  c: Counts | null,
  f: FeedbackRow | null,
  r: ReportRow | null,
) {
  const k = (field: keyof Counts) => n(c?.[field]);
  return {
    key,
    name,
    /** The unit's kind (tinh, so_nganh, huyen, xa) when the rows are units, else null. */
    kind,
    onTime: onTimeIndicator({
      population: k("population"),
      onTime: k("on_time"),
      late: k("finished") - k("on_time"),
      withinDeadline: k("within"),
      overdue: k("population") - k("finished") - k("within"),
    }),
    online: onlineIndicator({
      procedures: k("procedures"),
      level4: k("level4"),
      level3: k("level3"),
      servicesWithDossiers: k("services_with"),
      servicesWithDossiersDvcqg: k("services_with_dvcqg"),
      servicesWithDossiersLocal: k("services_with_local"),
      received: k("received"),
      online: k("online"),
      direct: k("received") - k("online") - k("postal"),
      postal: k("postal"),
      onlineInProgress: k("online_open"),
      onlineWithinDeadline: k("online_within"),
      onlineOverdue: k("online_open") - k("online_within"),
    }),
    payment: paymentIndicator({
      proceduresWithPayments: k("paid_procs"),
      proceduresWithFeeDossiers: k("fee_procs"),
      proceduresWithFeeData: k("fee_data_procs"),
      proceduresWithCatalogueFee: k("catalogue_fee_procs"),
      paidOnline: k("paid_dvcqg"),
      paidLocal: k("paid_local"),
      payableDossiers: k("payable"),
      paidAnyRoute: k("paid_any"),
    }),
    feedback: feedbackIndicator({ total: n(f?.total), regulation: n(f?.regulation), conduct: n(f?.conduct) }),
    sync: syncIndicator({ synced: k("received"), reportedNational: n(r?.national), reportedPortal: n(r?.portal) }),
  };
}
