/**
 * METHOD-766 §1.1–1.3 and §5.2–5.3: on hundreds of random catalogue rows and PAKN —
 * dates around the period and the as-of date, empty cells, absent columns, likes and
 * dislikes, repeated complaints — the SQL flags the scorecard counts equal the pure
 * `publication` and `handling` (lib/method/i766/procedures-pakn.ts), for several periods.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { upsertFeedback, upsertProcedures, type FeedbackRow, type ProcedureRow } from "@/lib/store/writes";
import { feedbackDueJoins766, feedbackFacts766, procedureFacts766 } from "@/lib/engine/verdict766-sql";
import { loadCalendar } from "@/lib/engine/explain";
import { prng } from "@/lib/demo/generate";
import { handling, publication } from "@/lib/method/i766/procedures-pakn";
import { makePeriod } from "@/lib/method/period";
import { addDays, localDate } from "@/lib/method/time";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";

const N = 600;
let db: Database;
const procedures: ProcedureRow[] = [];
const feedback: FeedbackRow[] = [];

beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, { units: [["T", "Tỉnh", "tinh"]] });
  const rng = prng(1766);
  const day = () => addDays("2026-08-20", rng.int(0, 100));
  // A column absent (no key), empty (null) or with a value.
  const cell = (value: () => string) => (rng.chance(0.15) ? undefined : rng.chance(0.15) ? null : value());
  const columns = (entries: Array<[string, string | null | undefined]>) =>
    Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as Record<string, string | null>;
  for (let i = 0; i < N; i++) {
    const announced = cell(day);
    procedures.push({
      code: `P${i}`,
      name: `P${i}`,
      fieldCode: null,
      fieldName: null,
      deadlineValue: null,
      deadlineUnit: null,
      hasFee: false,
      i766: columns([
        ["NgayCongBo", announced],
        ["NgayHieuLuc", cell(() => addDays(announced ?? day(), rng.int(-3, 20)))],
        ["NgayCongKhai", cell(() => addDays(announced ?? day(), rng.int(0, 12)))],
        ["DayDuBoPhan", cell(() => rng.pick(["0", "1"]))],
      ]),
    });
    feedback.push({
      code: `F${i}`,
      receivedAt: new Date(Date.parse(`${day()}T08:00:00+07:00`) + rng.int(0, 10) * 3_600_000),
      kind: 1,
      unitCode: "T",
      sector: null,
      field: null,
      i766: columns([
        ["NgayXuLyXong", cell(() => addDays(day(), rng.int(0, 30)))],
        ["SoThich", cell(() => String(rng.int(0, 4)))],
        ["SoKhongThich", cell(() => String(rng.int(0, 4)))],
        ["KhieuNaiLai", cell(() => rng.pick(["0", "1"]))],
      ]),
    });
  }
  await upsertProcedures(db.orm, procedures);
  await upsertFeedback(db.orm, feedback);
});
afterAll(() => db?.close());

describe("METHOD-766 §1.1–1.3, §5.2–5.3: SQL flags equal the pure rules", () => {
  const cases: Array<[string, string, string]> = [
    ["2026-09-01", "2026-09-30", "2026-12-01T00:00:00+07:00"],
    ["2026-09-01", "2026-10-31", "2026-10-10T09:00:00+07:00"],
    ["2026-10-01", "2026-12-31", "2026-10-20T13:30:00+07:00"],
  ];
  for (const [from, to, now] of cases) {
    it(`${from} … ${to} as of ${now}`, async () => {
      const period = makePeriod(from, to, new Date(now));
      const days = { from: period.from, to: period.to, asOfDay: localDate(period.asOf) };
      const cal = await loadCalendar(db.orm);
      const flags = (list: Array<[string, ReturnType<typeof sql>]>) =>
        sql.join(
          list.map(([n, e]) => sql`coalesce(${e}, false) as ${sql.raw(n)}`),
          sql`, `,
        );
      const p = await rows<Record<string, boolean> & { code: string }>(
        db.orm,
        sql`select p.code, ${flags(procedureFacts766(period))} from procedures p`,
      );
      const f = await rows<Record<string, boolean> & { code: string }>(
        db.orm,
        sql`select f.code, ${flags(feedbackFacts766(period))} from feedback f ${feedbackDueJoins766}`,
      );
      const mismatches: string[] = [];
      for (const r of p) {
        const pure = publication(procedures.find((x) => x.code === r.code)!.i766!, days, cal);
        const want = {
          p11_cols: pure.announced !== null,
          p11: !!pure.announced?.counted,
          p11_on: !!pure.announced?.onTime,
          p12_cols: pure.madePublic !== null,
          p12: !!pure.madePublic?.counted,
          p12_on: !!pure.madePublic?.onTime,
          p13: pure.complete !== null,
          p13_on: pure.complete === true,
        };
        for (const [k, v] of Object.entries(want))
          if (r[k] !== v) mismatches.push(`${r.code} ${k}: sql ${r[k]} pure ${v}`);
      }
      for (const r of f) {
        const x = feedback.find((y) => y.code === r.code)!;
        const pure = handling(x.i766!, localDate(x.receivedAt), days, cal);
        const want = { f52: pure !== null, f52_on: !!pure?.onTime, f53_on: !!pure?.satisfied };
        for (const [k, v] of Object.entries(want))
          if (r[k] !== v) mismatches.push(`${r.code} ${k}: sql ${r[k]} pure ${v}`);
      }
      expect(mismatches.slice(0, 10)).toEqual([]);
      // Every flag is both true and false somewhere: the comparison is not vacuous.
      for (const k of ["p11", "p11_on", "p12", "p12_on", "p13_on"]) expect(new Set(p.map((r) => r[k])).size, k).toBe(2);
      for (const k of ["f52_on", "f53_on"]) expect(new Set(f.map((r) => r[k])).size, k).toBe(2);
    });
  }
});
