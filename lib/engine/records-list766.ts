/**
 * The procedures behind METHOD-766 §1.1–1.3 and §3.1, and the PAKN behind §5.2–5.3: each
 * record of the indicator's denominator, whether it counts in the numerator and the dates
 * that decided — by the same expressions the scorecard counts with (verdict766-sql.ts).
 */
import { sql, type SQL } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import type { FeedbackIndicator766, ProcedureIndicator766 } from "@/lib/method/i766/points";
import type { Period } from "@/lib/method/period";
import { COUNTED_BY } from "@/lib/method/i766/indicators";
import { epochMs, inScope, instant, type Scope, inUnitFilter } from "./sql-util";
import { scorecardSql } from "./scorecard-sql";
import { feedbackDueJoins766, feedbackFacts766, procedureFacts766 } from "./verdict766-sql";

/**
 * Each procedure-based indicator as its denominator and numerator: flags of the catalogue
 * row (1.1–1.3, 3.1), or (3.2, 3.4, 3.5) flags of the scorecard's own per-procedure counts,
 * which mix the procedure with its dossiers — so the list is the scorecard's, not a copy.
 */
type PerProcedure = Record<string, number>;
export const PROCEDURE_SETS_766 = {
  "1.1": COUNTED_BY["1.1"],
  "1.2": COUNTED_BY["1.2"],
  "1.3": COUNTED_BY["1.3"],
  "3.1": { den: "true", num: "online" },
  "3.2": { den: (c: PerProcedure) => c.level3 + c.level4 > 0, num: (c: PerProcedure) => c.services_with > 0 },
  "3.4": { den: (c: PerProcedure) => c.fee_procs > 0, num: (c: PerProcedure) => c.paid_procs > 0 },
  "3.5": { den: (c: PerProcedure) => c.catalogue_fee_procs > 0, num: (c: PerProcedure) => c.fee_data_procs > 0 },
} as const satisfies Record<
  ProcedureIndicator766,
  { den: string | ((c: PerProcedure) => boolean); num: string | ((c: PerProcedure) => boolean) }
>;
export const FEEDBACK_SETS_766 = {
  "5.2": COUNTED_BY["5.2"],
  "5.3": COUNTED_BY["5.3"],
} as const satisfies Record<FeedbackIndicator766, { den: string; num: string }>;

interface ListQuery<I> {
  period: Period;
  scope: Scope;
  unit?: string;
  indicator: I;
  missedOnly?: boolean;
  limit?: number;
  offset?: number;
}

/** One summary row joined to a page of records (the page may be empty). */
function paged(from: SQL, select: SQL, order: SQL, q: ListQuery<unknown>): SQL {
  return sql`
    with m as (${from})
    select s.total, s.counted_total, x.* from (
      select count(*)::int as total, (count(*) filter (where counted))::int as counted_total from m
    ) s left join lateral (
      select ${select} from m ${q.missedOnly ? sql`where not m.counted` : sql``}
      order by m.counted, ${order} limit ${q.limit ?? 50} offset ${q.offset ?? 0}
    ) x on true`;
}

export interface Procedure766Item {
  code: string;
  name: string;
  counted: boolean;
  level: number | null;
  /** The catalogue's dates and flag as the file gave them, and the deadlines they were held to. */
  announcedOn: string | null;
  effectiveOn: string | null;
  madePublicOn: string | null;
  complete: string | null;
  announceBy: string | null;
  publishBy: string | null;
}

export async function listProcedures766(orm: Orm, q: ListQuery<ProcedureIndicator766>) {
  const set = PROCEDURE_SETS_766[q.indicator];
  // The highest level any unit of the scope declares, by procedure (METHOD §B.1a).
  const levels = sql`select a.procedure_code as pc, max(a.online_level) as level from authorities a
    where ${inScope(sql`a.unit_code`, q.scope)} and ${inUnitFilter(sql`a.unit_code`, q.unit)} group by a.procedure_code`;
  let base: SQL;
  if (typeof set.den === "function" && typeof set.num === "function") {
    // The scorecard's own rows by procedure, unknown codes included (3.4 counts any procedure with fee dossiers).
    const perProcedure = await rows<{ key: string; name: string; c: PerProcedure | null }>(
      orm,
      scorecardSql({
        period: q.period,
        by: "procedure",
        scope: q.scope,
        filter: q.unit ? { unit: q.unit } : {},
        profile: "766",
      }),
    );
    const { den, num } = set;
    const listed = perProcedure
      .filter((r) => r.c && den(r.c))
      .map((r) => ({ code: r.key, name: r.name, counted: num(r.c!) }));
    base = sql`select k.code, k.name, a.level, coalesce(p.i766, '{}'::jsonb) as i766, k.counted
      from jsonb_to_recordset(${JSON.stringify(listed)}::jsonb) as k(code text, name text, counted boolean)
      left join procedures p on p.code = k.code left join (${levels}) a on a.pc = k.code`;
  } else {
    // §1's flags of the catalogue row and §3.1's (offered online at the highest level declared).
    const flags: Record<string, SQL> = {
      ...Object.fromEntries(procedureFacts766(q.period)),
      true: sql`true`,
      online: sql`coalesce(a.level >= 3, false)`,
    };
    base = sql`select p.code, p.name, a.level, p.i766, ${flags[set.num as string]} as counted
      from (${levels}) a join procedures p on p.code = a.pc
      where ${flags[set.den as string]}`;
  }
  const found = await rows<Procedure766Item & { total: number; counted_total: number }>(
    orm,
    paged(
      base,
      sql`m.code, m.name, m.level, m.counted, m.i766->>'NgayCongBo' as "announcedOn", m.i766->>'NgayHieuLuc' as "effectiveOn",
      m.i766->>'NgayCongKhai' as "madePublicOn", m.i766->>'DayDuBoPhan' as complete,
      work_day_before((m.i766->>'NgayHieuLuc')::date, 5)::text as "announceBy",
      work_day_after((m.i766->>'NgayCongBo')::date, 5)::text as "publishBy"`,
      sql`m.code`,
      q,
    ),
  );
  return {
    total: found[0]?.total ?? 0,
    counted: found[0]?.counted_total ?? 0,
    items: found.filter((r) => r.code !== null) as Procedure766Item[],
  };
}

export interface Feedback766Item {
  code: string;
  unitName: string | null;
  receivedMs: number;
  counted: boolean;
  onTime: boolean;
  handledOn: string | null;
  due: string | null;
  likes: string | null;
  dislikes: string | null;
  complainedAgain: boolean;
  dossier: string | null;
}

export async function listFeedback766(orm: Orm, q: ListQuery<FeedbackIndicator766>) {
  const set = FEEDBACK_SETS_766[q.indicator];
  const facts = Object.fromEntries(feedbackFacts766(q.period));
  const found = await rows<
    Omit<Feedback766Item, "receivedMs"> & { received_ms: number; total: number; counted_total: number }
  >(
    orm,
    paged(
      sql`select f.code, f.unit_code, f.received_at, f.i766, ${facts[set.num]} as counted, ${facts.f52_on} as on_time, fd_due.day::text as due
      from feedback f ${feedbackDueJoins766}
      where f.received_at between ${instant(q.period.startAt)} and ${instant(q.period.asOf)}
        and ${inScope(sql`f.unit_code`, q.scope)} and ${inUnitFilter(sql`f.unit_code`, q.unit)} and ${facts[set.den]}`,
      sql`m.code, (select u.name from units u where u.code = m.unit_code) as "unitName", ${epochMs(sql`m.received_at`)} as received_ms,
      m.counted, m.on_time as "onTime", m.i766->>'NgayXuLyXong' as "handledOn", m.due, m.i766->>'SoThich' as likes,
      m.i766->>'SoKhongThich' as dislikes, coalesce(m.i766->>'KhieuNaiLai' = '1', false) as "complainedAgain", m.i766->>'MaHoSo' as dossier`,
      sql`m.received_at desc, m.code`,
      q,
    ),
  );
  return {
    total: found[0]?.total ?? 0,
    counted: found[0]?.counted_total ?? 0,
    items: found
      .filter((r) => r.code !== null)
      .map(({ received_ms, total: _t, counted_total: _c, ...r }) => ({ ...r, receivedMs: Number(received_ms) })),
  };
}
