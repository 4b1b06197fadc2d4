/**
 * METHOD §0.6: the calendar is data an administrator can edit, and a change
 * re-evaluates every dossier it touches (and no other).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { upsertDossiers, type DossierRow } from "@/lib/store/writes";
import { changeExceptions } from "@/lib/engine/calendar-sql";
import { explainDossier } from "@/lib/engine/explain";
import { computeScorecard } from "@/lib/engine/scorecard";
import { makePeriod } from "@/lib/method/period";
import { parseInstant } from "@/lib/method/time";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

const t = (s: string) => parseInstant(s)!;
let db: Database;
const mk = (code: string, received: string, done: string, proc = "P"): DossierRow =>
  dossierRow({
    code,
    procedureCode: proc,
    channel: 1,
    status: 9,
    receivedAt: t(received),
    steps: [{ status: 9, at: t(done) }],
  });

beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, {
    units: [["T", "T", "tinh"]],
    procedures: [
      ["P", 2, "working_day"],
      ["P1", 1, "working_day"],
      ["H", 48, "hour"],
    ],
  });
  await upsertDossiers(db.orm, [
    mk("a", "20261120090000", "20261124170000"), // Fri 20/11 + 2 wd → Tue 24/11: on time
    mk("b", "20261102090000", "20261104170000"), // earlier in the month: untouched by 24/11
    mk("c", "20261120090000", "20261122090000", "H"), // hours: no calendar
    mk("e", "20261008090000", "20261009090000", "P1"), // Thu 8/10 + 1 wd: the 2nd working day is Mon 12/10, so due Sun 11/10 23:59
    mk("f", "20260907090000", "20260911170000", "P1"), // Mon 7/9 → Fri 11/9: 4 working days after the start's date
    mk("g", "20260907090000", "20260908090000", "H"), // 24 hours
  ]);
});
afterAll(() => db?.close());

const due = async (code: string) =>
  (
    await rows<{ due: string }>(
      db.orm,
      sql`select to_char(due_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI') as due from dossiers where code = ${code}`,
    )
  )[0].due;

describe("METHOD §0.6 calendar changes", () => {
  it("making 24/11/2026 a day off moves the deadlines that span it, and only those", async () => {
    const period = makePeriod("2026-11-01", "2026-11-25", t("20261125120000"));
    expect(await due("a")).toBe("2026-11-24 23:59");
    expect((await explainDossier(db.orm, "a", period, EVERY_UNIT))!.verdict).toBe("on_time");
    const before = { b: await due("b"), c: await due("c") };

    const changed = await changeExceptions(db.orm, [{ day: "2026-11-24", kind: "off", name: "Ngày Văn hóa Việt Nam" }]);
    expect(changed).toBe(1);
    expect(await due("a")).toBe("2026-11-25 23:59");
    expect({ b: await due("b"), c: await due("c") }).toEqual(before);

    // Removing the exception restores the deadline.
    expect(await changeExceptions(db.orm, [{ day: "2026-11-24", kind: null }])).toBe(1);
    expect(await due("a")).toBe("2026-11-24 23:59");
  });

  it("a make-up Saturday shortens the deadlines that span it", async () => {
    await changeExceptions(db.orm, [{ day: "2026-11-21", kind: "makeup", name: "Làm bù" }]);
    expect(await due("a")).toBe("2026-11-23 23:59"); // Sat 21 and Mon 23 are the two working days
    const e = (await explainDossier(
      db.orm,
      "a",
      makePeriod("2026-11-01", "2026-11-25", t("20261125120000")),
      EVERY_UNIT,
    ))!;
    expect(e.verdict).toBe("late");
    expect(e.sqlVerdict).toBe("late");
    expect(e.elapsed?.value).toBe(3);
  });

  it("a day off on the day after a deadline moves it: the deadline ends the day before the (N+1)-th working day (§A.4)", async () => {
    expect(await due("e")).toBe("2026-10-11 23:59");
    // Found by an attack on the concurrency work: the re-derivation looked only at dossiers due on or after the day.
    expect(await changeExceptions(db.orm, [{ day: "2026-10-12", kind: "off", name: "Nghỉ bù" }])).toBe(1);
    expect(await due("e")).toBe("2026-10-12 23:59");
  });
});

describe("METHOD-766 §2.2 and §0.6: a calendar change moves the average processing time, kept on write", () => {
  // The 766 rollup keeps each finished dossier's working days (db/migrations/0022); a
  // changed day between its start's date and its shifted end's moves them, and only them.
  const september = () => makePeriod("2026-09-01", "2026-09-30", t("20261201000000"));
  const average = async (source: "rollup" | "dossiers") => {
    const card = await computeScorecard(
      db.orm,
      { period: september(), by: "procedure", scope: EVERY_UNIT, filter: {}, profile: "766" },
      source,
    );
    return Object.fromEntries(card.rows.map((r) => [r.key, r.index766]));
  };

  it("a day off inside a finished dossier's span takes a working day off its time, read from the rollup as from the dossiers", async () => {
    const before = await average("rollup");
    expect(before.P1).toEqual({ averageTime: { value: 4, unit: "working_days", dossiers: 1 } });
    expect(before.H).toEqual({ averageTime: { value: 24, unit: "hours", dossiers: 1 } });
    expect(before).toEqual(await average("dossiers"));

    // 10/9 is after f's deadline (the end of 8/9): only its §2.2 time moves, and it is counted.
    expect(await changeExceptions(db.orm, [{ day: "2026-09-10", kind: "off", name: "Nghỉ" }])).toBe(1);
    const after = await average("rollup");
    expect(after.P1).toEqual({ averageTime: { value: 3, unit: "working_days", dossiers: 1 } });
    expect(after.H).toEqual(before.H);
    expect(after).toEqual(await average("dossiers"));
    // The stored fact is the one the portal's check recomputes (tthc verify).
    const [f] = await rows<{ stored: number; now: number }>(
      db.orm,
      sql`select elapsed766_days as stored, elapsed766_days(start_at, end766_at, end766_status, wait766_ms) as now
        from dossiers where code = 'f'`,
    );
    expect(f).toEqual({ stored: 3, now: 3 });

    expect(await changeExceptions(db.orm, [{ day: "2026-09-10", kind: null }])).toBe(1);
    expect(await average("rollup")).toEqual(before);
  });
});
