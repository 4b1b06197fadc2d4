/**
 * The one SQL statement of a scorecard (scorecard.ts reads it): every METHOD indicator's
 * counts (§A–§Đ) for a period, grouped by one dimension (§0.5), and under the 766 profile
 * METHOD-766's counts beside them. Each CTE has a builder of its own below, in the order
 * the statement reads them:
 *
 *   unit_area → facts → scanned → agg (+ the rollup) → auth → keys → gmap → per_gp → per_g,
 *   fb (PAKN), rep (reported totals), groups → one row per group.
 */
import { sql, type SQL } from "drizzle-orm";
import { yearFraction } from "@/lib/method/period";
import { UNDETERMINED } from "@/lib/method/feedback";
import { instant, subtree, scopeRoot, inUnitFilter } from "./sql-util";
import { dossierVerdict, overlapsPeriod } from "./verdict-sql";
import { COUNTS, irregular, rollupCounts } from "./rollup";
import { rollup766Counts } from "./rollup766";
import {
  EXTRA_766,
  EXTRA_766_RULES,
  PAYABLE,
  PROCEDURE_FACTS_766,
  facts766,
  feedbackCounts766,
  feedbackFactColumns766,
  feedbackDueJoins766,
  procedureFacts766,
  TIME_766,
} from "./verdict766-sql";
import type { GroupBy, ScorecardFilter, ScorecardQuery } from "./scorecard";

export const AREA_KINDS = sql.raw(`('tinh', 'huyen', 'xa')`);

/**
 * Where the per-(agency, procedure) counts come from: the rollup (rollup.ts; the few
 * irregular dossiers scanned one by one), or a scan of every dossier overlapping the
 * period — the definition the rollup is tested against. Under the 766 profile: the 766
 * rollup (rollup766.ts) and its irregular dossiers, or every dossier (the definition).
 */
export type CountSource = "rollup" | "dossiers";

/** What every builder reads: the query and what follows from it. */
interface Statement {
  q: ScorecardQuery;
  source: CountSource;
  i766: boolean;
  /** METHOD's counts come from the rollup. */
  fromRollup: boolean;
  /** The 766 counts come from the 766 rollup. */
  fromRollup766: boolean;
  /** The units a dossier's agency may be in (allowedUnits), or null for every unit. */
  allowed: SQL | null;
}

/** `, f(c)` for each count the 766 profile adds to a dossier's (nothing under METHOD's). */
const more766 = (s: Statement, f: (c: (typeof EXTRA_766)[number]) => string) =>
  sql.raw((s.i766 ? EXTRA_766 : []).map((c) => `, ${f(c)}`).join(""));
/** `, f(c) as c` for §2.2's summed times (TIME_766) under the 766 profile. */
const time766 = (s: Statement, f: (c: (typeof TIME_766)[number]) => string) =>
  sql.raw((s.i766 ? TIME_766 : []).map((c) => `, ${f(c)} as ${c}`).join(""));
const unitIn = (s: Statement, col: string) => (s.allowed ? sql`and ${sql.raw(col)} in (${s.allowed})` : sql``);

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

/** The one statement of a scorecard (exported for the test that reads its plan). */
export function scorecardSql(q: ScorecardQuery, source: CountSource = "rollup"): SQL {
  const i766 = q.profile === "766";
  const s: Statement = {
    q,
    source,
    i766,
    fromRollup: source === "rollup" && !i766,
    fromRollup766: source === "rollup" && i766,
    allowed: allowedUnits(q),
  };
  return sql`
    with unit_area as (${unitAreaSql()}),
    -- The 766 facts are materialised: otherwise the planner walks the (unit, procedure)
    -- index over every dossier to feed a sorted aggregate (2 s of random reads at 1M).
    facts as ${i766 ? sql`materialized` : sql``} (${factsSql(s)}),
    scanned as (${scannedSql(s)}),
    agg as (${aggSql(s)}),
    auth as (${authSql(s)}),
    keys as (select unit_code, pc from agg union select unit_code, pc from auth),
    gmap as (${groupMap(q.by)}),
    ${i766 ? sql`pf as (${procedureFactsSql(s)}),` : sql``}
    per_gp as (${perProcedureSql(s)}),
    per_g as (${perGroupSql(s)}),
    fb as (${feedbackSql(s)}),
    rep as (${reportsSql(s)}),
    groups as (${groupList(q)})
    select gr.g as key, gr.name, gr.kind, to_jsonb(pg) as c, to_jsonb(fb) as f, to_jsonb(rep) as r
    from groups gr
    left join per_g pg on pg.g = gr.g
    left join fb on fb.g = gr.g
    left join rep on rep.g = gr.g
    order by gr.g`;
}

/**
 * DATA.md §2: a unit's MaDiaBan; empty, an area unit is its own area and any other
 * takes its parent's area — so the nearest of itself and its ancestors that names an
 * area or is one (a sub-unit of a chi cục serving a huyện is in that huyện).
 */
function unitAreaSql(): SQL {
  return sql`
      select u.code as unit_code, (
        select coalesce(nullif(a.area_code, ''), a.code) from unit_closure c join units a on a.code = c.ancestor_code
        where c.descendant_code = u.code and (nullif(a.area_code, '') is not null or a.kind in ${AREA_KINDS})
        order by c.depth limit 1) as area_code
      from units u`;
}

/** Each dossier that may count, with its METHOD §A verdict for the period (or METHOD-766's facts). */
function factsSql(s: Statement): SQL {
  const { period, filter } = s.q;
  if (s.i766)
    return facts766(
      period,
      sql`${unitIn(s, "d.unit_code")} and ${procedureCondition(sql`d.procedure_code`, filter)}
        ${s.fromRollup766 ? sql`and d.irregular766` : sql``}`,
      // Beside the rollup, only the irregular dossiers (a few thousand, by their partial
      // index): pruning them by the instants' indexes cost more than it spared (30 ms at 1M).
      { prune: s.source === "rollup" && !s.fromRollup766, stored: s.source === "rollup" },
    );
  return sql`
      select d.unit_code, coalesce(d.procedure_code, '') as pc, d.channel, d.source, d.paid_online,
        d.fee_lines, d.fee_positive, ${s.fromRollup ? sql`false` : sql`v.rec`} as rec, v.pop, v.finished, v.ok
      from dossiers d cross join lateral ${dossierVerdict(period)} v
      -- From the rollup, only the irregular dossiers are read here: all of them, through their
      -- partial index (a few per thousand), rather than the span index's whole period.
      where ${s.fromRollup ? irregular : overlapsPeriod(period)} ${unitIn(s, "d.unit_code")}
        and ${procedureCondition(sql`d.procedure_code`, filter)}`;
}

/**
 * The facts counted per (agency, procedure). As few aggregates as the rules need: the
 * others are differences of these (late = finished − on time, overdue = population −
 * finished − within, direct = received − online − postal, KenhThucHien 1, 2, 3 or empty).
 */
function scannedSql(s: Statement): SQL {
  return sql`
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
        ${more766(s, (c) => `count(*) filter (where ${EXTRA_766_RULES[c]})::int as ${c}`)}
        ${time766(s, (c) => `coalesce(sum(${c}) filter (where t22_in), 0)::bigint`)}
      from facts group by unit_code, pc`;
}

/** The scanned counts and, from the rollup, the regular dossiers' prefix sums: the pairs that count something. */
function aggSql(s: Statement): SQL {
  const unitFilter = (col: SQL) => (s.allowed ? sql`${col} in (${s.allowed})` : sql`true`);
  const pcFilter = (col: SQL) => procedureCondition(col, s.q.filter);
  const rollup = s.fromRollup
    ? sql`union all ${rollupCounts(s.q.period, unitFilter, pcFilter)}`
    : s.fromRollup766
      ? sql`union all ${rollup766Counts(s.q.period, unitFilter, pcFilter)}`
      : sql``;
  // Every other count is part of population or received.
  return sql`
      select unit_code, pc, ${sql.raw(COUNTS.map((c) => `sum(${c})::int as ${c}`).join(", "))}
        ${more766(s, (c) => `sum(${c})::int as ${c}`)} ${time766(s, (c) => `sum(${c})::bigint`)}
      from (select * from scanned ${rollup}) c
      group by unit_code, pc
      having sum(population) > 0 or sum(received) > 0`;
}

/** The agencies' authority over procedures, with their online level and payment integration (§B.1, §C.3). */
function authSql(s: Statement): SQL {
  return sql`
      select a.unit_code, a.procedure_code as pc, a.online_level, a.payment_integrated
      from authorities a where true ${unitIn(s, "a.unit_code")} and ${procedureCondition(sql`a.procedure_code`, s.q.filter)}`;
}

/**
 * METHOD-766 §1.1–1.3 of each procedure of the catalogue: they depend on the procedure
 * alone, so they are read once per procedure, not once per (group, procedure).
 */
function procedureFactsSql(s: Statement): SQL {
  const facts = procedureFacts766(s.q.period).map(([name, e]) => sql`${e} as ${sql.raw(name)}`);
  return sql`select p.code, ${sql.join(facts, sql`, `)} from procedures p`;
}

/** Counts per (group, procedure), so that distinct-procedure counts (§B.1a, §C.1–C.2) are exact. */
function perProcedureSql(s: Statement): SQL {
  const facts766 = s.i766
    ? sql.raw(PROCEDURE_FACTS_766.map((name) => `, bool_or(pf.${name}) as ${name}`).join(""))
    : sql``;
  return sql`
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
        ${more766(s, (c) => `coalesce(sum(ag.${c}), 0) as ${c}`)} ${time766(s, (c) => `coalesce(sum(ag.${c}), 0)`)}
        ${facts766}
      from gmap m
      left join agg ag on ag.unit_code = m.unit_code and ag.pc = m.pc
      left join auth au on au.unit_code = m.unit_code and au.pc = m.pc
      left join procedures p on p.code = m.pc
      ${s.i766 ? sql`left join pf on pf.code = m.pc` : sql``}
      group by m.g, m.pc`;
}

/** A group's counts: sums, and the procedures counted once each (§B.1, §C.1–C.2; METHOD-766 §1.1–1.3). */
function perGroupSql(s: Statement): SQL {
  const facts766 = s.i766
    ? sql.raw(
        procedureFacts766(s.q.period)
          .map(([c]) => `, count(*) filter (where has_auth and ${c})::int as ${c}`)
          .join(""),
      )
    : sql``;
  return sql`
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
        count(*) filter (where fee_dossiers > 0 and ${sql.raw(s.i766 ? "g3_paid_fee" : "paid_any")} > 0)::int as paid_procs,
        count(*) filter (where has_auth and catalogue_fee)::int as catalogue_fee_procs,
        count(*) filter (where has_auth and catalogue_fee and fee_dossiers > 0)::int as fee_data_procs,
        sum(payable)::int as payable, sum(paid_dvcqg)::int as paid_dvcqg, sum(paid_local)::int as paid_local,
        sum(paid_any)::int as paid_any
        ${more766(s, (c) => `sum(${c})::int as ${c}`)} ${time766(s, (c) => `sum(${c})::bigint`)}
        ${facts766}
      from per_gp group by g`;
}

/** §D (and METHOD-766 §5.2–5.3): the PAKN of the period by group; they belong to units or name a field or sector. */
function feedbackSql(s: Statement): SQL {
  const { q } = s;
  const group =
    q.by === "field"
      ? sql`select coalesce(nullif(trim(f.field), ''), '')`
      : q.by === "sector"
        ? sql`select coalesce(nullif(trim(f.sector), ''), ${UNDETERMINED})`
        : unitSideMap(q.by, sql`f.unit_code`);
  if (!group) return sql`select null::text as g, 0 as total, 0 as regulation, 0 as conduct where false`;
  return sql`select g, count(*)::int as total, count(*) filter (where f.kind = 1)::int as regulation,
              count(*) filter (where f.kind = 2)::int as conduct ${s.i766 ? sql`, ${feedbackCounts766}` : sql``}
            from (
              -- §5.2–5.3's facts once per PAKN (its due day joined, its record read), before the
              -- PAKN is repeated for each of its groups; offset 0 keeps them from being computed
              -- again for each (PAKN, group) pair.
              select f.* ${s.i766 ? sql`, ${feedbackFactColumns766(q.period)}` : sql``}
              from feedback f ${s.i766 ? feedbackDueJoins766 : sql``}
              where f.received_at >= ${instant(q.period.startAt)} and f.received_at <= ${instant(q.period.asOf)}
                ${unitIn(s, "f.unit_code")}
              offset 0
            ) f
            cross join lateral (${group}) as gm(g)
            group by g`;
}

/** §Đ: the totals the units reported for the period, by group (they belong to units). */
function reportsSql(s: Statement): SQL {
  const { period } = s.q;
  const map = unitSideMap(s.q.by, sql`r.unit_code`);
  if (!map) return sql`select null::text as g, 0 as national, 0 as portal where false`;
  const inPeriod = sql`r.from_day >= ${period.from}::date and r.to_day <= ${period.to}::date`;
  if (s.i766) return reports766Sql(s, map, inPeriod);
  return sql`select g, coalesce(sum(r.received) filter (where r.source = 'bcqg'), 0)::int as national,
              coalesce(sum(r.received) filter (where r.source = 'thongke'), 0)::int as portal
            from reported_totals r cross join lateral (${map}) as gm(g)
            where ${inPeriod} ${unitIn(s, "r.unit_code")}
            group by g`;
}

/**
 * METHOD-766 §1.4: a unit that reported nothing for the period (both totals 0 or missing)
 * counts, as its national total, its fallback: its national reports lying within the
 * calendar year before the period × the period's share of a year.
 */
function reports766Sql(s: Statement, map: SQL, inPeriod: SQL): SQL {
  const { period } = s.q;
  const priorYear = Number(period.from.slice(0, 4)) - 1;
  const inPriorYear = sql`r.from_day >= ${`${priorYear}-01-01`}::date and r.to_day <= ${`${priorYear}-12-31`}::date`;
  return sql`select g, sum(r.national)::int as national, sum(r.portal)::int as portal,
                sum(case when r.national = 0 and r.portal = 0 then r.prior * ${yearFraction(period.from, period.to)}::float8
                  else r.national end)::float8 as national766
              from (
                select r.unit_code,
                  coalesce(sum(r.received) filter (where r.source = 'bcqg' and ${inPeriod}), 0) as national,
                  coalesce(sum(r.received) filter (where r.source = 'thongke' and ${inPeriod}), 0) as portal,
                  coalesce(sum(r.received) filter (where r.source = 'bcqg' and ${inPriorYear}), 0) as prior
                from reported_totals r
                where (${inPeriod} or ${inPriorYear}) ${unitIn(s, "r.unit_code")}
                group by r.unit_code
              ) r cross join lateral (${map}) as gm(g)
              group by g`;
}
