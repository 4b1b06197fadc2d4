/**
 * METHOD §A.1–A.5: on thousands of random dossiers, the SQL engine's verdicts equal
 * the pure functions' verdicts, for several periods (on whichever engine runs), and
 * the span index's prefilter keeps every dossier that counts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { rows } from "@/db";
import { upsertDossiers, upsertProcedures, upsertUnits, type DossierRow } from "@/lib/store/writes";
import { dossierVerdict, overlapsPeriod, verdictCase } from "@/lib/engine/verdict-sql";
import { loadCalendar } from "@/lib/engine/explain";
import { dueDateExpression, refreshDerived } from "@/lib/engine/derive-sql";
import { prng } from "@/lib/demo/generate";
import { derive, dueDate, reasonOf, verdictOf, type Deadline, type DeadlineUnit } from "@/lib/method/ontime";
import { listDossiers } from "@/lib/engine/dossier-list";
import { makePeriod } from "@/lib/method/period";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

const N = 3000;
const HOUR = 3_600_000;
const UNITS: DeadlineUnit[] = ["hour", "working_day", "day", "month", "year"];

let db: Database;
const facts = new Map<string, DossierRow>();
const deadlines = new Map<string, Deadline | null>();

beforeAll(async () => {
  db = await testDatabase();
  const rng = prng(42);
  await upsertUnits(db.orm, [{ code: "T", name: "Tỉnh", kind: "tinh", parentCode: null, areaCode: null }]);
  const procs = Array.from({ length: 40 }, (_, i) => {
    const unit = UNITS[i % UNITS.length];
    const value =
      i % 13 === 12
        ? null
        : unit === "hour"
          ? rng.int(1, 72)
          : unit === "year"
            ? 1
            : rng.int(0, unit === "month" ? 3 : 25);
    return {
      code: `P${i}`,
      name: `Thủ tục ${i}`,
      fieldCode: "F",
      fieldName: "F",
      deadlineValue: value,
      deadlineUnit: value === null ? null : unit,
      hasFee: false,
    };
  });
  await upsertProcedures(db.orm, procs);
  for (const p of procs)
    deadlines.set(p.code, p.deadlineValue === null ? null : { value: p.deadlineValue, unit: p.deadlineUnit! });
  // Around Tết 2025 and the make-up Saturday of 26/4/2025, with events on boundaries.
  const base = Date.parse("2024-12-20T00:00:00+07:00");
  const list: DossierRow[] = [];
  for (let i = 0; i < N; i++) {
    const received = new Date(
      base + Math.floor(rng.next() * 200 * 24) * HOUR + (rng.chance(0.3) ? 0 : rng.int(0, 59) * 60_000),
    );
    const steps: DossierRow["steps"] = [];
    const at = (h: number) => new Date(received.getTime() + h * HOUR);
    if (rng.chance(0.85)) steps.push({ status: 2, at: at(0) });
    if (rng.chance(0.7)) steps.push({ status: rng.pick([9, 10, 8, 7, 3, 4, 5]), at: at(rng.int(1, 60 * 24)) });
    if (rng.chance(0.3)) steps.push({ status: rng.pick([9, 10]), at: at(rng.int(1, 60 * 24)) });
    const code = `D${i}`;
    const row = dossierRow({
      code,
      procedureCode: rng.chance(0.03) ? "UNKNOWN" : `P${rng.int(0, 39)}`,
      channel: 1,
      status: rng.chance(0.03) ? 1 : 4,
      receivedAt: rng.chance(0.1) ? null : received,
      refusedAt: rng.chance(0.03) ? at(rng.int(1, 100)) : null,
      syncedAt: at(rng.int(0, 500)),
      steps,
    });
    list.push(row);
    facts.set(code, row);
  }
  await upsertDossiers(db.orm, list);
});
afterAll(() => db?.close());

describe("METHOD §A.2–A.4: facts derived on insert", () => {
  it("equal the facts the SQL derivation computes from the stored steps", async () => {
    const facts = sql`select md5(string_agg(concat_ws('|', code, start_at, start_source, done_at, closed_at, closed_status, due_at), ',' order by code)) as h from dossiers`;
    const [before] = await rows<{ h: string }>(db.orm, facts);
    await refreshDerived(db.orm);
    const [after] = await rows<{ h: string }>(db.orm, facts);
    expect(after.h).toBe(before.h);
  });
});

describe("METHOD §A.4 [decision] / §A.6: the due date", () => {
  it("the SQL due date equals the pure `dueDate` on every dossier with a start and a deadline", async () => {
    const cal = await loadCalendar(db.orm);
    const got = await rows<{ code: string; start_ms: number; due: string }>(
      db.orm,
      sql`
      select d.code, (extract(epoch from d.start_at) * 1000)::float8 as start_ms,
        ${dueDateExpression(sql`d.start_at`, sql`p.deadline_unit`, sql`p.deadline_value`, sql`d.due_at`)}::text as due
      from dossiers d join procedures p on p.code = d.procedure_code
      where d.start_at is not null and p.deadline_value is not null`,
    );
    expect(got.length).toBeGreaterThan(N / 2);
    const mismatches = got
      .map((g) => ({ g, pure: dueDate(new Date(g.start_ms), deadlines.get(facts.get(g.code)!.procedureCode!)!, cal) }))
      .filter(({ g, pure }) => pure !== g.due)
      .map(({ g, pure }) => `${g.code}: sql=${g.due} pure=${pure}`);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});

describe("METHOD §A.3, §A.4: why a dossier is not on time", () => {
  it("the dossier list's reason equals the pure `reasonOf` on every dossier", async () => {
    const period = makePeriod("2025-01-01", "2025-06-30", new Date("2026-11-25T05:00:00Z"));
    const cal = await loadCalendar(db.orm);
    const { items } = await listDossiers(db.orm, { period, scope: EVERY_UNIT, limit: N });
    expect(new Set(items.map((i) => i.reason))).toEqual(
      new Set([null, "late", "no_start", "unknown_procedure", "no_deadline"]),
    );
    const mismatches = items.flatMap((i) => {
      const f = facts.get(i.code)!;
      const deadline = deadlines.get(f.procedureCode!) ?? null;
      const d = derive({
        status: f.status,
        receivedAt: f.receivedAt,
        refusedAt: f.refusedAt,
        syncedAt: f.syncedAt!,
        steps: f.steps,
      });
      const pure = reasonOf(d, verdictOf(d, deadline, period, cal), deadlines.has(f.procedureCode!), deadline);
      return pure === i.reason ? [] : [`${i.code}: sql=${i.reason} pure=${pure}`];
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});

describe("METHOD §A: SQL verdicts equal the pure functions' verdicts", () => {
  const periods: Array<[string, string]> = [
    ["2025-01-01", "2025-01-31"],
    ["2025-02-01", "2025-02-28"],
    ["2025-04-01", "2025-06-30"],
    ["2025-01-27", "2025-01-27"],
    ["2024-01-01", "2026-11-25"],
  ];
  for (const [from, to] of periods) {
    it(`agrees on every dossier for ${from} … ${to}`, async () => {
      const period = makePeriod(from, to, new Date("2026-11-25T05:00:00Z"));
      const cal = await loadCalendar(db.orm);
      const got = await rows<{ code: string; verdict: string | null }>(
        db.orm,
        sql`select d.code, ${verdictCase(sql`v`)} as verdict from dossiers d cross join lateral ${dossierVerdict(period)} v`,
      );
      expect(got.length).toBe(N);
      let inPop = 0;
      const mismatches: string[] = [];
      for (const g of got) {
        const f = facts.get(g.code)!;
        const expected = verdictOf(
          derive({
            status: f.status,
            receivedAt: f.receivedAt,
            refusedAt: f.refusedAt,
            syncedAt: f.syncedAt!,
            steps: f.steps,
          }),
          deadlines.get(f.procedureCode!) ?? null,
          period,
          cal,
        );
        if (expected) inPop++;
        if (expected !== g.verdict) mismatches.push(`${g.code}: sql=${g.verdict} pure=${expected}`);
      }
      expect(mismatches.slice(0, 10)).toEqual([]);
      expect(inPop).toBeGreaterThan(0);
      // The span prefilter never drops a dossier that counts (population or received).
      const dropped = await rows<{ code: string }>(
        db.orm,
        sql`select d.code from dossiers d cross join lateral ${dossierVerdict(period)} v
            where (v.pop or v.rec) and not (${overlapsPeriod(period)})`,
      );
      expect(dropped).toEqual([]);
    });
  }
});
