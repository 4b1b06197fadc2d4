/**
 * A period's per-(agency, procedure) counts from the dossier rollup (db/migrations/0007, made append-only by 0012)
 * instead of a scan of the dossiers: the read grows with the number of (agency,
 * procedure) pairs and months, not with the dossiers.
 *
 * Why prefix counts suffice. For a period with start instant ps and as-of instant t,
 * write #(key ≤ t) for the number of dossiers whose key instant is at or before t. For
 * a dossier whose end e (its first Đã xử lý xong, else its first other terminal event)
 * is not before its start s, and whose Đã xử lý xong does not come after another
 * terminal event (so its end never changes from one event to another), METHOD §A.1–A.5
 * read (verdict-sql.ts):
 *   population = #(s ≤ t) − #(e < ps)        an end before ps implies s ≤ t
 *   finished   = #(e ≤ t) − #(e < ps)
 *   on time    = the same over dossiers that ended within their deadline
 *   within     = #(s ≤ t ∧ due ≥ t) − #(e ≤ t ∧ due ≥ t)
 *              = #(s ≤ t) − #(max(s, due⁺) ≤ t) − #(e ≤ t) + #(max(e, due⁺) ≤ t)
 *                over dossiers with a due instant, due⁺ = due + 1 ms (instants are
 *                kept to the millisecond, so due < t ⇔ due⁺ ≤ t)
 *   open online, within online: the same over KenhThucHien 2
 *   received in the period (§B.3, §C, §Đ.1) = #(r ≤ t) − #(r < ps), r = NgayTiepNhan.
 * Drafts (status 1) are outside §A.1 and add nothing to its terms. The other dossiers
 * ("irregular": no start, or events out of that order) are few and are computed one by
 * one, exactly as the full scan would, through a partial index.
 *
 * How a prefix is read. #(key ≤ end of day D) = the years, months and days before it,
 * each as few rows as prefixOf can make it (dossier_years, dossier_months, dossier_days:
 * a span may be added or taken away from a larger one). #(key < ps) is the prefix of the
 * day before the period.
 * An as-of instant inside a day (today, for the current period) takes the prefix of its
 * whole day and subtracts the keys that fall after it that day, read from the dossiers
 * through their indexes (a few: deadlines that end later today, future-dated events).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Orm } from "@/db";
import { ROLLUP_COUNTERS } from "@/db/schema";
import type { Period } from "@/lib/method/period";
import { addDays, addMonths, endOfLocalDay, localDate, type LocalDate } from "@/lib/method/time";
import { instant } from "./sql-util";

/** The counts of a (unit, procedure) pair that the scorecard's `agg` step yields. */
export const COUNTS = [
  "population",
  "finished",
  "on_time",
  "within",
  "received",
  "online",
  "online_dvcqg",
  "online_local",
  "postal",
  "online_open",
  "online_within",
  "fee_dossiers",
  "paid_any",
  "payable",
  "paid_dvcqg",
  "paid_local",
] as const;

/**
 * Each count as a combination of the prefix sums: `a_*` up to the as-of instant, `b_*`
 * before the period start, and `d_*` = a − b, one sum instead of two (prefixSums).
 */
const FROM_PREFIXES: Record<(typeof COUNTS)[number], string> = {
  population: "a_s_pop - b_e_n",
  finished: "d_e_n",
  on_time: "d_e_ok",
  within: "a_s_k - a_sk_k - a_e_k + a_ek_k",
  received: "d_r_received",
  online: "d_r_online",
  online_dvcqg: "d_r_online_dvcqg",
  online_local: "d_r_online_local",
  postal: "d_r_postal",
  online_open: "a_s_c - a_e_c",
  online_within: "a_s_kc - a_sk_kc - a_e_kc + a_ek_kc",
  fee_dossiers: "d_r_fee",
  paid_any: "d_r_paid_any",
  payable: "d_r_payable",
  paid_dvcqg: "d_r_paid_dvcqg",
  paid_local: "d_r_paid_local",
};

/**
 * The sums that `expressions` name, over rows weighted `wa` (in the prefix up to the
 * as-of instant) and `wb` (in the prefix before the period start): a_c, b_c, and
 * d_c = a_c − b_c. Only those named are computed: on PGlite the sums are most of a read.
 */
export function prefixSums(expressions: readonly string[]): SQL {
  const weight = { a: "wa", b: "wb", d: "(wa - wb)" } as const;
  const named = new Set(expressions.flatMap((e) => [...e.matchAll(/\b[abd]_\w+/g)].map((m) => m[0])));
  return sql.raw(
    [...named]
      .sort()
      .map((n) => `coalesce(sum(${n.slice(2)} * ${weight[n[0] as keyof typeof weight]}), 0) as ${n}`)
      .join(", "),
  );
}

/** Rows of one table in [from, to], added (sign 1) or taken away (sign −1). */
export type Span = { range: [LocalDate, LocalDate]; sign: 1 | -1 } | null;

/**
 * Which rollup rows make up #(key ≤ end of `day`): the years before `yearsBefore`, then
 * the `months` and the `days` spans. The days: early in a past month, those from its
 * first; late in it, or in the month of `today` or after, the whole month less the days
 * after `day` (days still to come hold only deadlines and future-dated events: on the 1M
 * bench's 7 December, 10,000 rows against 15,500 for its first week); at a month's end,
 * none. The months, up to the one the days start from (`monthsBefore`): in the first half
 * of a year, those of its year before it; in the second, the whole year less the months
 * from it on. So a prefix is a few year rows, at most six month rows and a fortnight of
 * day rows per pair, whatever the period.
 */
export function prefixOf(day: LocalDate, today: LocalDate): { yearsBefore: LocalDate; months: Span; days: Span } {
  const monthStart = `${day.slice(0, 8)}01`;
  const nextMonth = addMonths(monthStart, 1);
  const late = Number(day.slice(8)) > 15 || monthStart >= `${today.slice(0, 8)}01`;
  const [monthsBefore, days]: [LocalDate, Span] =
    addDays(day, 1) === nextMonth
      ? [nextMonth, null]
      : late
        ? [nextMonth, { range: [addDays(day, 1), addDays(nextMonth, -1)], sign: -1 }]
        : [monthStart, { range: [monthStart, day], sign: 1 }];
  const year = Number(monthsBefore.slice(0, 4));
  const month = Number(monthsBefore.slice(5, 7));
  const yearStart = `${year}-01-01`;
  if (month === 1) return { yearsBefore: monthsBefore, months: null, days };
  if (month <= 7)
    return { yearsBefore: yearStart, months: { range: [yearStart, addMonths(monthsBefore, -1)], sign: 1 }, days };
  return { yearsBefore: `${year + 1}-01-01`, months: { range: [monthsBefore, `${year}-12-01`], sign: -1 }, days };
}

/** `f` of each name, joined by commas, as raw SQL. */
export const list = <T extends string>(xs: readonly T[], f: (x: T) => string) => sql.raw(xs.map(f).join(", "));

/**
 * The rows of a rollup (its `_years`, `_months` and `_days` tables) that make up the two
 * prefixes of a period, with each row's weight in the prefix up to the as-of day (wa) and
 * in the one before the period start (wb), and its `columns`, where `filter` holds.
 */
export function prefixRows(period: Period, rollup: "dossier" | "dossier766", columns: SQL, filter: SQL): SQL {
  // Which days are still to come is read off the clock: it changes the rows read, not the sums.
  const today = localDate(new Date());
  const a = prefixOf(localDate(period.asOf), today);
  const b = prefixOf(addDays(period.from, -1), today);
  const inSpan = (col: SQL, s: Span) =>
    s ? sql`${col} between ${s.range[0]}::date and ${s.range[1]}::date` : sql`false`;
  const weight = (col: SQL, s: Span) =>
    s ? sql`case when ${inSpan(col, s)} then ${sql.raw(String(s.sign))} else 0 end` : sql`0`;
  const rowsOf = (bucket: "month" | "day", table: string, pa: Span, pb: Span) => {
    const col = sql.raw(bucket);
    return sql`
        select unit_code, pc, ${weight(col, pa)}, ${weight(col, pb)}, ${columns}
        from ${sql.identifier(table)} where (${inSpan(col, pa)} or ${inSpan(col, pb)}) and ${filter}`;
  };
  const yearsTo = a.yearsBefore > b.yearsBefore ? a.yearsBefore : b.yearsBefore;
  return sql`
        select unit_code, pc, (year < ${a.yearsBefore}::date)::int as wa, (year < ${b.yearsBefore}::date)::int as wb, ${columns}
        from ${sql.identifier(`${rollup}_years`)} where year < ${yearsTo}::date and ${filter}
        union all ${rowsOf("month", `${rollup}_months`, a.months, b.months)}
        union all ${rowsOf("day", `${rollup}_days`, a.days, b.days)}`;
}

/**
 * The per-(unit_code, pc) counts of the period from the rollup, regular dossiers only
 * (the caller adds the irregular ones). `unitFilter` and `pcFilter` narrow by the
 * columns `unit_code` and `pc`.
 */
export function rollupCounts(period: Period, unitFilter: (col: SQL) => SQL, pcFilter: (col: SQL) => SQL): SQL {
  const asOf = instant(period.asOf);
  const dayEnd = instant(endOfLocalDay(localDate(period.asOf)));
  const counters = list(ROLLUP_COUNTERS, (c) => c);
  const filters = (unit: SQL, pc: SQL) => sql`${unitFilter(unit)} and ${pcFilter(pc)}`;
  return sql`
    select unit_code, pc, ${list(COUNTS, (c) => `(${FROM_PREFIXES[c]})::int as ${c}`)}
    from (
      select unit_code, pc,
        ${prefixSums(Object.values(FROM_PREFIXES))}
      from (
        ${prefixRows(period, "dossier", counters, filters(sql`unit_code`, sql`pc`))}
        union all
        -- Keys later on the as-of day than the as-of instant: in the day's row, not yet as of.
        select d.unit_code, coalesce(d.procedure_code, ''), -1, 0, ${counters}
        from dossiers d cross join lateral ${DOSSIER_KEYS} k
        where (d.received_at > ${asOf} and d.received_at <= ${dayEnd}
            or d.start_at > ${asOf} and d.start_at <= ${dayEnd}
            or d.done_at > ${asOf} and d.done_at <= ${dayEnd}
            or d.closed_at > ${asOf} and d.closed_at <= ${dayEnd}
            or d.due_at >= ${instant(new Date(period.asOf.getTime() - 1))} and d.due_at < ${dayEnd})
          and k.at > ${asOf} and k.at <= ${dayEnd}
          and ${filters(sql`d.unit_code`, sql`coalesce(d.procedure_code, '')`)}
      ) rows
      group by unit_code, pc
    ) prefixes`;
}

/** The keys of dossier `d` (db/migrations/0007): what the trigger adds, read by the as-of day and by verify. */
export const DOSSIER_KEYS = sql.raw(
  "dossier_keys(" +
    [
      "status",
      "channel",
      "source",
      "paid_online",
      "fee_lines",
      "fee_positive",
      "received_at",
      "start_at",
      "done_at",
      "closed_at",
      "due_at",
    ]
      .map((c) => `d.${c}`)
      .join(", ") +
    ")",
);

/** The condition, over alias `d`, that a dossier is outside the decomposition (as the partial index says). */
export const irregular = sql`d.irregular`;

/**
 * Rebuilds both rollups (METHOD's and 766's, rollup766.ts) from the dossiers, what their
 * migrations do once: for a repair, and for the test that the trigger-maintained rollups
 * equal them.
 */
export async function rebuildRollup(orm: Orm): Promise<void> {
  await orm.execute(sql`select dossier_rollup_rebuild()`);
  await orm.execute(sql`select dossier_rollup766_rebuild()`);
}
