/**
 * The dossiers behind a 766 indicator (METHOD-766 §2.1, §3.3, §4, §5.4): each dossier of
 * its denominator, whether it counts in the numerator, and the facts that decided —
 * read from the same `facts766` rows and by the same rules the scorecard counts with.
 */
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import type { DossierIndicator766 } from "@/lib/method/i766/points";
import { COUNTED_BY } from "@/lib/method/i766/indicators";
import type { Period } from "@/lib/method/period";
import type { Rule766 } from "@/lib/method/i766/ontime";
import { epochMs, inScope, type Scope, inUnitFilter } from "./sql-util";
import { DOSSIER_RULES_766, facts766 } from "./verdict766-sql";

/** A dossier indicator's records (its denominator) and those it counts, by the registry's rules. */
const setOf = (id: DossierIndicator766) => ({
  den: DOSSIER_RULES_766[COUNTED_BY[id].den],
  num: DOSSIER_RULES_766[COUNTED_BY[id].num],
});

export interface Dossier766Query {
  period: Period;
  scope: Scope;
  unit?: string;
  indicator: DossierIndicator766;
  /** Only the dossiers that do not count in the numerator (what costs points). */
  missedOnly?: boolean;
  limit?: number;
  offset?: number;
}

export interface Dossier766Item {
  code: string;
  unitName: string | null;
  procedureCode: string | null;
  procedureName: string | null;
  receivedMs: number | null;
  endMs: number | null;
  counted: boolean;
  /** The facts the indicators read: the on-time rule and verdict, and the record's flags. */
  rule: Rule766;
  pop: boolean;
  finished: boolean;
  ok: boolean;
  online: boolean;
  paper: boolean;
  eresult: boolean;
  digitised: boolean;
  reused: boolean;
  shared: boolean;
  citizen: boolean;
  population: boolean;
  dissatisfied: boolean;
  named: boolean;
}

export async function listDossiers766(
  orm: Orm,
  q: Dossier766Query,
): Promise<{ total: number; counted: number; items: Dossier766Item[] }> {
  const set = setOf(q.indicator);
  const where = sql`and ${inScope(sql`d.unit_code`, q.scope)} and ${inUnitFilter(sql`d.unit_code`, q.unit)}`;
  // The statement's row: the item's facts under their own names, the rest in SQL's.
  const found = await rows<
    Omit<Dossier766Item, "unitName" | "procedureCode" | "procedureName" | "receivedMs" | "endMs"> & {
      unit_name: string | null;
      pc: string;
      procedure_name: string | null;
      received_ms: number | null;
      end_ms: number | null;
      total: number;
      counted_total: number;
    }
  >(
    orm,
    sql`
    with g as (
      select f.*, ${sql.raw(`(${set.den})`)} as in_den, coalesce(${sql.raw(`(${set.num})`)}, false) as counted
      from (${facts766(q.period, where)}) f
    ), m as (select * from g where in_den)
    -- One summary row, joined to the page of dossiers (none on an empty page).
    select s.total, s.counted_total, x.* from (
      select count(*)::int as total, (count(*) filter (where counted))::int as counted_total from m
    ) s left join lateral (
      select m.code, u.name as unit_name, m.pc, p.name as procedure_name,
        ${epochMs(sql`m.received_at`)} as received_ms, ${epochMs(sql`m.end_at`)} as end_ms, m.counted, m.rule,
        coalesce(m.pop, false) as pop, coalesce(m.finished, false) as finished, coalesce(m.ok, false) as ok,
        coalesce(m.channel = 2, false) as online, m.paper, m.eresult, m.digitised, m.reused, m.shared, m.citizen, m.population,
        m.dissatisfied, m.named
      from m left join units u on u.code = m.unit_code left join procedures p on p.code = nullif(m.pc, '')
      ${q.missedOnly ? sql`where not m.counted` : sql``}
      order by m.counted, m.received_at desc nulls last, m.code
      limit ${q.limit ?? 50} offset ${q.offset ?? 0}
    ) x on true`,
  );
  return {
    total: found[0]?.total ?? 0,
    counted: found[0]?.counted_total ?? 0,
    items: found
      .filter((r) => r.code !== null)
      .map((r) => ({
        code: r.code,
        unitName: r.unit_name,
        procedureCode: r.pc || null,
        procedureName: r.procedure_name,
        receivedMs: r.received_ms == null ? null : Number(r.received_ms),
        endMs: r.end_ms == null ? null : Number(r.end_ms),
        counted: r.counted,
        rule: r.rule,
        pop: r.pop,
        finished: r.finished,
        ok: r.ok,
        online: r.online,
        paper: r.paper,
        eresult: r.eresult,
        digitised: r.digitised,
        reused: r.reused,
        shared: r.shared,
        citizen: r.citizen,
        population: r.population,
        dissatisfied: r.dissatisfied,
        named: r.named,
      })),
  };
}
