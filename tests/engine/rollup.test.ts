/**
 * The rollups (lib/engine/rollup.ts, and METHOD-766's, lib/engine/rollup766.ts) are
 * exact: on random provinces — random calendars, catalogue changes, re-sends that move
 * dossiers between units and dates, late steps, supplement requests, NgayHenTra (at
 * midnight too), ends after the as-of instant, deletions, events out of order, the §6
 * flags, PAKN naming dossiers, dossiers straddling midnight and period bounds — every
 * scorecard read from the rollups equals the one computed from every dossier (METHOD
 * §A–§Đ and the 766 index, all groupings, random periods, as-of instants and filters), as
 * identical JSON. And the rollups the trigger maintains equal those rebuilt from scratch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import {
  addSteps,
  upsertDossiers,
  upsertFeedback,
  upsertProcedures,
  type DossierRow,
  type ProcedureRow,
} from "@/lib/store/writes";
import { changeExceptions } from "@/lib/engine/calendar-sql";
import { computeScorecard, GROUP_BY, type GroupBy, type ScorecardFilter } from "@/lib/engine/scorecard";
import { scorecardSql, type CountSource } from "@/lib/engine/scorecard-sql";
import { EXTRA_766, TIME_766 } from "@/lib/engine/verdict766-sql";
import { prefixOf, rebuildRollup } from "@/lib/engine/rollup";
import { prng } from "@/lib/demo/generate";
import { makePeriod } from "@/lib/method/period";
import { addDays, localDate, startOfLocalDay } from "@/lib/method/time";
import type { DeadlineUnit } from "@/db/schema";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";
import { EVERY_UNIT, subtreeOf } from "@/lib/engine/sql-util";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const UNITS = ["S1", "S2", "X1", "X2", "X3"];
const DEADLINES: DeadlineUnit[] = ["hour", "working_day", "day", "month", "year"];
const BASE = startOfLocalDay("2026-09-01").getTime();
const SPAN_DAYS = 80;
// Some dossiers and periods fall anywhere from November 2025 to April 2027, so that
// prefixes cross years and read every kind of span (rollup.ts prefixOf): months added in
// a year's first half, taken away in its second, years alone at a year's end.
const WIDE_FROM = "2025-11-01";
const WIDE_DAYS = 520;

let db: Database;
const rng = prng(20261126);

/** An instant in the window; often exactly on a day boundary, or a millisecond before one. */
function when(): Date {
  const day = rng.chance(0.15)
    ? startOfLocalDay(addDays(WIDE_FROM, rng.int(0, WIDE_DAYS))).getTime()
    : BASE + rng.int(0, SPAN_DAYS) * DAY;
  const r = rng.next();
  if (r < 0.15) return new Date(day);
  if (r < 0.3) return new Date(day - 1);
  return new Date(day + Math.floor(rng.next() * DAY));
}

function procedures(round: number): ProcedureRow[] {
  return Array.from({ length: 10 }, (_, i) => {
    const unit = DEADLINES[(i + round) % DEADLINES.length];
    const value =
      (i + round) % 7 === 6
        ? null
        : unit === "hour"
          ? rng.int(1, 60)
          : unit === "year"
            ? 1
            : rng.int(0, unit === "month" ? 2 : 20);
    return {
      code: `P${i}`,
      name: `Thủ tục ${i}`,
      fieldCode: `F${i % 3}`,
      fieldName: `Lĩnh vực ${i % 3}`,
      deadlineValue: value,
      deadlineUnit: value === null ? null : unit,
      hasFee: i % 2 === 0,
      // METHOD-766 §3.3 and §4.1 read whether the result is on paper; a row may lack the column.
      i766: (i + round) % 3 === 2 ? ({} as Record<string, string>) : { KetQuaGiay: (i + round) % 3 === 0 ? "1" : "0" },
    };
  });
}

function dossier(code: string): DossierRow {
  const received = when();
  const at = (max: number) =>
    new Date(received.getTime() + rng.int(-2, max) * HOUR + (rng.chance(0.5) ? 0 : rng.int(0, 59) * 60_000));
  const steps: DossierRow["steps"] = [];
  if (rng.chance(0.85)) steps.push({ status: 2, at: received });
  // Ends of every kind, sometimes out of order (a done after a withdrawal, an end before the start).
  if (rng.chance(0.7)) steps.push({ status: rng.pick([9, 9, 10, 8, 7, 3, 4, 5]), at: at(40 * 24) });
  if (rng.chance(0.25)) steps.push({ status: rng.pick([9, 10, 7]), at: at(60 * 24) });
  // A second supplement request, or one with nothing after it (METHOD-766 §2.1).
  if (rng.chance(0.12)) {
    const asked = at(20 * 24);
    steps.push({ status: 5, at: asked });
    // Answered by a step that is not an end (Đang xử lý), hours later.
    if (rng.chance(0.6))
      steps.push({ status: 4, at: new Date(asked.getTime() + rng.int(1, 72) * HOUR + rng.int(1, 59) * 60_000) });
  }
  const channel = rng.pick([1, 2, 2, 3, null]);
  const feeLines = rng.pick([0, 1, 2]);
  const flag = () => rng.pick(["0", "1", "1", undefined]);
  // METHOD-766 §6's fields; NgayHenTra sometimes at exactly midnight (the end of that date).
  const raw = {
    HaiLong: rng.pick(["0", "1", undefined]),
    LoaiDoiTuong: rng.pick(["1", "1", "2"]),
    TaiKhoanDuocXacThucVoiVNeID: flag(),
    HoSoCoThanhPhanSoHoa: flag(),
    DanhSachGiayToKetQua: rng.chance(0.6) ? [{ DuongDanTepTinKetQua: "https://x/kq.pdf" }] : [],
    TaiLieuNop: [{ DuocSoHoa: flag(), DuocTaiSuDung: flag(), DuocLayTuKhoDMQG: flag() }],
    DSKetNoiCSDL: rng.chance(0.2) ? [{ MaCSDL: rng.pick(["CSDLQGDC", "DKKD"]) }] : [],
  };
  const appointment = rng.chance(0.4)
    ? rng.chance(0.3)
      ? startOfLocalDay(addDays(localDate(received), rng.int(0, 20)))
      : at(30 * 24)
    : null;
  return dossierRow({
    code,
    procedureCode: rng.chance(0.05) ? null : rng.chance(0.03) ? "UNKNOWN" : `P${rng.int(0, 9)}`,
    unitCode: rng.pick(UNITS),
    channel,
    source: channel === 2 ? rng.pick(["DVCQG", "DIAPHUONG", null]) : null,
    status: rng.chance(0.04) ? 1 : rng.pick([2, 4, 9, 10]),
    receivedAt: rng.chance(0.08) ? null : received,
    submittedAt: rng.chance(0.5) ? new Date(received.getTime() - rng.int(0, 48) * HOUR) : null,
    appointmentAt: appointment,
    raw,
    refusedAt: rng.chance(0.03) ? at(100) : null,
    syncedAt: at(200),
    steps,
    paidOnline: rng.pick([null, null, 1, 2]),
    feeLines,
    feePositive: feeLines > 0 && rng.chance(0.7),
  });
}

beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, {
    units: [
      ["T", "Tỉnh", "tinh"],
      ["S1", "Sở 1", "so_nganh", "T"],
      ["S2", "Sở 2", "so_nganh", "T"],
      ["H", "Huyện", "huyen", "T"],
      ["X1", "Xã 1", "xa", "H"],
      ["X2", "Xã 2", "xa", "H"],
      ["X3", "Xã 3", "xa", "T"],
    ],
    authorities: UNITS.flatMap((u) =>
      Array.from(
        { length: 10 },
        (_, i) =>
          [u, `P${i}`, rng.pick([3, 4, null] as const), rng.chance(0.5)] as [string, string, 3 | 4 | null, boolean],
      ),
    ),
  });
  await upsertProcedures(db.orm, procedures(0));
  const codes = Array.from({ length: 1500 }, (_, i) => `D${i}`);
  await upsertDossiers(db.orm, codes.map(dossier));
  // Re-sends: new dates, units and procedures for some; late steps for others.
  await upsertDossiers(db.orm, codes.filter(() => rng.chance(0.2)).map(dossier));
  await addSteps(
    db.orm,
    codes.filter(() => rng.chance(0.15)).map((c) => ({ dossierCode: c, status: rng.pick([9, 10, 7, 5]), at: when() })),
  );
  // A calendar change and a catalogue change re-derive deadlines.
  await changeExceptions(db.orm, [
    { day: "2026-10-05", kind: "off", name: "Nghỉ bù" },
    { day: "2026-10-10", kind: "makeup", name: "Làm bù" },
  ]);
  await upsertProcedures(db.orm, procedures(1));
  await db.orm.execute(sql`delete from dossiers where code in (select code from dossiers order by md5(code) limit 40)`);
  // PAKN that name dossiers (METHOD-766 §5.4), and dossiers written before their §6 flags were stored.
  await upsertFeedback(
    db.orm,
    Array.from({ length: 120 }, (_, i) => ({
      code: `PAKN${i}`,
      receivedAt: when(),
      kind: rng.pick([1, 2]),
      unitCode: rng.pick(UNITS),
      sector: null,
      field: null,
      i766: { MaHoSo: `D${rng.int(0, 1499)}` },
    })),
  );
  await db.orm.execute(
    sql`update dossiers set record766 = null where code in (select code from dossiers order by md5(code || 'r') limit 30)`,
  );
});
afterAll(() => db?.close());

describe("the rollup (issue: real time at province scale)", () => {
  it("holds irregular dossiers of every kind, so both paths are exercised", async () => {
    const [n] = await rows<{ irregular: number; drafts: number }>(
      db.orm,
      sql`
      select count(*) filter (where dossier_irregular(status, start_at, done_at, closed_at))::int as irregular,
        count(*) filter (where status = 1)::int as drafts from dossiers`,
    );
    expect(n.irregular).toBeGreaterThan(20);
    expect(n.drafts).toBeGreaterThan(20);
  });

  it("maintained by the trigger, equals the rollup rebuilt from the dossiers", async () => {
    // Each table's rows with a non-zero counter, summed per key (a key may hold several rows).
    const snapshot = () =>
      Promise.all(
        [
          ["dossier_days", "day"],
          ["dossier_months", "month"],
          ["dossier766_days", "day"],
          ["dossier766_months", "month"],
          ["dossier_years", "year"],
          ["dossier766_years", "year"],
        ].map(async ([table, key]) => {
          const [r] = await rows<{ h: string; n: number }>(
            db.orm,
            sql`select md5(string_agg(t::text, ',' order by t::text)) as h, count(*)::int as n from (
              select province_code, unit_code, pc, ${sql.raw(key)}, v.k, sum(v.v::text::bigint) as v
              from ${sql.raw(table)} t cross join lateral jsonb_each(to_jsonb(t) - 'province_code' - 'unit_code' - 'pc' - ${key}) v(k, v)
              group by 1, 2, 3, 4, 5 having sum(v.v::text::bigint) <> 0) t`,
          );
          return [table, r.h, r.n];
        }),
      );
    const kept = await snapshot();
    expect(kept.every(([, , n]) => Number(n) > 100)).toBe(true);
    await rebuildRollup(db.orm);
    expect(await snapshot()).toEqual(kept);
  });

  it("METHOD §A–§Đ: rollup reads equal the full computation for random periods, as-of instants, groupings and filters", async () => {
    for (let i = 0; i < 60; i++) {
      const q = randomQuery(rng.pick(GROUP_BY.filter((g) => g !== "sector")));
      const full = await computeScorecard(db.orm, q, "dossiers");
      const rolled = await computeScorecard(db.orm, q, "rollup");
      expect(rolled, describeQuery(q)).toEqual(full);
    }
  });

  it("holds dossiers outside the 766 decomposition of every kind, and answered supplement requests inside it", async () => {
    const [n] = await rows<{
      irregular: number;
      supplements: number;
      unflagged: number;
      answered: number;
      pending: number;
    }>(
      db.orm,
      sql`
      select count(*) filter (where irregular766)::int as irregular,
        count(*) filter (where irregular766 and supplements766 > 1)::int as supplements,
        count(*) filter (where irregular766 and record766 is null)::int as unflagged,
        count(*) filter (where not irregular766 and status <> 1 and resume766_at is not null)::int as answered,
        count(*) filter (where not irregular766 and status <> 1 and end766_status = 5)::int as pending from dossiers`,
    );
    expect(n.supplements).toBeGreaterThan(10);
    expect(n.unflagged).toBeGreaterThan(10);
    expect(n.answered).toBeGreaterThan(50);
    expect(n.pending).toBeGreaterThan(10);
    // The generator is adversarial (ends out of rank order, ends before starts): most are still inside.
    expect(n.irregular).toBeLessThan(400);
  });

  it("METHOD-766 §2.1, §3, §4, §5.4: the 766 rollup's reads equal the full computation, as identical JSON", async () => {
    for (let i = 0; i < 50; i++) {
      const q = {
        ...randomQuery(rng.pick(["all", "agency", "area", "agency", "procedure"] as const)),
        profile: "766" as const,
      };
      const full = await computeScorecard(db.orm, q, "dossiers");
      const rolled = await computeScorecard(db.orm, q, "rollup");
      expect(rolled, describeQuery(q)).toEqual(full);
    }
  });

  it("METHOD-766 §2.1: as of a millisecond before a key instant later the same day (the day's row holds it, not yet as of)", async () => {
    // The rollup's day row holds every key of the day; an as-of instant inside the day takes
    // away the keys after it, found through each instant's index: a few of each kind here.
    const instants = await rows<{ at: string }>(
      db.orm,
      sql`select at from (
        select k, at, row_number() over (partition by k order by md5(code)) as n from dossiers d
        cross join lateral (values ('supp', supp766_at), ('resume', resume766_at), ('due', due766_at), ('end', end766_at),
          ('start', start_at), ('received', received_at), ('submitted', submitted_at), ('appointment', appointment_at)) v(k, at)
        where not irregular766 and status <> 1 and at is not null) x
        where n <= case when k in ('supp', 'resume', 'due') then 30 else 6 end`,
    );
    expect(instants.length).toBeGreaterThan(25);
    for (const { at } of instants) {
      const asOf = new Date(new Date(at).getTime() - 1);
      const day = localDate(asOf);
      const q = {
        period: makePeriod(addDays(day, -rng.int(0, 20)), addDays(day, rng.int(0, 5)), asOf),
        by: "agency" as const,
        scope: EVERY_UNIT,
        filter: {},
        profile: "766" as const,
      };
      expect(await computeScorecard(db.orm, q, "rollup"), describeQuery(q)).toEqual(
        await computeScorecard(db.orm, q, "dossiers"),
      );
      // And each count itself (a wrong split between on time and within can leave their sum).
      expect(await counts766(q, "rollup"), describeQuery(q)).toEqual(await counts766(q, "dossiers"));
    }
  });
});

describe("a due instant between two milliseconds (a reviewer's counterexample)", () => {
  it("a deadline of 0,333333 hour is due at a whole millisecond, and both rollups read it as the dossiers do", async () => {
    // METHOD §A.4 / METHOD-766 §2.1: due < t ⇔ due + 1 ms ≤ t holds for whole milliseconds only.
    await upsertProcedures(db.orm, [
      {
        code: "PH",
        name: "Thủ tục giờ",
        fieldCode: null,
        fieldName: null,
        deadlineValue: 0.333333,
        deadlineUnit: "hour",
        hasFee: false,
      },
    ]);
    const received = new Date(startOfLocalDay("2026-09-02").getTime() + 8 * HOUR);
    await upsertDossiers(db.orm, [
      dossierRow({
        code: "DH",
        procedureCode: "PH",
        unitCode: "S1",
        receivedAt: received,
        steps: [{ status: 2, at: received }],
      }),
    ]);
    const [d] = await rows<{ due: string }>(db.orm, sql`select due_at as due from dossiers where code = 'DH'`);
    // 0,333333 h = 1,199,998.8 ms: due at the whole millisecond before.
    expect(new Date(d.due).getTime() - received.getTime()).toBe(1_199_998);
    for (const ms of [1_199_998, 1_199_999]) {
      for (const profile of ["200", "766"] as const) {
        const period = makePeriod("2026-09-01", "2026-09-30", new Date(received.getTime() + ms));
        const q = { period, by: "agency" as const, scope: subtreeOf("S1"), filter: {}, profile };
        expect(await computeScorecard(db.orm, q, "rollup"), `${profile} +${ms} ms`).toEqual(
          await computeScorecard(db.orm, q, "dossiers"),
        );
        if (profile === "766") expect(await counts766(q, "rollup")).toEqual(await counts766(q, "dossiers"));
      }
    }
  });
});

/** The counts of the 766 statement that its index reads, per group. */
async function counts766(q: Parameters<typeof scorecardSql>[0], source: CountSource) {
  const read = ["population", "on_time", "within", "finished", "received", "online", "fee_dossiers", "payable"];
  const result = await rows<{ key: string; c: Record<string, number> | null }>(db.orm, scorecardSql(q, source));
  return result.map((r) => ({
    key: r.key,
    // §2.2's dossiers and summed times too (TIME_766), not only the average the index shows.
    ...Object.fromEntries([...read, ...EXTRA_766, ...TIME_766].map((k) => [k, Number(r.c?.[k] ?? 0)])),
  }));
}

const FILTERS: ScorecardFilter[] = [
  {},
  { unit: "H" },
  { procedure: "P3" },
  { field: "F1" },
  { area: "H" },
  { parent: "T" },
];

/** A random period (as of after it, or an instant inside it, sometimes on a boundary), scope and filter. */
function randomQuery(by: GroupBy) {
  const wide = rng.chance(0.3);
  const from = wide ? addDays(WIDE_FROM, rng.int(0, WIDE_DAYS)) : addDays("2026-09-01", rng.int(-5, SPAN_DAYS));
  const to = rng.chance(0.3) ? from : addDays(from, rng.int(0, wide ? 200 : 45));
  const inside =
    startOfLocalDay(from).getTime() +
    rng.int(0, Math.max(0, Math.round((startOfLocalDay(to).getTime() - startOfLocalDay(from).getTime()) / DAY))) * DAY;
  const now = rng.chance(0.35)
    ? new Date(startOfLocalDay(addDays(to, 3)).getTime())
    : new Date(inside + rng.pick([0, 1, DAY - 1, Math.floor(rng.next() * DAY)]));
  const period = makePeriod(from, to, now);
  const filter = rng.pick(FILTERS);
  const scope = rng.pick([EVERY_UNIT, EVERY_UNIT, subtreeOf("T"), subtreeOf("H"), subtreeOf("S1")]);
  return { period, by, scope, filter };
}
const describeQuery = (q: ReturnType<typeof randomQuery>) =>
  `${q.period.from}..${q.period.to} as of ${q.period.asOf.toISOString()} by ${q.by} ${JSON.stringify(q.filter)} scope ${JSON.stringify(q.scope)}`;

describe("which rollup rows make up a prefix", () => {
  const span = (from: string, to: string, sign: 1 | -1) => ({ range: [from, to], sign });
  // A day of a past month (the days after it are whole days), as seen in mid-2027.
  const past = (day: string) => prefixOf(day, "2027-06-15");
  it("a month's last day reads no days; early days add days; late days take the month's rest away", () => {
    expect(past("2026-02-28")).toEqual({
      yearsBefore: "2026-01-01",
      months: span("2026-01-01", "2026-02-01", 1),
      days: null,
    });
    expect(past("2024-02-28")).toEqual({
      yearsBefore: "2024-01-01",
      months: span("2024-01-01", "2024-02-01", 1),
      days: span("2024-02-29", "2024-02-29", -1),
    });
    expect(past("2026-11-15").days).toEqual(span("2026-11-01", "2026-11-15", 1));
    expect(past("2026-11-26").days).toEqual(span("2026-11-27", "2026-11-30", -1));
  });
  it("a year's first half adds its months; its second half takes the months from there away from the year", () => {
    // Before July: the months of the year before it.
    expect(past("2026-06-30")).toMatchObject({
      yearsBefore: "2026-01-01",
      months: span("2026-01-01", "2026-06-01", 1),
    });
    // From August: the year less August to December.
    expect(past("2026-07-31")).toMatchObject({
      yearsBefore: "2027-01-01",
      months: span("2026-08-01", "2026-12-01", -1),
    });
    expect(past("2026-12-06")).toEqual({
      yearsBefore: "2027-01-01",
      months: span("2026-12-01", "2026-12-01", -1),
      days: span("2026-12-01", "2026-12-06", 1),
    });
    // A year's last day and the first half of January: years alone, with days.
    expect(past("2026-12-31")).toEqual({ yearsBefore: "2027-01-01", months: null, days: null });
    expect(past("2027-01-10")).toEqual({
      yearsBefore: "2027-01-01",
      months: null,
      days: span("2027-01-01", "2027-01-10", 1),
    });
  });
  it("in the current month the days still to come are taken away, however early (they hold only deadlines)", () => {
    expect(prefixOf("2026-12-06", "2026-12-06")).toEqual({
      yearsBefore: "2027-01-01",
      months: null,
      days: span("2026-12-07", "2026-12-31", -1),
    });
    expect(prefixOf("2026-03-02", "2026-03-20")).toEqual({
      yearsBefore: "2026-01-01",
      months: span("2026-01-01", "2026-03-01", 1),
      days: span("2026-03-03", "2026-03-31", -1),
    });
  });
});
