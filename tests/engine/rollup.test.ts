/**
 * The rollup (lib/engine/rollup.ts) is exact: on random provinces — random calendars,
 * catalogue changes, re-sends that move dossiers between units and dates, late steps,
 * deletions, events out of order, dossiers straddling midnight and period bounds — every
 * scorecard read from the rollup equals the one computed from every dossier (METHOD
 * §A–§Đ, all groupings, random periods, as-of instants and filters), as identical JSON.
 * And the rollup the trigger maintains equals the one rebuilt from scratch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { addSteps, upsertDossiers, upsertProcedures, type DossierRow, type ProcedureRow } from "@/lib/store/writes";
import { changeExceptions } from "@/lib/engine/calendar-sql";
import { computeScorecard, GROUP_BY, type ScorecardFilter } from "@/lib/engine/scorecard";
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

let db: Database;
const rng = prng(20261126);

/** An instant in the window; often exactly on a day boundary, or a millisecond before one. */
function when(): Date {
  const day = BASE + rng.int(0, SPAN_DAYS) * DAY;
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
  const channel = rng.pick([1, 2, 2, 3, null]);
  const feeLines = rng.pick([0, 1, 2]);
  return dossierRow({
    code,
    procedureCode: rng.chance(0.05) ? null : rng.chance(0.03) ? "UNKNOWN" : `P${rng.int(0, 9)}`,
    unitCode: rng.pick(UNITS),
    channel,
    source: channel === 2 ? rng.pick(["DVCQG", "DIAPHUONG", null]) : null,
    status: rng.chance(0.04) ? 1 : rng.pick([2, 4, 9, 10]),
    receivedAt: rng.chance(0.08) ? null : received,
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
    const snapshot = async () => {
      const [d] = await rows<{ h: string }>(
        db.orm,
        sql`select md5(string_agg(t::text, ',' order by t::text)) as h from dossier_days t
        where (select bool_or(v::text::int <> 0) from jsonb_each(to_jsonb(t) - 'province_code' - 'unit_code' - 'pc' - 'day') j(k, v))`,
      );
      const [m] = await rows<{ h: string }>(
        db.orm,
        sql`select md5(string_agg(t::text, ',' order by t::text)) as h from dossier_months t
        where (select bool_or(v::text::int <> 0) from jsonb_each(to_jsonb(t) - 'province_code' - 'unit_code' - 'pc' - 'month') j(k, v))`,
      );
      return [d.h, m.h];
    };
    const kept = await snapshot();
    await rebuildRollup(db.orm);
    expect(await snapshot()).toEqual(kept);
  });

  it("METHOD §A–§Đ: rollup reads equal the full computation for random periods, as-of instants, groupings and filters", async () => {
    const filters: ScorecardFilter[] = [
      {},
      { unit: "H" },
      { procedure: "P3" },
      { field: "F1" },
      { area: "H" },
      { parent: "T" },
    ];
    for (let i = 0; i < 60; i++) {
      const from = addDays("2026-09-01", rng.int(-5, SPAN_DAYS));
      const to = rng.chance(0.3) ? from : addDays(from, rng.int(0, 45));
      // As of: after the period, or an instant inside it (today in real time), sometimes on a boundary.
      const inside =
        startOfLocalDay(from).getTime() +
        rng.int(0, Math.max(0, Math.round((startOfLocalDay(to).getTime() - startOfLocalDay(from).getTime()) / DAY))) *
          DAY;
      const now = rng.chance(0.35)
        ? new Date(startOfLocalDay(addDays(to, 3)).getTime())
        : new Date(inside + rng.pick([0, 1, DAY - 1, Math.floor(rng.next() * DAY)]));
      const period = makePeriod(from, to, now);
      const by = rng.pick(GROUP_BY.filter((g) => g !== "sector"));
      const filter = rng.pick(filters);
      const scope = rng.pick([EVERY_UNIT, EVERY_UNIT, subtreeOf("T"), subtreeOf("H"), subtreeOf("S1")]);
      const q = { period, by, scope, filter };
      const full = await computeScorecard(db.orm, q, "dossiers");
      const rolled = await computeScorecard(db.orm, q, "rollup");
      expect(
        rolled,
        `${from}..${to} as of ${localDate(now)} ${now.toISOString()} by ${by} ${JSON.stringify(filter)} scope ${scope}`,
      ).toEqual(full);
    }
  });
});

describe("which rollup rows make up a prefix", () => {
  it("a month's last day reads months; early days add days; late days take the month's rest away", () => {
    expect(prefixOf("2026-02-28")).toEqual({ monthsBefore: "2026-03-01", days: null, sign: 1 });
    expect(prefixOf("2024-02-28")).toEqual({
      monthsBefore: "2024-03-01",
      days: ["2024-02-29", "2024-02-29"],
      sign: -1,
    });
    expect(prefixOf("2026-11-15")).toEqual({ monthsBefore: "2026-11-01", days: ["2026-11-01", "2026-11-15"], sign: 1 });
    expect(prefixOf("2026-11-26")).toEqual({
      monthsBefore: "2026-12-01",
      days: ["2026-11-27", "2026-11-30"],
      sign: -1,
    });
    expect(prefixOf("2026-12-31")).toEqual({ monthsBefore: "2027-01-01", days: null, sign: 1 });
  });
});
