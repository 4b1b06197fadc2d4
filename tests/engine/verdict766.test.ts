/**
 * METHOD-766 §2.1: on thousands of random dossiers — supplement requests answered or
 * not, several end statuses in any order, NgayHenTra at midnight or not, refusals,
 * drafts, steps after the as-of instant — the SQL verdict equals the pure `judge766`,
 * for several periods and as-of instants.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { addSteps, upsertDossiers, upsertProcedures, type DossierRow, type StepRow } from "@/lib/store/writes";
import { dossierVerdict766, facts766 } from "@/lib/engine/verdict766-sql";
import { computeScorecard } from "@/lib/engine/scorecard";
import { unitIndex } from "@/lib/method/i766/score";
import { verdictCase } from "@/lib/engine/verdict-sql";
import { loadCalendar } from "@/lib/engine/explain";
import { prng } from "@/lib/demo/generate";
import { history766, judge766, processingTime766 } from "@/lib/method/i766/ontime";
import { startOf } from "@/lib/method/ontime";
import type { Deadline } from "@/lib/method/ontime";
import { makePeriod } from "@/lib/method/period";
import { startOfLocalDay } from "@/lib/method/time";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

const N = 2000;
const HOUR = 3_600_000;
let db: Database;
const list: DossierRow[] = [];
const deadlines = new Map<string, Deadline | null>([
  ["W", { value: 5, unit: "working_day" }],
  ["H", { value: 8, unit: "hour" }],
  ["N", null],
]);

beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, { units: [["T", "Tỉnh", "tinh"]] });
  await upsertProcedures(
    db.orm,
    [...deadlines].map(([code, d]) => ({
      code,
      name: code,
      fieldCode: null,
      fieldName: null,
      deadlineValue: d?.value ?? null,
      deadlineUnit: d?.unit ?? null,
      hasFee: false,
    })),
  );
  const rng = prng(766);
  const base = Date.parse("2026-09-01T00:00:00+07:00");
  for (let i = 0; i < N; i++) {
    const received = new Date(base + rng.int(0, 70 * 24) * HOUR + rng.pick([0, 0, rng.int(0, 59) * 60_000]));
    const at = (maxH: number) => new Date(received.getTime() + rng.int(0, maxH) * HOUR);
    const steps: DossierRow["steps"] = [{ status: 2, at: received }];
    for (let k = rng.int(0, 5); k > 0; k--)
      steps.push({ status: rng.pick([4, 5, 5, 9, 10, 8, 7, 3, 4]), at: at(30 * 24) });
    const appointment = rng.chance(0.4) ? (rng.chance(0.5) ? startOfLocalDay("2026-10-15") : at(20 * 24)) : null;
    list.push(
      dossierRow({
        code: `X${i}`,
        procedureCode: rng.pick(["W", "H", "N", "UNKNOWN"]),
        status: rng.chance(0.04) ? 1 : 4,
        receivedAt: rng.chance(0.08) ? null : received,
        refusedAt: rng.chance(0.04) ? at(100) : null,
        appointmentAt: appointment,
        syncedAt: at(10),
        steps,
      }),
    );
  }
  await upsertDossiers(db.orm, list);
  // Later steps for some dossiers, some after the as-of instants below: their stored
  // history is re-derived in SQL (refreshDerived), the others' was derived in JS.
  const later: Array<StepRow & { dossierCode: string }> = [];
  for (const d of list) {
    if (!rng.chance(0.15)) continue;
    const at = new Date(
      Math.max(...d.steps.map((x) => x.at.getTime()), d.receivedAt?.getTime() ?? 0) + rng.int(1, 60 * 24) * HOUR,
    );
    const step = { status: rng.pick([5, 4, 9, 10, 7]), at, dossierCode: d.code };
    later.push(step);
    d.steps.push({ status: step.status, at });
  }
  await addSteps(db.orm, later);
});
afterAll(() => db?.close());

describe("METHOD-766 §2.1: SQL verdicts equal the pure judge766", () => {
  const cases: Array<[string, string, string]> = [
    ["2026-09-01", "2026-09-30", "2026-12-01T00:00:00+07:00"],
    ["2026-10-01", "2026-10-31", "2026-10-20T13:30:00+07:00"],
    ["2026-09-15", "2026-11-30", "2026-12-01T00:00:00+07:00"],
    ["2026-10-15", "2026-10-15", "2026-10-15T10:00:00+07:00"],
  ];
  for (const [from, to, now] of cases) {
    it(`agrees on every dossier for ${from} … ${to} as of ${now}`, async () => {
      const period = makePeriod(from, to, new Date(now));
      const cal = await loadCalendar(db.orm);
      // The history from the steps, and the one stored on the dossier where it holds: both are §2.1.
      const got = await rows<{ code: string; verdict: string | null; rule: string; waiting_ms: number }>(
        db.orm,
        sql`
        select d.code, ${verdictCase(sql`v`)} as verdict, v.rule, v.waiting_ms
        from dossiers d cross join lateral ${dossierVerdict766(period)} v`,
      );
      const stored = await rows<{ code: string; verdict: string | null; rule: string; waiting_ms: number }>(
        db.orm,
        sql`
        select d.code, ${verdictCase(sql`v`)} as verdict, v.rule, v.waiting_ms
        from dossiers d cross join lateral ${dossierVerdict766(period, { stored: true })} v`,
      );
      expect(stored.sort((a, b) => a.code.localeCompare(b.code))).toEqual(
        got.sort((a, b) => a.code.localeCompare(b.code)),
      );
      expect(got).toHaveLength(N);
      const byCode = new Map(list.map((d) => [d.code, d]));
      const mismatches: string[] = [];
      let judged = 0;
      for (const g of got) {
        const f = byCode.get(g.code)!;
        const pure = judge766({ ...f, syncedAt: f.syncedAt! }, deadlines.get(f.procedureCode!) ?? null, period, cal);
        if (pure.verdict) judged++;
        const pureRule = pure.verdict === null ? null : pure.rule;
        if (
          pure.verdict !== g.verdict ||
          (g.verdict !== null && (pureRule !== g.rule || Math.abs(pure.waitingMs - Number(g.waiting_ms)) > 0.5))
        ) {
          mismatches.push(
            `${g.code}: sql=${g.verdict}/${g.rule}/${g.waiting_ms} pure=${pure.verdict}/${pureRule}/${pure.waitingMs}`,
          );
        }
      }
      expect(mismatches.slice(0, 10)).toEqual([]);
      expect(judged).toBeGreaterThan(N / 10);
    });
  }
});

describe("METHOD-766 §0.6: the scorecard reads only the dossiers that can count, and counts what reading all of them counts", () => {
  const cases: Array<[string, string, string]> = [
    ["2026-09-01", "2026-09-30", "2026-12-01T00:00:00+07:00"],
    ["2026-10-16", "2026-11-30", "2026-12-01T00:00:00+07:00"],
    ["2026-10-01", "2026-10-31", "2026-10-20T13:30:00+07:00"],
  ];
  for (const [from, to, now] of cases) {
    it(`${from} … ${to} as of ${now}`, async () => {
      const q = {
        period: makePeriod(from, to, new Date(now)),
        by: "all" as const,
        scope: EVERY_UNIT,
        profile: "766" as const,
      };
      const pruned = await computeScorecard(db.orm, q, "rollup");
      expect(pruned).toEqual(await computeScorecard(db.orm, q, "dossiers"));
      expect(unitIndex(pruned.rows[0].index766)!.groups["2"].indicators["2.1"]!.denominator).toBeGreaterThan(50);
    });
  }
});

describe("METHOD-766 §2.2: the SQL processing time equals the pure processingTime766", () => {
  const cases: Array<[string, string, string]> = [
    ["2026-09-01", "2026-09-30", "2026-12-01T00:00:00+07:00"],
    ["2026-09-15", "2026-11-30", "2026-10-20T13:30:00+07:00"],
  ];
  for (const [from, to, now] of cases) {
    it(`on every dossier for ${from} … ${to} as of ${now}`, async () => {
      const period = makePeriod(from, to, new Date(now));
      const cal = await loadCalendar(db.orm);
      const got = await rows<{ code: string; t22_in: boolean; t22_ms: string | null; t22_wd: number | null }>(
        db.orm,
        sql`
        select code, t22_in, t22_ms, t22_wd from (${facts766(period, sql``, { prune: false })}) f`,
      );
      const byCode = new Map(list.map((d) => [d.code, d]));
      let counted = 0;
      const mismatches = got.flatMap((g) => {
        const f = byCode.get(g.code)!;
        const facts = { ...f, syncedAt: f.syncedAt! };
        const h = history766(facts, period.asOf);
        const start = startOf(facts);
        // §0.6: a draft (status 1) is outside every indicator, whatever its steps say.
        const inSet =
          f.status !== 1 &&
          !!h.end &&
          (h.end.status === 9 || h.end.status === 10) &&
          !!start &&
          start.at >= period.startAt &&
          start.at <= period.asOf;
        if (inSet) counted++;
        // Both sums the rollup keeps, whatever the procedure's unit: hours (milliseconds) and working days.
        const time = (unit: "hour" | "working_day") =>
          inSet ? processingTime766(start!.at, h.end!.at, h.waitingMs, unit, cal) : null;
        const sqlHours = g.t22_ms === null ? null : Number(g.t22_ms) / 3_600_000;
        const same =
          inSet === g.t22_in &&
          (time("hour") === null ? sqlHours === null : Math.abs(time("hour")! - sqlHours!) < 1e-6) &&
          time("working_day") === g.t22_wd;
        return same
          ? []
          : [`${g.code}: sql ${g.t22_in}/${sqlHours}/${g.t22_wd} pure ${inSet}/${time("hour")}/${time("working_day")}`];
      });
      expect(mismatches.slice(0, 10)).toEqual([]);
      expect(counted).toBeGreaterThan(50);
    });
  }
});
