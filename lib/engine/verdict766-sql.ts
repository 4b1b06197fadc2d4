/**
 * METHOD-766 §2.1 as a SQL lateral over one dossier row `d` and a period: the set form
 * of `judge766` (lib/method/i766/ontime.ts); tests prove both agree on every dossier.
 * It reads the dossier's steps up to the as-of instant (§0.6), NgayTuChoi counted as a
 * Từ chối step as METHOD's history does.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Period } from "@/lib/method/period";
import { localDate } from "@/lib/method/time";
import { RECORD_FLAGS, type RecordFlag } from "@/lib/method/i766/dossier-flags";
import { STATUS } from "@/lib/method/status";
import { instant, statusSql } from "./sql-util";
import type { DossierCount766 } from "@/lib/method/i766/indicators";
import { PAYABLE_DOSSIER } from "./verdict-sql";

// The statuses METHOD-766 §2.1 reads, as SQL literals.
const DONE = statusSql(STATUS.DONE);
const RETURNED = statusSql(STATUS.RETURNED);
const WITHDRAWN = statusSql(STATUS.WITHDRAWN);
const SUPPLEMENT = statusSql(STATUS.SUPPLEMENT);
/** Từ chối and Dừng xử lý share a rank in §2.1's order of ends. */
const REFUSED_STOPPED = statusSql(STATUS.REFUSED, STATUS.STOPPED);
/** §2.2 and group 4: finished with Đã xử lý xong or Đã trả kết quả. */
const FINISHED_766 = statusSql(STATUS.DONE, STATUS.RETURNED);

/**
 * §2.1's reading of the history of dossier `d` up to `asOf` (null: every event): the set
 * form of `history766` — end_at and end_status, waiting_ms, supplements, supplement_at
 * (the first request), last_at.
 */
export function history766Sql(asOf: SQL | null): SQL {
  const upTo = (col: SQL) => (asOf === null ? sql`true` : sql`${col} <= ${asOf}`);
  const steps = sql`(select p.status, p.at from process_steps p
      where p.province_code = d.province_code and p.dossier_id = d.id and ${upTo(sql`p.at`)}
    union all select ${statusSql(STATUS.REFUSED)}::smallint, d.refused_at where d.refused_at is not null and ${upTo(sql`d.refused_at`)})`;
  return sql`(
    select e.end_at, e.end_status, w.waiting_ms, h.supplements, h.first_supplement as supplement_at, h.last_at
    from (
      select min(s.at) filter (where s.status = ${DONE}) as e9, min(s.at) filter (where s.status = ${RETURNED}) as e10,
        min(s.at) filter (where s.status in ${REFUSED_STOPPED}) as e83, min(s.at) filter (where s.status = ${WITHDRAWN}) as e7,
        -- Từ chối and Dừng share a rank: the status of the first of them (ties: the lower code, as historyOf sorts).
        (array_agg(s.status order by s.at, s.status) filter (where s.status in ${REFUSED_STOPPED}))[1] as s83,
        count(*) filter (where s.status = ${SUPPLEMENT})::int as supplements,
        max(s.at) as last_at, max(s.at) filter (where s.status = ${SUPPLEMENT}) as last_supplement,
        min(s.at) filter (where s.status = ${SUPPLEMENT}) as first_supplement
      from ${steps} s
    ) h
    cross join lateral (
      -- Each supplement request waits until the next step of another status.
      select coalesce(sum(extract(epoch from n.next_at - s5.at) * 1000), 0)::float8 as waiting_ms
      from ${steps} s5
      cross join lateral (select min(o.at) as next_at from ${steps} o where o.at > s5.at and o.status <> ${SUPPLEMENT}) n
      where s5.status = ${SUPPLEMENT} and n.next_at is not null
    ) w
    cross join lateral (
      select coalesce(h.e9, h.e10, h.e83, h.e7,
        -- One supplement request with no later step: finished at that step.
        case when h.supplements = 1 and h.last_supplement = h.last_at then h.last_supplement end) as end_at,
        case when h.e9 is not null then ${DONE} when h.e10 is not null then ${RETURNED} when h.e83 is not null then h.s83
             when h.e7 is not null then ${WITHDRAWN} when h.supplements = 1 and h.last_supplement = h.last_at then ${SUPPLEMENT} end as end_status
    ) e
  )`;
}

/**
 * Yields, for dossier `d`: end_at (the 766 end, or null), end_status, waiting_ms,
 * supplements, pop (in the population with that end), finished, ok (on time / within),
 * rule (appointment | catalogue | two_supplements | no_deadline | no_start) and due_at
 * (the instant it is on time by, its waits added).
 * `stored`: the history kept on the dossier (`history766` columns) when no event of it is
 * later than the as-of instant, else its steps; without it, always its steps.
 */
export function dossierVerdict766(period: Period, opts: { stored?: boolean } = {}): SQL {
  const ps = instant(period.startAt);
  const asOf = instant(period.asOf);
  const current = sql`d.history766 and (d.last_event_at is null or d.last_event_at <= ${asOf})`;
  const history = opts.stored
    ? sql`(
        select d.end766_at as end_at, d.end766_status as end_status, d.wait766_ms as waiting_ms, d.supplements766::int as supplements
        where ${current}
        union all
        select live.end_at, live.end_status, live.waiting_ms, live.supplements from ${history766Sql(asOf)} live where not (${current})
      )`
    : sql`(select live.end_at, live.end_status, live.waiting_ms, live.supplements from ${history766Sql(asOf)} live)`;
  return sql`(
    select e.end_at, e.end_status, e.waiting_ms, e.supplements,
      pp.pop, e.end_at is not null as finished,
      case when e.supplements >= 2 or d.start_at is null then false
           else coalesce(coalesce(e.end_at, ${asOf}) - e.waiting_ms * interval '1 millisecond' <= a.due, false) end as ok,
      case when e.supplements >= 2 then 'two_supplements' when d.start_at is null then 'no_start'
           when d.appointment_at is not null then 'appointment' when d.due_at is not null then 'catalogue'
           else 'no_deadline' end as rule,
      -- The last instant the dossier is on time by: its due instant plus the closed waits
      -- (null where the rule allows none).
      case when e.supplements >= 2 or d.start_at is null then null
           else a.due + e.waiting_ms * interval '1 millisecond' end as due_at
    from ${history} e
    -- NgayHenTra, else the catalogue's due instant (a NgayHenTra at exactly 00:00:00 local
    -- means the end of that date, [decision]): due766 of migration 0020, which the 766
    -- rollup reads too.
    cross join lateral (select due766(d.appointment_at, d.due_at) as due) a
    cross join lateral (
      select d.status <> ${statusSql(STATUS.SUBMITTED)}
        and (case when d.start_at is not null then d.start_at <= ${asOf} else d.synced_at >= ${ps} and d.synced_at <= ${asOf} end)
        and (e.end_at is null or e.end_at >= ${ps}) as pop
    ) pp
  )`;
}

/**
 * METHOD §C.3's payable dossier over a facts row: received in the period, and payable
 * (PAYABLE_DOSSIER). The procedure's integrated payment is the authority's, joined where
 * the rows are grouped.
 */
export const PAYABLE = `rec and (${PAYABLE_DOSSIER})`;

/**
 * The one SQL rule of every count a dossier indicator reads (COUNTED_BY in
 * lib/method/i766/indicators.ts names them), over a row of `facts766` aliased `f`: the
 * list of an indicator's records selects by these rules, and the scorecard counts by them.
 */
export const DOSSIER_RULES_766 = {
  // §2.1's population (METHOD §A.2 under §2.1's end), and of it on time or within the deadline.
  population: "pop",
  timely: "pop and ok",
  // §3's period rule: NgayTiepNhan in the period, else NgayNopHoSo; drafts out (§0.6).
  received: "rec",
  // §3.3: online; of a procedure whose result is a paper document (KetQuaGiay 1), also
  // finished with 9 or 10 and an electronic result.
  g3_online: "rec and channel = 2 and (not paper or (fin910 and eresult))",
  // §3.6 over METHOD §C's payable dossiers: received, with a fee (or no fee line), of a
  // procedure whose payment the handling unit has integrated; counted when paid online.
  payable: `${PAYABLE} and exists (select 1 from authorities a
    where a.unit_code = f.unit_code and a.procedure_code = f.pc and a.payment_integrated)`,
  paid_online: "paid_online in (1, 2)",
  // §4: NgayTiepNhan in the period, drafts out.
  g4: "rec4",
  // §4.1: of procedures with KetQuaGiay 1, or of every procedure whose row lacks the column.
  g4_finished: "rec4 and fin910 and (paper or not paper_known)",
  g4_eresult: "rec4 and fin910 and eresult and (paper or not paper_known)",
  g4_digitised: "rec4 and digitised",
  g4_reused: "rec4 and reused",
  g4_shared: "rec4 and digitised and shared",
  g4_citizen: "rec4 and citizen",
  g4_population: "rec4 and citizen and population",
  // §5.4: of 2.1's population, neither late nor overdue nor rated dissatisfied (HaiLong 0)
  // nor named by a PAKN received in the period.
  g5_kept: "pop and ok and not dissatisfied and not named",
} as const satisfies Record<DossierCount766, string>;

/**
 * The counts the scorecard already has from METHOD's columns, counted over the 766 facts
 * (scorecard.ts `counts766`): population and timely are on_time + within's, received,
 * payable and paid online (paid_dvcqg + paid_local) per integrated procedure.
 */
const FROM_METHOD = ["population", "timely", "received", "payable", "paid_online"] as const;
type Extra766 = "t22" | "g3_paid_fee" | Exclude<DossierCount766, (typeof FROM_METHOD)[number]>;

/** The dossier counts the 766 profile adds to METHOD's in the scorecard, by the rule each counts with. */
export const EXTRA_766_RULES: Record<Extra766, string> = {
  // §2.2: finished with 9 or 10, started in the period (their mean time: averageTime766).
  t22: "t22_in",
  // §3.4: a fee-carrying dossier paid online (one paid online without a fee does not make its procedure count).
  g3_paid_fee: "rec and fee_positive and paid_online in (1, 2)",
  ...(Object.fromEntries(
    Object.entries(DOSSIER_RULES_766).filter(([name]) => !(FROM_METHOD as readonly string[]).includes(name)),
  ) as Record<Exclude<DossierCount766, (typeof FROM_METHOD)[number]>, string>),
};
export const EXTRA_766 = Object.keys(EXTRA_766_RULES) as Extra766[];
/** §2.2's summed time of the counted dossiers (t22): milliseconds and working days, as the 766 rollup keeps them. */
export const TIME_766 = ["t22_ms", "t22_wd"] as const;

/** A JSON array field of the raw record, or an empty array. */
const arr = (key: string) =>
  sql.raw(`(case when jsonb_typeof(d.raw->'${key}') = 'array' then d.raw->'${key}' else '[]'::jsonb end)`);
/** A flag of the raw record: "numbers or strings alike, '1' = 1" (§6). */
const one = (json: string, key: string) => sql.raw(`(trim(coalesce(${json}->>'${key}', '')) = '1')`);
const anyDoc = (cond: SQL) => sql`exists (select 1 from jsonb_array_elements(${arr("TaiLieuNop")}) t where ${cond})`;

/**
 * §6's flags read from the raw record `d.raw`: the set form of `record766`
 * (lib/method/i766/dossier-flags.ts), for dossiers written before their flags were stored.
 */
export function rawFlags766(): Array<[RecordFlag, SQL]> {
  return [
    [
      "eresult",
      sql`exists (select 1 from jsonb_array_elements(${arr("DanhSachGiayToKetQua")}) r where coalesce(r->>'DuongDanTepTinKetQua', '') <> '')`,
    ],
    ["digitised", sql`(${one("d.raw", "HoSoCoThanhPhanSoHoa")} or ${anyDoc(one("t", "DuocSoHoa"))})`],
    ["reused", anyDoc(sql`${one("t", "DuocTaiSuDung")} or ${one("t", "DuocLayTuKhoDMQG")}`)],
    ["shared", sql`(${anyDoc(one("t", "DuocLayTuKhoDMQG"))} or jsonb_array_length(${arr("DSKetNoiCSDL")}) > 0)`],
    [
      "population",
      sql`(${one("d.raw", "TaiKhoanDuocXacThucVoiVNeID")} or ${anyDoc(one("t", "DuocLayTuKhoDMQG"))}
      or exists (select 1 from jsonb_array_elements(${arr("DSKetNoiCSDL")}) k where k->>'MaCSDL' = 'CSDLQGDC'))`,
    ],
    ["citizen", sql`trim(coalesce(d.raw->>'LoaiDoiTuong', '')) = '1'`],
    ["dissatisfied", sql`trim(coalesce(d.raw->>'HaiLong', '')) = '0'`],
  ];
}

/**
 * The facts the scorecard aggregates, under METHOD-766: its on-time rule (§2.1), the
 * period rule of group 3 (NgayTiepNhan, else NgayNopHoSo; drafts out, §0.6) and the
 * dossier fields of §6 read from the record as received.
 */
export function facts766(period: Period, where: SQL, opts: { prune?: boolean; stored?: boolean } = {}): SQL {
  // The pruned read also takes each dossier's stored history where it holds (the fast path);
  // `prune: false` reads every dossier's steps, unless `stored` says to take the history.
  const ps = instant(period.startAt);
  const asOf = instant(period.asOf);
  // Two kinds of dossier count in nothing, and leaving them out spares their step laterals
  // (most of a year's dossiers, for a month). `prune: false` reads every dossier: the
  // definition, which tests hold the pruned read to.
  // - Ended before the period, and not received, submitted or started in it. Its 766 end
  //   as of any instant from its end on is that end: the stored end over every event is
  //   the first of the highest-priority status there is, and no event outranks it later.
  //   So it is outside 2.1's population, and the groups that count by receipt or start
  //   do not count it. Đã xử lý xong (done_at) is the highest-priority end, so a 9 before
  //   the period is enough on its own.
  // - Not yet there as of the as-of instant: neither started (nor, without a start,
  //   synced) nor received or submitted by then.
  // Written as what keeps a dossier, which the planner estimates from the instants' indexes.
  // Each arm of the first disjunction is an index range (migration 0019), so the planner
  // reads the candidates by a bitmap rather than every dossier.
  const notEndedBefore = sql`(d.done_at is null or d.done_at >= ${ps})`;
  const t22 = elapsed22(period);
  const pruned =
    opts.prune === false
      ? sql``
      : sql`and ((d.history766 and coalesce(d.end766_at, 'infinity'::timestamptz) >= ${ps} and ${notEndedBefore})
        or (not d.history766 and ${notEndedBefore})
        or d.received_at >= ${ps} or d.submitted_at >= ${ps} or d.start_at >= ${ps})
      and (d.start_at <= ${asOf} or (d.start_at is null and d.synced_at <= ${asOf})
        or coalesce(d.received_at, d.submitted_at) <= ${asOf})`;
  return sql`
    select d.code, d.received_at, v.end_at, v.rule,
      d.unit_code, coalesce(d.procedure_code, '') as pc, d.channel, d.source, d.paid_online,
      d.fee_lines, d.fee_positive,
      d.status <> ${statusSql(STATUS.SUBMITTED)} and coalesce(d.received_at, d.submitted_at) between ${ps} and ${asOf} as rec,
      v.pop, v.finished, v.ok,
      d.status <> ${statusSql(STATUS.SUBMITTED)} and d.received_at between ${ps} and ${asOf} as rec4,
      v.end_status in ${FINISHED_766} as fin910,
      ${sql.join(
        rawFlags766().map(
          ([name, raw]) =>
            sql`case when d.record766 is not null then (d.record766 & ${sql.raw(String(RECORD_FLAGS[name]))}) <> 0 else ${raw} end as ${sql.raw(name)}`,
        ),
        sql`, `,
      )},
      ${t22},
      coalesce(pr.i766->>'KetQuaGiay' = '1', false) as paper, coalesce(pr.i766 ? 'KetQuaGiay', false) as paper_known,
      ${namedIn766(period)} as named
    from dossiers d cross join lateral ${dossierVerdict766(period, { stored: opts.stored ?? opts.prune !== false })} v
    left join procedures pr on pr.code = d.procedure_code
    where true ${where} ${pruned}`;
}

/**
 * §5.4: dossier `d` is named by a PAKN received in the period. A hashed set (a few
 * thousand codes): a join on (province, code) had the planner read every dossier in code
 * order to merge.
 */
export function namedIn766(period: Period): SQL {
  return sql`(d.province_code, d.code) in (select f.province_code, f.i766->>'MaHoSo' from feedback f
    where f.i766->>'MaHoSo' is not null and f.received_at between ${instant(period.startAt)} and ${instant(period.asOf)})`;
}

/**
 * §2.2: whether the dossier counts in its procedure's average time (finished with 9 or
 * 10, its start in the period) and its time in milliseconds and in working days, whatever
 * its procedure's unit (the sums the 766 rollup keeps, db/migrations/0022): the set form
 * of `processingTime766` (lib/method/i766/ontime.ts); a test holds both to the same figures.
 */
function elapsed22(period: Period): SQL {
  // A dossier without an end or a start is not counted (false, not SQL's unknown), nor a
  // draft, whatever its steps say (§0.6: status 1 is outside every indicator).
  const counted = sql`coalesce(d.status <> ${statusSql(STATUS.SUBMITTED)} and v.end_status in ${FINISHED_766}
    and d.start_at between ${instant(period.startAt)} and ${instant(period.asOf)}, false)`;
  // The functions the rollup's writes call (db/migrations/0022), over the end as of the
  // period: one spelling of each. Only counted dossiers pay the working days' two calendar
  // lookups — beside the rollup, the few thousand irregular ones.
  return sql`${counted} as t22_in,
    case when ${counted} then elapsed766_ms(d.start_at, v.end_at, v.waiting_ms) end as t22_ms,
    case when ${counted} then elapsed766_days(d.start_at, v.end_at, v.end_status, v.waiting_ms) end as t22_wd`;
}

/** A §6 date of a jsonb column `j`, or null when absent, empty or later than the as-of date (§0.6). */
const happened = (j: string, key: string, asOfDay: string) =>
  sql.raw(`(case when (${j}->>'${key}')::date <= '${asOfDay}'::date then (${j}->>'${key}')::date end)`);

/**
 * §1.1–1.3 over the catalogue row `p` of a procedure under the group's authority: the set
 * form of `publication` (lib/method/i766/procedures-pakn.ts). Each is a flag; `*_cols` says the
 * file carried the columns the indicator reads (§6: absent ⇒ N/A).
 */
export const PROCEDURE_FACTS_766 = ["p11_cols", "p11", "p11_on", "p12_cols", "p12", "p12_on", "p13", "p13_on"] as const;

export function procedureFacts766(period: Period): Array<[(typeof PROCEDURE_FACTS_766)[number], SQL]> {
  const asOfDay = localDate(period.asOf);
  const pub = happened("p.i766", "NgayCongBo", asOfDay);
  const shown = happened("p.i766", "NgayCongKhai", asOfDay);
  const inPeriod = sql`${pub} between ${period.from}::date and ${period.to}::date`;
  const due12 = sql`work_day_after(${pub}, 5)`;
  const cols11 = sql`(p.i766 ? 'NgayCongBo' and p.i766 ? 'NgayHieuLuc')`;
  const cols12 = sql`(p.i766 ? 'NgayCongBo' and p.i766 ? 'NgayCongKhai')`;
  const counted11 = sql`${cols11} and ${inPeriod} and p.i766->>'NgayHieuLuc' is not null`;
  const counted12 = sql`${cols12} and ${inPeriod} and not (${shown} is null and ${due12} > ${asOfDay}::date)`;
  const facts: Record<(typeof PROCEDURE_FACTS_766)[number], SQL> = {
    p11_cols: cols11,
    p11: counted11,
    p11_on: sql`${counted11} and ${pub} <= work_day_before((p.i766->>'NgayHieuLuc')::date, 5)`,
    p12_cols: cols12,
    p12: counted12,
    p12_on: sql`${counted12} and ${shown} <= ${due12}`,
    p13: sql`p.i766 ? 'DayDuBoPhan'`,
    p13_on: sql`p.i766->>'DayDuBoPhan' = '1'`,
  };
  return PROCEDURE_FACTS_766.map((name) => [name, facts[name]]);
}

/**
 * §5.2: the last on-time day of a PAKN row `f`, the 15th working day after its reception,
 * as two joins on the calendar (what `work_day_after`, db/migrations/0008, looks up) that
 * every query reading `feedbackFacts766` puts after `from feedback f`: the day is
 * `fd_due.day`. A year's 12,500 PAKN made 25,000 index probes through the function
 * (~100 ms at 1M); the joins read the calendar once.
 */
export const feedbackDueJoins766 = sql`
            left join work_days fd_rec on fd_rec.day = (f.received_at at time zone 'Asia/Ho_Chi_Minh')::date
            left join work_days fd_due on fd_due.working and fd_due.ord = fd_rec.ord + 15`;
const feedbackDue766 = sql`fd_due.day`;

/** The §5.2–5.3 facts of a PAKN, in the order feedbackFacts766 gives them. */
const FEEDBACK_FACTS_766 = ["f52", "f52_on", "f53_on"] as const;

/**
 * §5.2–5.3 over a PAKN row `f` (with feedbackDueJoins766): the set form of `handling`
 * (procedures-pakn.ts), as flags: f52 the file carried NgayXuLyXong, f52_on handled on
 * time, f53_on handled to satisfaction.
 */
export function feedbackFacts766(period: Period): Array<[(typeof FEEDBACK_FACTS_766)[number], SQL]> {
  const asOfDay = localDate(period.asOf);
  const done = happened("f.i766", "NgayXuLyXong", asOfDay);
  const due = feedbackDue766;
  const onTime = sql`(f.i766 ? 'NgayXuLyXong' and case when ${done} is not null then ${done} <= ${due} else ${asOfDay}::date <= ${due} end)`;
  const num = (k: string) => sql.raw(`coalesce(nullif(f.i766->>'${k}', '')::bigint, 0)`);
  return [
    ["f52", sql`f.i766 ? 'NgayXuLyXong'`],
    ["f52_on", onTime],
    [
      "f53_on",
      sql`${onTime} and ${num("SoKhongThich")} <= ${num("SoThich")} and coalesce(f.i766->>'KhieuNaiLai', '') <> '1'`,
    ],
  ];
}
/** §5.2–5.3's facts of a PAKN row `f` (with feedbackDueJoins766) as columns, named as feedbackFacts766 names them. */
export const feedbackFactColumns766 = (period: Period): SQL =>
  sql.join(
    feedbackFacts766(period).map(([name, e]) => sql`${e} as ${sql.raw(name)}`),
    sql`, `,
  );
/** §5.2–5.3's counts of a group's PAKN rows `f` that carry those columns (the scorecard's `fb`). */
export const feedbackCounts766 = sql.raw(
  FEEDBACK_FACTS_766.map((name) => `count(*) filter (where f.${name})::int as ${name}`).join(", "),
);
