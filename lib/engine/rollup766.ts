/**
 * A period's METHOD-766 dossier counts per (agency, procedure) from the 766 rollup
 * (db/migrations/0020) instead of reading the dossiers: the same decomposition as
 * METHOD's (lib/engine/rollup.ts, which says how a prefix is read), over 766's own
 * instants.
 *
 * Which dossiers it holds (not `irregular766`): a start, and a 766 end that never moves
 * once reached — the first terminal event, or a single supplement request nothing
 * followed — not before the start; or one supplement request answered before any end.
 * Such a dossier is a few spans: open from its start (due by D, NgayHenTra else the
 * catalogue's), and, if a request was answered, ended at the request (status 5) until the
 * answer, then open again due by D + the wait, until its end. For a period [ps, t]:
 *   ended(x)   = Σ of e_n keys ≤ x: whether the dossier is ended as of x
 *   population = #(s ≤ t) − ended(before ps), except that a request made before ps and
 *                answered by t was ended as ps saw it but is not as t sees it: those
 *                are read from the dossiers (few) and given back
 *   on time    = the same over the ends within the deadline (e_ok)
 *   within     = Σ over open spans [u, v) due by X of #(u ≤ t < v, t ≤ X), written with
 *                max(u, X⁺) and max(v, X⁺) as METHOD's is
 *   §3 counts  = #(q ≤ t) − #(q < ps), q = NgayTiepNhan, else NgayNopHoSo
 *   §4 counts  = the same at NgayTiepNhan
 *   §2.2       = at the start: finished (9/10) by the final end, its milliseconds and its
 *                working days (a stored fact, refreshed on a calendar change); which sum a
 *                procedure reads is its catalogue's unit (averageTime766), read at the end
 *   §5.4 kept  = on time + within over dossiers not rated dissatisfied, less those a
 *                PAKN of the period names (judged one by one: a few)
 * Three kinds of count are "received (or started) in the period and finished (9/10) as
 * of t": §3.3 for a procedure whose result is on paper, §4.1 and §2.2. The rollup keeps
 * them at the receipt (the start) by the dossier's final end; the dossiers received or
 * started in the period whose end is after t (as of now, only future-dated ends; for a
 * past period, those finished after it) are read from the dossiers and taken away. Whether a procedure's result is on paper is the
 * catalogue's, read here, so a catalogue change needs no rewrite of the rollup.
 * The other dossiers (two supplement requests or more, ends out of rank order, no stored
 * history or flags) are read one by one through their partial index, as the full
 * computation reads them (scorecard-sql.ts).
 */
import { sql, type SQL } from "drizzle-orm";
import { ROLLUP766_COUNTERS, type Rollup766Counter } from "@/db/schema";
import type { Period } from "@/lib/method/period";
import { STATUS } from "@/lib/method/status";
import { RECORD_FLAGS } from "@/lib/method/i766/dossier-flags";
import { endOfLocalDay, localDate } from "@/lib/method/time";
import { COUNTS, list, prefixRows, prefixSums } from "./rollup";
import { instant, statusSql } from "./sql-util";
import { EXTRA_766, TIME_766, dossierVerdict766, namedIn766 } from "./verdict766-sql";

type Column = (typeof COUNTS)[number] | (typeof EXTRA_766)[number] | (typeof TIME_766)[number];

/** Of a paper-result procedure (KetQuaGiay 1), and of one whose catalogue row lacks the column (§6). */
const PAPER = "coalesce(pr.i766->>'KetQuaGiay' = '1', false)";
const PAPER_OR_UNKNOWN = `(${PAPER} or not coalesce(pr.i766 ? 'KetQuaGiay', false))`;

const diff = (c: Rollup766Counter) => `d_${c}`;
const within = (kept: "" | "_kept") => `(a_s_k${kept} - a_sk_k${kept} - a_e_k${kept} + a_ek_k${kept})`;

/**
 * Each column of the 766 statement's counts (scannedSql) from the prefix sums: a_* up to
 * the as-of instant, b_* before the period, d_* the difference (prefixSums). The 766 index reads population, on_time +
 * within, the §3–§5 counts (counts766 in scorecard.ts) and §2.2's dossiers and times;
 * METHOD's channel and source splits are not among them.
 */
const FROM_PREFIXES: Record<Column, string> = {
  population: "a_s_pop - b_e_n",
  finished: diff("e_n"),
  on_time: diff("e_ok"),
  within: within(""),
  received: diff("g3_received"),
  online: diff("g3_online"),
  online_dvcqg: "0",
  online_local: "0",
  postal: "0",
  online_open: "0",
  online_within: "0",
  fee_dossiers: diff("g3_fee"),
  paid_any: "0",
  payable: diff("g3_payable"),
  paid_dvcqg: diff("g3_paid_dvcqg"),
  paid_local: diff("g3_paid_local"),
  t22: diff("t22"),
  g3_paid_fee: diff("g3_paid_fee"),
  g3_online: `case when ${PAPER} then ${diff("g3_online_result")} else ${diff("g3_online")} end`,
  g4: diff("g4_received"),
  g4_finished: `case when ${PAPER_OR_UNKNOWN} then ${diff("g4_finished")} else 0 end`,
  g4_eresult: `case when ${PAPER_OR_UNKNOWN} then ${diff("g4_eresult")} else 0 end`,
  g4_digitised: diff("g4_digitised"),
  g4_reused: diff("g4_reused"),
  g4_shared: diff("g4_shared"),
  g4_citizen: diff("g4_citizen"),
  g4_population: diff("g4_population"),
  g5_kept: `${diff("e_ok_kept")} + ${within("_kept")} - a_named_kept`,
  t22_ms: diff("t22_ms"),
  t22_wd: diff("t22_wd"),
};
/** The columns, in the order of the statement's `scanned` (COUNTS, EXTRA_766, TIME_766). */
export const COLUMNS_766: readonly Column[] = [...COUNTS, ...EXTRA_766, ...TIME_766];

const ROW = [...ROLLUP766_COUNTERS, "named_kept"] as const;
type RowColumn = (typeof ROW)[number];
/** One row of the union below: the given counters' values, 0 for the others. */
const counters = (values: Partial<Record<RowColumn, SQL | string>> = {}) =>
  sql.join(
    ROW.map((c) => {
      const v = values[c] ?? "0";
      return sql`${typeof v === "string" ? sql.raw(v) : v} as ${sql.raw(c)}`;
    }),
    sql`, `,
  );
const each = (f: (c: Rollup766Counter) => string) => Object.fromEntries(ROLLUP766_COUNTERS.map((c) => [c, f(c)]));

/** The 766 keys of dossier `d` (db/migrations/0020): what the trigger adds, read by the as-of day and by verify. */
export const DOSSIER_KEYS766 = sql.raw(
  "dossier_keys766(" +
    [
      "irregular766",
      "status",
      "channel",
      "paid_online",
      "fee_lines",
      "fee_positive",
      "received_at",
      "submitted_at",
      "start_at",
      "end766_at",
      "end766_status",
      "appointment_at",
      "due_at",
      "record766",
      "supp766_at",
      "resume766_at",
      "due766_at",
      "wait766_ms",
      "elapsed766_days",
    ]
      .map((c) => `d.${c}`)
      .join(", ") +
    ")",
);

/**
 * The 766 counts per (unit_code, pc) of the period from the rollup, regular dossiers only
 * (the caller adds the irregular ones), in the columns COLUMNS_766. `unitFilter` and
 * `pcFilter` narrow by the columns `unit_code` and `pc`.
 */
export function rollup766Counts(period: Period, unitFilter: (col: SQL) => SQL, pcFilter: (col: SQL) => SQL): SQL {
  const ps = instant(period.startAt);
  const asOf = instant(period.asOf);
  const dayEnd = instant(endOfLocalDay(localDate(period.asOf)));
  const filters = (unit: SQL, pc: SQL) => sql`${unitFilter(unit)} and ${pcFilter(pc)}`;
  const dossierFilters = filters(sql`d.unit_code`, sql`coalesce(d.procedure_code, '')`);
  const regular = sql`not d.irregular766 and d.status <> ${statusSql(STATUS.SUBMITTED)}`;
  const rec3 = sql`coalesce(d.received_at, d.submitted_at)`;
  const er = `(d.record766 & ${RECORD_FLAGS.eresult}) <> 0`;
  const kept = `(d.record766 & ${RECORD_FLAGS.dissatisfied}) = 0`;
  const due = sql`due766(d.appointment_at, d.due_at)`;
  const ended = sql`coalesce(d.end766_at, 'infinity'::timestamptz)`;
  const started = sql`d.start_at between ${ps} and ${asOf}`;
  return sql`
    select unit_code, pc, ${list(COLUMNS_766, (c) => `(${FROM_PREFIXES[c]})::${c === "t22_ms" ? "bigint" : "int"} as ${c}`)}
    from (
      select unit_code, pc,
        ${prefixSums(Object.values(FROM_PREFIXES))}
      from (
        ${prefixRows(period, "dossier766", counters(each((c) => c)), filters(sql`unit_code`, sql`pc`))}
        union all
        -- Keys later on the as-of day than the as-of instant: in the day's row, not yet as of.
        select d.unit_code, coalesce(d.procedure_code, ''), -1, 0, ${counters(each((c) => `k.${c}`))}
        from dossiers d cross join lateral ${DOSSIER_KEYS766} k
        where (d.received_at > ${asOf} and d.received_at <= ${dayEnd}
            or d.submitted_at > ${asOf} and d.submitted_at <= ${dayEnd}
            or d.start_at > ${asOf} and d.start_at <= ${dayEnd}
            or ${ended} > ${asOf} and ${ended} <= ${dayEnd}
            or d.due_at >= ${instant(new Date(period.asOf.getTime() - 1))} and d.due_at < ${dayEnd}
            -- NgayHenTra at 00:00 is due at the end of its day.
            or d.appointment_at >= ${instant(new Date(period.asOf.getTime() - 86_400_000 - 1))} and d.appointment_at < ${dayEnd}
            or d.supp766_at > ${asOf} and d.supp766_at <= ${dayEnd}
            or d.resume766_at > ${asOf} and d.resume766_at <= ${dayEnd}
            or d.due766_at >= ${instant(new Date(period.asOf.getTime() - 1))} and d.due766_at < ${dayEnd})
          and k.at > ${asOf} and k.at <= ${dayEnd}
          and ${dossierFilters}
        union all
        -- Received (or, §2.2, started) in the period and finished (9/10) by the final end, but
        -- after the as-of instant: not finished as of it.
        select d.unit_code, coalesce(d.procedure_code, ''), 1, 0, ${counters({
          g3_online_result: sql`-(d.channel = 2 and ${rec3} between ${ps} and ${asOf} and ${sql.raw(er)})::int`,
          g4_finished: sql`-(d.received_at between ${ps} and ${asOf})::int`,
          g4_eresult: sql`-(d.received_at between ${ps} and ${asOf} and ${sql.raw(er)})::int`,
          t22: sql`-(${started})::int`,
          t22_ms: sql`case when ${started} then -elapsed766_ms(d.start_at, d.end766_at, d.wait766_ms) else 0 end`,
          t22_wd: sql`case when ${started} then -coalesce(d.elapsed766_days, 0) else 0 end`,
        })}
        from dossiers d
        where ${regular} and d.end766_status in ${statusSql(STATUS.DONE, STATUS.RETURNED)}
          and ${ended} > ${asOf} and ${ended} < 'infinity'::timestamptz
          and (${rec3} between ${ps} and ${asOf} or d.received_at between ${ps} and ${asOf} or ${started})
          and ${dossierFilters}
        union all
        -- An answered supplement request made before the period and answered by the as-of
        -- instant: ended (at the request) before the period as its start sees it, open or
        -- ended in it as of the as-of instant.
        select d.unit_code, coalesce(d.procedure_code, ''), 0, -1, ${counters({
          e_n: "1",
          e_ok: sql`(d.supp766_at <= ${due})::int`,
          e_ok_kept: sql`(d.supp766_at <= ${due} and ${sql.raw(kept)})::int`,
        })}
        from dossiers d
        where ${regular} and d.resume766_at between ${ps} and ${asOf} and d.supp766_at < ${ps} and ${dossierFilters}
        union all
        -- §5.4: of the population on time and not rated dissatisfied, those a PAKN of the period names.
        select d.unit_code, coalesce(d.procedure_code, ''), 1, 0, ${counters({ named_kept: "1" })}
        from dossiers d cross join lateral ${dossierVerdict766(period, { stored: true })} v
        where ${regular} and ${namedIn766(period)} and ${dossierFilters} and v.pop and v.ok and ${sql.raw(kept)}
      ) rows
      group by unit_code, pc
    ) prefixes
    left join procedures pr on pr.code = prefixes.pc`;
}
