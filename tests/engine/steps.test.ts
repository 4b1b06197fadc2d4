/**
 * METHOD-STEPS S.1–S.3: on random dossiers — steps at the same instant, NgayBatDau
 * missing or after the end, deadlines at local midnight (the end of that day) or not,
 * status 1 steps, steps after the as-of instant, departments sent with odd spacing, case
 * or a status word — the database's step facts give exactly the figures of the pure
 * functions, by department, officer and procedure step; the rows add up to the totals
 * (S.3.1); and a small case is worked by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { upsertDossiers, upsertProcedures, type DossierRow } from "@/lib/store/writes";
import { stepFacts, stepFiguresOf } from "@/lib/engine/step-figures";
import { loadCalendar } from "@/lib/engine/explain";
import { prng } from "@/lib/demo/generate";
import { derive, verdictOf, type Deadline } from "@/lib/method/ontime";
import { makePeriod, type Period } from "@/lib/method/period";
import {
  factsOf,
  heldSteps,
  median,
  stepFields,
  stepFigures,
  STEP_GROUPINGS,
  timeline,
  UNNAMED,
  who,
  type SentStep,
  type StepFact,
} from "@/lib/method/steps";
import { startOfLocalDay } from "@/lib/method/time";
import type { WorkCalendar } from "@/lib/method/calendar";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";
import { EVERY_UNIT, subtreeOf } from "@/lib/engine/sql-util";

const HOUR = 3_600_000;
const N = 600;
let db: Database;
let cal: WorkCalendar;
const list: DossierRow[] = [];
const deadlines = new Map<string, Deadline | null>([
  ["W", { value: 5, unit: "working_day" }],
  ["N", null],
]);
const DEPARTMENTS = [
  "Phòng Hộ tịch",
  " phòng  hộ tịch ",
  "PHÒNG HỘ TỊCH",
  "Phòng Tư pháp",
  "Đang xử lý",
  "",
  null,
  "Bộ phận một cửa",
];
const OFFICERS = ["Nguyễn Văn An", "nguyễn  văn an", "Trần Thị Bình", "", null];

beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, {
    units: [
      ["T", "Tỉnh", "tinh"],
      ["S", "Sở", "so_nganh", "T"],
      ["X", "Xã", "xa", "T"],
    ],
  });
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
  const rng = prng(2424);
  const base = Date.parse("2026-09-01T00:00:00+07:00");
  for (let i = 0; i < N; i++) {
    const received = new Date(base + rng.int(0, 60 * 24) * HOUR + rng.pick([0, rng.int(0, 59) * 60_000]));
    const steps: DossierRow["steps"] = [];
    // Some senders date the first steps before NgayTiepNhan (the start): held from their end.
    let t = received.getTime() - (rng.chance(0.1) ? rng.int(1, 72) * HOUR : 0);
    for (let k = rng.int(1, 6); k > 0; k--) {
      // Some steps share an instant with the one before (ties).
      if (!rng.chance(0.1)) t += rng.int(1, 5 * 24) * HOUR + rng.pick([0, rng.int(1, 59) * 60_000]);
      const at = new Date(t);
      const startedAt = rng.pick([
        null,
        null,
        new Date(t - rng.int(0, 72) * HOUR),
        new Date(t + rng.int(1, 48) * HOUR),
      ]);
      const dueDay = startOfLocalDay(new Date(t + rng.int(-3, 3) * 24 * HOUR).toISOString().slice(0, 10));
      const stepDueAt = rng.pick([null, dueDay, new Date(t + rng.int(-48, 48) * HOUR)]);
      steps.push({
        status: rng.pick([1, 2, 4, 4, 5, 6, 9, 10, 3]),
        at,
        department: rng.pick(DEPARTMENTS),
        handler: rng.pick(OFFICERS),
        title: "Chuyên viên",
        startedAt,
        stepDueAt,
      });
    }
    // A step is identified by (dossier, status, instant): the store keeps the first sent.
    const unique = [...new Map(steps.reverse().map((s) => [`${s.status}|${s.at.getTime()}`, s])).values()].reverse();
    steps.splice(0, steps.length, ...unique);
    list.push(
      dossierRow({
        code: `S${i}`,
        unitCode: rng.pick(["S", "X"]),
        procedureCode: rng.pick(["W", "N", "UNKNOWN"]),
        status: rng.chance(0.03) ? 1 : 4,
        receivedAt: rng.chance(0.1) ? null : received,
        syncedAt: received,
        steps,
      }),
    );
  }
  await upsertDossiers(db.orm, list);
  cal = await loadCalendar(db.orm);
});
afterAll(() => db?.close());

/** The pure path: every dossier's held steps and its METHOD §A verdict, as facts. */
function pureFacts(period: Period, units: string[] = ["S", "X"]): StepFact[] {
  return list
    .filter((d) => units.includes(d.unitCode))
    .flatMap((d) => {
      const derived = derive({
        status: d.status,
        receivedAt: d.receivedAt,
        refusedAt: d.refusedAt,
        syncedAt: d.syncedAt!,
        steps: d.steps,
      });
      const verdict = verdictOf(
        derived,
        d.procedureCode ? (deadlines.get(d.procedureCode) ?? null) : null,
        period,
        cal,
      );
      const held = heldSteps(
        d.steps.map((s) => ({
          status: s.status,
          at: s.at,
          handler: s.handler ?? null,
          title: s.title ?? null,
          department: s.department ?? null,
          startedAt: s.startedAt ?? null,
          stepDueAt: s.stepDueAt ?? null,
        })),
        derived.startAt,
        period.asOf,
        cal,
      );
      return factsOf(
        {
          code: d.code,
          unit: d.unitCode,
          procedure: d.procedureCode ?? "",
          lateUnderMethod: verdict === "late" || verdict === "overdue",
        },
        held,
        period,
      );
    });
}

describe("METHOD-STEPS S.1–S.3: the database's figures equal the pure functions'", () => {
  const cases: Array<[string, string, string]> = [
    ["2026-09-01", "2026-09-30", "2026-12-01T00:00:00+07:00"],
    ["2026-10-01", "2026-10-31", "2026-10-20T13:30:00+07:00"],
    ["2026-09-01", "2026-12-31", "2026-11-02T09:00:00+07:00"],
    ["2026-10-15", "2026-10-15", "2026-10-15T10:00:00+07:00"],
  ];
  for (const [from, to, now] of cases) {
    it(`${from} … ${to} as of ${now}, every grouping`, async () => {
      const period = makePeriod(from, to, new Date(now));
      const expected = pureFacts(period);
      const got = await stepFacts(db.orm, { period, scope: EVERY_UNIT });
      expect(got.reduce((n, f) => n + f.count, 0)).toBe(expected.length);
      for (const by of [...STEP_GROUPINGS, "all"] as const) {
        expect(stepFigures(got, by), by).toEqual(stepFigures(expected, by));
      }
      // S.5: what each unit's sender filled, and the data review's counts.
      expect(stepFields(got)).toEqual(stepFields(expected));
      expect(stepFields(got).some((u) => u.startAfterEnd > 0 && u.due < u.steps)).toBe(true);
      // S.3.1: the rows of each grouping add up to the totals.
      const { rows, totals } = await stepFiguresOf(db.orm, { period, by: "department", scope: EVERY_UNIT });
      for (const k of ["steps", "judged", "onTime", "late"] as const)
        expect(rows.reduce((n, r) => n + r[k], 0)).toBe(totals[k]);
      const officers = await stepFiguresOf(db.orm, { period, by: "officer", scope: EVERY_UNIT });
      expect(officers.rows.reduce((n, r) => n + r.steps, 0)).toBe(totals.steps);
      if (from === "2026-09-01" && to === "2026-09-30") expect(totals.late).toBeGreaterThan(0);
    });
  }

  it("a scope reads its own subtree's dossiers only (S.2.2)", async () => {
    const period = makePeriod("2026-09-01", "2026-10-31", new Date("2026-12-01T00:00:00+07:00"));
    const got = await stepFiguresOf(db.orm, { period, by: "department", scope: subtreeOf("X") });
    expect(got.rows.every((r) => r.unit === "X")).toBe(true);
    expect(got.totals).toEqual(stepFigures(pureFacts(period, ["X"]), "all")[0]);
  });
});

describe("METHOD-STEPS by hand", () => {
  /** A local instant, and a step as sent with only what a case sets. */
  const at = (s: string) => new Date(`${s}+07:00`);
  const step = (o: Partial<SentStep>): SentStep => ({
    status: 4,
    at: at("2026-10-05T10:00:00"),
    handler: null,
    title: null,
    department: null,
    startedAt: null,
    stepDueAt: null,
    ...o,
  });

  it("S.1.2: names fold spaces and case; a status word or nothing is 'Chưa xác định'", () => {
    expect(who("  Phòng   HỘ tịch ", "department")).toEqual({ key: "phòng hộ tịch", name: "Phòng HỘ tịch" });
    expect(who("Đã xử lý xong", "department")).toEqual({ key: "", name: UNNAMED });
    expect(who("Đã xử lý xong", "officer").key).toBe("đã xử lý xong");
    expect(who(null, "officer")).toEqual({ key: "", name: UNNAMED });
  });

  it("S.1.3–S.1.5: held from NgayBatDau, the previous step or the start; working days; a midnight deadline is the day's end", () => {
    const held = heldSteps(
      [
        step({ status: 2, at: at("2026-10-02T08:00:00") }), // Friday: from the dossier's start
        step({ at: at("2026-10-06T16:00:00"), stepDueAt: at("2026-10-06T00:00:00") }), // Tuesday; due Tuesday (end of day): on time
        step({
          status: 5,
          at: at("2026-10-07T09:00:00"),
          startedAt: at("2026-10-08T09:00:00"),
          stepDueAt: at("2026-10-07T08:00:00"),
        }), // start after end: ignored; late
        step({ status: 1, at: at("2026-10-03T09:00:00") }), // Mới đăng ký: not a handling step
      ],
      at("2026-10-01T15:00:00"),
      at("2026-10-31T00:00:00"),
      cal,
    );
    expect(held.map((s) => [s.status, s.fromSource, s.days, s.late])).toEqual([
      [2, "dossier_start", 1, null], // Thu 1/10 → Fri 2/10: one working day
      [4, "previous_step", 2, false], // Fri → Tue: Mon, Tue
      [5, "start_after_end", 1, true], // Tue → Wed
    ]);
    expect(held[1].hours).toBeCloseTo(104, 10);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });

  it("the step that pushed a late dossier past its due date: the one that overran its own deadline most, else the one held when it passed", () => {
    const held = heldSteps(
      [
        step({ status: 2, at: at("2026-10-01T16:00:00"), stepDueAt: at("2026-10-01T17:00:00") }),
        step({ at: at("2026-10-07T10:00:00"), stepDueAt: at("2026-10-05T10:00:00"), handler: "Nguyễn Hữu Hoa" }), // 2 days over its own
        step({ at: at("2026-10-08T10:00:00"), stepDueAt: at("2026-10-08T09:00:00") }), // an hour over
        step({
          status: 9,
          at: at("2026-10-12T09:00:00"),
          stepDueAt: at("2026-10-12T17:00:00"),
          handler: "Trần Văn Long",
        }), // within its own; held when the due passed
      ],
      at("2026-10-01T15:00:00"),
      at("2026-10-31T00:00:00"),
      cal,
    );
    const due = at("2026-10-09T23:59:59");
    expect(timeline(held, at("2026-10-01T15:00:00"), due, true, cal).pushedPastDue).toBe(1);
    // Late with no due date of its own (a procedure outside the catalogue): still the step that overran most.
    expect(timeline(held, at("2026-10-01T15:00:00"), null, true, cal).pushedPastDue).toBe(1);
    // Without step deadlines: the step still held when the due instant passed.
    const bare = held.map((s) => ({ ...s, due: null, late: null }));
    expect(timeline(bare, at("2026-10-01T15:00:00"), due, true, cal).pushedPastDue).toBe(3);
    // On time: nothing pushed it.
    expect(timeline(held, at("2026-10-01T15:00:00"), due, false, cal).pushedPastDue).toBeNull();
  });
});
