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
import { sql, type SQL } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import type { UnitKind } from "@/db/schema";
import { type Period, periodJson, yearFraction } from "@/lib/method/period";
import { onTimeIndicator } from "@/lib/method/ontime";
import { onlineIndicator } from "@/lib/method/online";
import { paymentIndicator } from "@/lib/method/payment";
import { feedbackIndicator, UNDETERMINED } from "@/lib/method/feedback";
import { syncIndicator } from "@/lib/method/sync";
import { instant, subtree, textList, type Scope, scopeRoot, inUnitFilter } from "./sql-util";
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
import { dossierVerdict, overlapsPeriod } from "./verdict-sql";
import { cachedScore, sharedFlight } from "./scorecard-cache";
import { COUNTS, irregular, rollupCounts } from "./rollup";
import {
  EXTRA_766,
  EXTRA_766_RULES,
  PAYABLE,
  PROCEDURE_FACTS_766,
  facts766,
  feedbackCounts766,
  procedureFacts766,
} from "./verdict766-sql";

export const GROUP_BY = ["all", "agency", "area", "procedure", "field", "sector"] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export const AREA_KINDS = sql.raw(`('tinh', 'huyen', 'xa')`);

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

/** Units a dossier's agency may be in: the scope ∩ the unit filter ∩ the area filter. */
function allowedUnits(q: ScorecardQuery): SQL | null {
  const parts: SQL[] = [];
  const root = scopeRoot(q.scope);
  if (root) parts.push(subtree(root));
  if (q.filter?.unit) parts.push(subtree(q.filter.unit));
  if (q.filter?.area) {
    parts.push(sql`select ua.unit_code from unit_area ua where ${inUnitFilter(sql`ua.area_code`, q.filter.area)}`);
  }
  if (parts.length === 0) return null;
  return sql.join(parts, sql` intersect `);
}

function procedureCondition(col: SQL, f?: ScorecardFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (f?.procedure) parts.push(sql`${col} = ${f.procedure}`);
  if (f?.field) parts.push(sql`${col} in (select code from procedures where field_code = ${f.field})`);
  return sql.join(parts, sql` and `);
}

/** (unit_code, pc) → group key g, for the requested dimension. */
function groupMap(by: GroupBy): SQL {
  switch (by) {
    case "all":
      return sql`select k.unit_code, k.pc, 'ALL'::text as g from keys k`;
    case "agency":
      return sql`select k.unit_code, k.pc, c.ancestor_code as g from keys k
        join unit_closure c on c.descendant_code = k.unit_code`;
    case "area":
      return sql`select k.unit_code, k.pc, c.ancestor_code as g from keys k
        join unit_area ua on ua.unit_code = k.unit_code
        join unit_closure c on c.descendant_code = ua.area_code`;
    case "procedure":
      return sql`select k.unit_code, k.pc, k.pc as g from keys k`;
    case "field":
      return sql`select k.unit_code, k.pc, coalesce(p.field_code, '') as g from keys k
        left join procedures p on p.code = k.pc`;
    case "sector":
      // A sector (ngành) is named only by PAKN (METHOD §D.2): no dossier maps to one.
      return sql`select k.unit_code, k.pc, null::text as g from keys k where false`;
  }
}

/** The candidate rows (g, name) — every visible unit for unit dimensions, else what has data. */
function groupList(q: ScorecardQuery): SQL {
  const root = scopeRoot(q.scope);
  const visible = root ? sql`(${subtree(root)})` : sql`(select code from units)`;
  const parent = q.filter?.parent
    ? sql`and u.parent_code = ${q.filter.parent}`
    : q.filter?.topLevel
      ? sql`and u.parent_code is null`
      : sql``;
  const valid = sql`(u.valid_from is null or u.valid_from <= ${q.period.to}::date)
    and (u.valid_to is null or u.valid_to >= ${q.period.from}::date)`;
  switch (q.by) {
    case "all":
      return sql`select 'ALL'::text as g,
        coalesce((select name from units where code = ${root ?? ""}), 'Toàn bộ') as name, null::text as kind`;
    case "agency":
      return sql`select u.code as g, u.name, u.kind from units u
        where u.code in ${visible} ${parent} and (${valid} or u.code in (select g from per_g))`;
    case "area":
      return sql`select u.code as g, u.name, u.kind from units u
        where u.kind in ${AREA_KINDS} and u.code in ${visible} ${parent} and (${valid} or u.code in (select g from per_g))`;
    case "procedure":
      return sql`select pg.g, coalesce(p.name, 'Thủ tục không có trong danh mục') as name, null::text as kind
        from (select g from per_g) pg left join procedures p on p.code = pg.g`;
    case "field":
      // Every field of the period's dossiers or PAKN has a row (METHOD §D.2 [decision]).
      return sql`select pg.g, coalesce((select max(field_name) from procedures where field_code = pg.g),
        nullif(pg.g, ''), ${UNDETERMINED}) as name, null::text as kind
        from (select g from per_g union select g from fb) pg`;
    case "sector":
      return sql`select g, g as name, null::text as kind from fb`;
  }
}

/** Feedback (§D) and reported totals (§Đ) by group: they belong to units, not procedures. */
function unitSideMap(by: GroupBy, unitCol: SQL): SQL | null {
  switch (by) {
    case "all":
      return sql`select 'ALL'::text`;
    case "agency":
      return sql`select c.ancestor_code from unit_closure c where c.descendant_code = ${unitCol}`;
    case "area":
      return sql`select c.ancestor_code from unit_area ua join unit_closure c on c.descendant_code = ua.area_code
        where ua.unit_code = ${unitCol}`;
    default:
      return null;
  }
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
export async function scorecard(orm: Orm, q: ScorecardQuery, opts: { caughtUp?: boolean } = {}): Promise<Scorecard> {
  if (q.profile !== "766" || !UNIT_GROUPINGS.includes(q.by)) return scorecardOfPeriod(orm, q, opts);
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
  const result = await rows<{
    key: string;
    name: string;
    kind: UnitKind | null;
    c: Counts | null;
    f: FeedbackRow | null;
    r: ReportRow | null;
  }>(orm, scorecardSql(q, source));
  for (const r of result) checkRow(r, q.profile ?? "200");
  const rowsOut: ScorecardRow[] = result.map((r) => assembleRow(r.key, r.name, r.kind, r.c, r.f, r.r));
  if (q.profile === "766" && q.by === "procedure") {
    // METHOD-766 §7: by procedure, only §2.2's average processing time, in the procedure's unit.
    const units = new Map(
      (
        await rows<{ code: string; unit: string | null }>(
          orm,
          sql`select code, deadline_unit as unit from procedures
      where code in ${textList(result.map((r) => r.key))}`,
        )
      ).map((p) => [p.code, p.unit]),
    );
    rowsOut.forEach((row, i) => {
      const c = result[i].c;
      const dossiers = n(c?.t22);
      row.index766 = {
        averageTime: {
          value: dossiers > 0 ? n(c?.t22_sum) / dossiers : null,
          unit: timeUnit766(units.get(row.key) ?? null),
          dossiers,
        },
      };
    });
  } else if (q.profile === "766" && UNIT_GROUPINGS.includes(q.by)) {
    const tiers = await tiersOf(
      orm,
      result.filter((r) => r.kind && isRanked(r.kind)).map((r) => r.key),
    );
    const carried = await carriedColumns766(orm);
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
  if (q.profile !== "766") return { period: periodJson(q.period), by: q.by, rows: rowsOut };
  // METHOD's figures are METHOD's whatever else is asked: the 766 statement reads the
  // dossiers under its own rules (its end, its period rule), so its A–Đ may differ. Every
  // METHOD field comes from METHOD's own computation; the 766 one gives only index766.
  const method = await computeScorecard(orm, { ...q, profile: "200" }, source);
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

/** The scorecard's counts as METHOD-766's indicators read them. */
function counts766(
  c: Counts | null,
  f: FeedbackRow | null,
  r: ReportRow | null,
  carried: Counts766["carried"],
): Counts766 {
  const k = (field: keyof Counts) => n(c?.[field]);
  return {
    population: k("population"),
    onTime: k("on_time"),
    withinDeadline: k("within"),
    procedures: k("procedures"),
    onlineProcedures: k("level3") + k("level4"),
    servicesWithDossiers: k("services_with"),
    received: k("received"),
    online: k("online"),
    feeProcedures: k("fee_procs"),
    paidProcedures: k("paid_procs"),
    catalogueFeeProcedures: k("catalogue_fee_procs"),
    feeDataProcedures: k("fee_data_procs"),
    payable: k("payable"),
    paidOnline: k("paid_dvcqg") + k("paid_local"),
    // §1.4 is METHOD §Đ's rate: its numerator counts NgayTiepNhan in the period (group 3's
    // NgayNopHoSo fallback is not its rule), drafts out (§0.6) — the dossiers of group 4.
    synced: k("g4"),
    reportedNational: n(r?.national766 ?? r?.national),
    reportedPortal: n(r?.portal),
    g4: k("g4"),
    g4Finished: k("g4_finished"),
    g4EResult: k("g4_eresult"),
    g4Digitised: k("g4_digitised"),
    g4Reused: k("g4_reused"),
    g4Shared: k("g4_shared"),
    g4Citizen: k("g4_citizen"),
    g4Population: k("g4_population"),
    kept: k("g5_kept"),
    online766: k("g3_online"),
    announcedCols: k("p11_cols"),
    announced: k("p11"),
    announcedOnTime: k("p11_on"),
    madePublicCols: k("p12_cols"),
    madePublic: k("p12"),
    madePublicOnTime: k("p12_on"),
    completeCols: k("p13"),
    complete: k("p13_on"),
    feedback: n(f?.total),
    handled: n(f?.f52),
    handledOnTime: n(f?.f52_on),
    handledWell: n(f?.f53_on),
    carried,
  };
}

/**
 * Where the per-(agency, procedure) counts come from: the rollup (rollup.ts; the few
 * irregular dossiers scanned one by one), or a scan of every dossier overlapping the
 * period — the definition the rollup is tested against. Under the 766 profile: the
 * dossiers that can count in the period, or every dossier (the definition).
 */
export type CountSource = "rollup" | "dossiers";

/** The one statement of a scorecard (exported for the test that reads its plan). */
export function scorecardSql(q: ScorecardQuery, source: CountSource = "rollup"): SQL {
  const { period } = q;
  const i766 = q.profile === "766";
  // The rollup holds METHOD's counts; the 766 profile reads the dossiers (its own end and waits).
  const fromRollup = source === "rollup" && !i766;
  const extra = i766 ? EXTRA_766 : [];
  const more = (f: (c: (typeof EXTRA_766)[number]) => string) => sql.raw(extra.map((c) => `, ${f(c)}`).join(""));
  const ps = instant(period.startAt);
  const asOf = instant(period.asOf);
  const allowed = allowedUnits(q);
  const dossierUnit = allowed ? sql`and d.unit_code in (${allowed})` : sql``;
  const authUnit = allowed ? sql`and a.unit_code in (${allowed})` : sql``;
  const reportMap = unitSideMap(q.by, sql`r.unit_code`);
  const inPeriod = sql`r.from_day >= ${period.from}::date and r.to_day <= ${period.to}::date`;
  const priorYear = Number(period.from.slice(0, 4)) - 1;
  const inPriorYear = sql`r.from_day >= ${`${priorYear}-01-01`}::date and r.to_day <= ${`${priorYear}-12-31`}::date`;
  const feedbackGroup =
    q.by === "field"
      ? sql`select coalesce(nullif(trim(f.field), ''), '')`
      : q.by === "sector"
        ? sql`select coalesce(nullif(trim(f.sector), ''), ${UNDETERMINED})`
        : unitSideMap(q.by, sql`f.unit_code`);

  return sql`
    with unit_area as (
      -- DATA.md §2: a unit's MaDiaBan; empty, an area unit is its own area and any other
      -- takes its parent's area — so the nearest of itself and its ancestors that names an
      -- area or is one (a sub-unit of a chi cục serving a huyện is in that huyện).
      select u.code as unit_code, (
        select coalesce(nullif(a.area_code, ''), a.code) from unit_closure c join units a on a.code = c.ancestor_code
        where c.descendant_code = u.code and (nullif(a.area_code, '') is not null or a.kind in ${AREA_KINDS})
        order by c.depth limit 1) as area_code
      from units u
    ),
    -- The 766 facts are materialised: otherwise the planner walks the (unit, procedure)
    -- index over every dossier to feed a sorted aggregate (2 s of random reads at 1M).
    facts as ${i766 ? sql`materialized` : sql``} (
      ${
        i766
          ? facts766(period, sql`${dossierUnit} and ${procedureCondition(sql`d.procedure_code`, q.filter)}`, {
              prune: source === "rollup",
            })
          : sql`
      select d.unit_code, coalesce(d.procedure_code, '') as pc, d.channel, d.source, d.paid_online,
        d.fee_lines, d.fee_positive, ${fromRollup ? sql`false` : sql`v.rec`} as rec, v.pop, v.finished, v.ok
      from dossiers d cross join lateral ${dossierVerdict(period)} v
      -- From the rollup, only the irregular dossiers are read here: all of them, through their
      -- partial index (a few per thousand), rather than the span index's whole period.
      where ${fromRollup ? irregular : overlapsPeriod(period)} ${dossierUnit}
        and ${procedureCondition(sql`d.procedure_code`, q.filter)}`
      }
    ),
    scanned as (
      -- As few aggregates as the rules need: the others are differences of these
      -- (late = finished − on time, overdue = population − finished − within,
      -- direct = received − online − postal, KenhThucHien being 1, 2, 3 or empty).
      select unit_code, pc,
        count(*) filter (where pop)::int as population,
        count(*) filter (where pop and finished)::int as finished,
        count(*) filter (where pop and finished and ok)::int as on_time,
        count(*) filter (where pop and not finished and ok)::int as within,
        count(*) filter (where rec)::int as received,
        count(*) filter (where rec and channel = 2)::int as online,
        count(*) filter (where rec and channel = 2 and source = 'DVCQG')::int as online_dvcqg,
        count(*) filter (where rec and channel = 2 and source = 'DIAPHUONG')::int as online_local,
        count(*) filter (where rec and channel = 3)::int as postal,
        count(*) filter (where pop and channel = 2 and not finished)::int as online_open,
        count(*) filter (where pop and channel = 2 and not finished and ok)::int as online_within,
        count(*) filter (where rec and fee_positive)::int as fee_dossiers,
        count(*) filter (where rec and paid_online in (1, 2))::int as paid_any,
        count(*) filter (where ${sql.raw(PAYABLE)})::int as payable,
        count(*) filter (where ${sql.raw(PAYABLE)} and paid_online = 1)::int as paid_dvcqg,
        count(*) filter (where ${sql.raw(PAYABLE)} and paid_online = 2)::int as paid_local
        ${more((c) => `count(*) filter (where ${EXTRA_766_RULES[c]})::int as ${c}`)}
        ${i766 ? sql`, coalesce(sum(t22_time) filter (where t22_in), 0)::float8 as t22_sum` : sql``}
      from facts group by unit_code, pc
    ),
    agg as (
      -- Pairs that count something (every other count is part of population or received).
      select unit_code, pc, ${sql.raw(COUNTS.map((c) => `sum(${c})::int as ${c}`).join(", "))}
        ${more((c) => `sum(${c})::int as ${c}`)} ${i766 ? sql`, sum(t22_sum)::float8 as t22_sum` : sql``}
      from (
        select * from scanned
        ${
          fromRollup
            ? sql`union all ${rollupCounts(
                period,
                (col) => (allowed ? sql`${col} in (${allowed})` : sql`true`),
                (col) => procedureCondition(col, q.filter),
              )}`
            : sql``
        }
      ) c
      group by unit_code, pc
      having sum(population) > 0 or sum(received) > 0
    ),
    auth as (
      select a.unit_code, a.procedure_code as pc, a.online_level, a.payment_integrated
      from authorities a where true ${authUnit} and ${procedureCondition(sql`a.procedure_code`, q.filter)}
    ),
    keys as (select unit_code, pc from agg union select unit_code, pc from auth),
    gmap as (${groupMap(q.by)}),
    per_gp as (
      select m.g, m.pc,
        bool_or(au.pc is not null) as has_auth,
        max(au.online_level) as level,
        bool_or(coalesce(p.has_fee, false)) as catalogue_fee,
        coalesce(sum(ag.population), 0) as population, coalesce(sum(ag.finished), 0) as finished,
        coalesce(sum(ag.on_time), 0) as on_time, coalesce(sum(ag.within), 0) as within,
        coalesce(sum(ag.received), 0) as received,
        coalesce(sum(ag.online), 0) as online, coalesce(sum(ag.online_dvcqg), 0) as online_dvcqg,
        coalesce(sum(ag.online_local), 0) as online_local,
        coalesce(sum(ag.postal), 0) as postal, coalesce(sum(ag.online_open), 0) as online_open,
        coalesce(sum(ag.online_within), 0) as online_within,
        coalesce(sum(ag.fee_dossiers), 0) as fee_dossiers, coalesce(sum(ag.paid_any), 0) as paid_any,
        coalesce(sum(ag.payable) filter (where au.payment_integrated), 0) as payable,
        coalesce(sum(ag.paid_dvcqg) filter (where au.payment_integrated), 0) as paid_dvcqg,
        coalesce(sum(ag.paid_local) filter (where au.payment_integrated), 0) as paid_local
        ${more((c) => `coalesce(sum(ag.${c}), 0) as ${c}`)} ${i766 ? sql`, coalesce(sum(ag.t22_sum), 0) as t22_sum` : sql``}
        ${i766 ? sql.join(procedureFacts766(period).map(([name, e]) => sql`, bool_or(${e}) as ${sql.raw(name)}`)) : sql``}
      from gmap m
      left join agg ag on ag.unit_code = m.unit_code and ag.pc = m.pc
      left join auth au on au.unit_code = m.unit_code and au.pc = m.pc
      left join procedures p on p.code = m.pc
      group by m.g, m.pc
    ),
    per_g as (
      select g,
        sum(population)::int as population, sum(finished)::int as finished, sum(on_time)::int as on_time,
        sum(within)::int as within,
        count(*) filter (where has_auth)::int as procedures,
        count(*) filter (where has_auth and level = 4)::int as level4,
        count(*) filter (where has_auth and level = 3)::int as level3,
        count(*) filter (where has_auth and level >= 3 and online > 0)::int as services_with,
        count(*) filter (where has_auth and level >= 3 and online_dvcqg > 0)::int as services_with_dvcqg,
        count(*) filter (where has_auth and level >= 3 and online_local > 0)::int as services_with_local,
        sum(received)::int as received, sum(online)::int as online,
        sum(postal)::int as postal, sum(online_open)::int as online_open, sum(online_within)::int as online_within,
        count(*) filter (where fee_dossiers > 0)::int as fee_procs,
        -- METHOD §C.1 counts a procedure with any dossier paid online; METHOD-766 §3.4 one with a
        -- fee-carrying dossier paid online (the 766 statement gives only index766: computeScorecard).
        count(*) filter (where fee_dossiers > 0 and ${sql.raw(i766 ? "g3_paid_fee" : "paid_any")} > 0)::int as paid_procs,
        count(*) filter (where has_auth and catalogue_fee)::int as catalogue_fee_procs,
        count(*) filter (where has_auth and catalogue_fee and fee_dossiers > 0)::int as fee_data_procs,
        sum(payable)::int as payable, sum(paid_dvcqg)::int as paid_dvcqg, sum(paid_local)::int as paid_local,
        sum(paid_any)::int as paid_any
        ${more((c) => `sum(${c})::int as ${c}`)} ${i766 ? sql`, sum(t22_sum)::float8 as t22_sum` : sql``}
        ${sql.raw(
          i766
            ? procedureFacts766(period)
                .map(([c]) => `, count(*) filter (where has_auth and ${c})::int as ${c}`)
                .join("")
            : "",
        )}
      from per_gp group by g
    ),
    fb as (
      ${
        feedbackGroup
          ? sql`select g, count(*)::int as total, count(*) filter (where f.kind = 1)::int as regulation,
              count(*) filter (where f.kind = 2)::int as conduct ${i766 ? sql`, ${feedbackCounts766(period)}` : sql``}
            from feedback f
            cross join lateral (${feedbackGroup}) as gm(g)
            where f.received_at >= ${ps} and f.received_at <= ${asOf}
              ${allowed ? sql`and f.unit_code in (${allowed})` : sql``}
            group by g`
          : sql`select null::text as g, 0 as total, 0 as regulation, 0 as conduct where false`
      }
    ),
    rep as (
      ${
        reportMap
          ? i766
            ? // METHOD-766 §1.4: a unit that reported nothing for the period (both totals 0 or
              // missing) counts, as its national total, its fallback: its national reports
              // lying within the calendar year before the period × the period's share of a year.
              sql`select g, sum(r.national)::int as national, sum(r.portal)::int as portal,
                sum(case when r.national = 0 and r.portal = 0 then r.prior * ${yearFraction(period.from, period.to)}::float8
                  else r.national end)::float8 as national766
              from (
                select r.unit_code,
                  coalesce(sum(r.received) filter (where r.source = 'bcqg' and ${inPeriod}), 0) as national,
                  coalesce(sum(r.received) filter (where r.source = 'thongke' and ${inPeriod}), 0) as portal,
                  coalesce(sum(r.received) filter (where r.source = 'bcqg' and ${inPriorYear}), 0) as prior
                from reported_totals r
                where (${inPeriod} or ${inPriorYear}) ${allowed ? sql`and r.unit_code in (${allowed})` : sql``}
                group by r.unit_code
              ) r cross join lateral (${reportMap}) as gm(g)
              group by g`
            : sql`select g, coalesce(sum(r.received) filter (where r.source = 'bcqg'), 0)::int as national,
              coalesce(sum(r.received) filter (where r.source = 'thongke'), 0)::int as portal
            from reported_totals r cross join lateral (${reportMap}) as gm(g)
            where ${inPeriod}
              ${allowed ? sql`and r.unit_code in (${allowed})` : sql``}
            group by g`
          : sql`select null::text as g, 0 as national, 0 as portal where false`
      }
    ),
    groups as (${groupList(q)})
    select gr.g as key, gr.name, gr.kind, to_jsonb(pg) as c, to_jsonb(fb) as f, to_jsonb(rep) as r
    from groups gr
    left join per_g pg on pg.g = gr.g
    left join fb on fb.g = gr.g
    left join rep on rep.g = gr.g
    order by gr.g`;
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
const COUNTS_766 = [...EXTRA_766, "t22_sum", ...PROCEDURE_FACTS_766] as const;
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
