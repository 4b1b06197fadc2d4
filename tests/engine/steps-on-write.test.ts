/**
 * METHOD-STEPS S.1.3 kept on write (issue #24, item 7): each handling step stores where it
 * was held from, so the process view reads the steps of its period. Whatever order the
 * steps arrive in — part with the first sync, the rest through CapNhatTienDoHoSoMC from
 * several writers at once (parallel connections on PostgreSQL), a step slotted in before
 * steps already stored, a resend of the dossier that moves its start — every stored value
 * equals the pure `heldSteps`, `tthc verify` finds none to repair, and a value made wrong
 * behind the portal's back is found and repaired.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { addSteps, upsertDossiers, type DossierRow, type StepRow } from "@/lib/store/writes";
import { verify } from "@/lib/engine/verify";
import { changeExceptions } from "@/lib/engine/calendar-sql";
import { localDate } from "@/lib/method/time";
import { loadCalendar } from "@/lib/engine/explain";
import { prng } from "@/lib/demo/generate";
import { derive } from "@/lib/method/ontime";
import { heldSteps } from "@/lib/method/steps";
import { env } from "@/lib/env";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";

const HOUR = 3_600_000;
const DOSSIERS = 40;
const STREAMS = env.DATABASE_URL ? 6 : 2;
const FAR = new Date("2030-01-01T00:00:00Z");
let db: Database;

beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, {
    units: [
      ["T", "Tỉnh", "tinh"],
      ["S", "Sở", "so_nganh", "T"],
    ],
  });
});
afterAll(() => db?.close());

/** What every step keeps (held from, working days, late; its dossier's unit), by dossier code and step key. */
async function stored(): Promise<Map<string, string>> {
  const found = await rows<{ key: string; kept: string }>(
    db.orm,
    sql`select d.code || '|' || s.status || '|' || (extract(epoch from s.at) * 1000)::bigint as key,
          concat_ws('|', coalesce((extract(epoch from s.held_from) * 1000)::bigint::text, '-'), coalesce(s.held_days::text, '-'),
            coalesce(s.late::text, '-'), s.unit_code) as kept
        from process_steps s join dossiers d on d.province_code = s.province_code and d.id = s.dossier_id`,
  );
  return new Map(found.map((r) => [r.key, r.kept]));
}

/** What the pure rule says for each step of these dossiers, as last sent in full. */
async function expected(final: DossierRow[]): Promise<Map<string, string>> {
  const cal = await loadCalendar(db.orm);
  const out = new Map<string, string>();
  for (const d of final) {
    const start = derive({
      status: d.status,
      receivedAt: d.receivedAt,
      refusedAt: d.refusedAt,
      syncedAt: d.syncedAt!,
      steps: d.steps,
    }).startAt;
    const sent = d.steps.map((s) => ({
      status: s.status,
      at: s.at,
      handler: null,
      title: null,
      department: null,
      startedAt: s.startedAt ?? null,
      stepDueAt: s.stepDueAt ?? null,
    }));
    for (const h of heldSteps(sent, start, FAR, cal))
      out.set(
        `${d.code}|${h.status}|${h.to.getTime()}`,
        `${h.from.getTime()}|${h.days ?? "-"}|${h.late ?? "-"}|${d.unitCode}`,
      );
    for (const s of d.steps.filter((x) => x.status === 1))
      out.set(`${d.code}|1|${s.at.getTime()}`, `-|-|-|${d.unitCode}`);
  }
  return out;
}

describe("S.1.3 kept on write", () => {
  it("steps sent in parts, out of order and by parallel writers are held from where the pure rule says", async () => {
    const rng = prng(2407);
    const base = Date.parse("2026-10-01T08:00:00+07:00");
    const final: DossierRow[] = [];
    const later: Array<StepRow & { dossierCode: string }> = [];
    const first: DossierRow[] = [];
    for (let i = 0; i < DOSSIERS; i++) {
      const received = new Date(base + rng.int(0, 20 * 24) * HOUR);
      let t = received.getTime();
      const steps: StepRow[] = [];
      for (let k = rng.int(2, 7); k > 0; k--) {
        t += rng.int(1, 60) * HOUR;
        steps.push({
          status: rng.pick([1, 2, 4, 5, 6, 9, 3]),
          at: new Date(t),
          startedAt: rng.pick([null, new Date(t - rng.int(1, 30) * HOUR), new Date(t + HOUR)]),
          // S.1.5: none, a local midnight (the end of that day), or an instant either side of the end.
          stepDueAt: rng.pick([
            null,
            new Date(`${localDate(new Date(t))}T00:00:00+07:00`),
            new Date(t + rng.int(-20, 20) * HOUR),
          ]),
        });
      }
      const code = `W${i}`;
      final.push(dossierRow({ code, unitCode: "S", receivedAt: received, syncedAt: received, steps }));
      // The first sync carries a random part of the steps — sometimes the later ones only.
      const sentFirst = steps.filter(() => rng.chance(0.5));
      first.push(dossierRow({ code, unitCode: "S", receivedAt: received, syncedAt: received, steps: sentFirst }));
      for (const s of steps.filter((x) => !sentFirst.includes(x))) later.push({ ...s, dossierCode: code });
    }
    await upsertDossiers(db.orm, first);
    // The rest through CapNhatTienDoHoSoMC, shuffled over parallel writers, a dossier's steps split between them.
    const shuffled = [...later].sort(() => rng.next() - 0.5);
    const results = await Promise.allSettled(
      Array.from({ length: STREAMS }, async (_, k) => {
        const mine = shuffled.filter((_, j) => j % STREAMS === k);
        for (let j = 0; j < mine.length; j += 7) await addSteps(db.orm, mine.slice(j, j + 7));
      }),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await stored()).toEqual(await expected(final));

    // A resend moves a dossier's NgayTiepNhan earlier and to another unit: its first step is
    // now held from the new start, and its steps count for the new unit.
    const moved = final[0];
    moved.receivedAt = new Date(moved.receivedAt!.getTime() - 48 * HOUR);
    moved.unitCode = "T";
    moved.steps = moved.steps.map((s) => ({ ...s, startedAt: null }));
    await upsertDossiers(db.orm, [dossierRow({ ...moved, steps: [] })]);
    // (The stored steps keep the NgayBatDau they were first sent with: a step is kept as first sent.)
    const keptAsSent = final.map((d) => (d === moved ? { ...d, steps: finalStepsOf(d, first, later) } : d));
    const before = await stored();
    expect(before).toEqual(await expected(keptAsSent));

    // METHOD §0.6: a day made a holiday changes the working days of the steps held over it.
    const day = localDate(new Date(base + 5 * 24 * HOUR));
    await changeExceptions(db.orm, [{ day, kind: "off", name: "Nghỉ bù (thử)" }]);
    const afterHoliday = await stored();
    expect(afterHoliday).toEqual(await expected(keptAsSent));
    expect([...afterHoliday].filter(([k, v]) => before.get(k) !== v).length).toBeGreaterThan(0);

    const report = await verify(db.orm, null);
    expect(report.factDifferences).toEqual([]);
  });

  it("tthc verify finds a held_from changed behind the portal's back, and repairs it", async () => {
    await db.orm.execute(sql`
      update process_steps set held_from = held_from - interval '1 hour'
      where (province_code, dossier_id, status, at) = (select province_code, dossier_id, status, at from process_steps
        where held_from is not null order by dossier_id, at limit 1)`);
    const before = await stored();
    const found = await verify(db.orm, null);
    expect(found.factDifferences).toHaveLength(1);
    const [[was, should]] = Object.values(found.factDifferences[0].columns);
    expect(Object.keys(found.factDifferences[0].columns)).toEqual(["step_held_from"]);
    expect(Date.parse(should!) - Date.parse(was!)).toBe(HOUR);
    const repaired = await verify(db.orm, null, { repair: true });
    expect(repaired.repaired?.dossiers).toBe(1);
    expect((await verify(db.orm, null)).factDifferences).toEqual([]);
    const after = await stored();
    expect([...after].filter(([k, v]) => before.get(k) !== v)).toHaveLength(1);
  });
});

/** The steps the store holds for a dossier: each as first sent (the first sync's, else the later one's). */
function finalStepsOf(d: DossierRow, first: DossierRow[], later: Array<StepRow & { dossierCode: string }>): StepRow[] {
  const firstSteps = first.find((x) => x.code === d.code)!.steps;
  return [...firstSteps, ...later.filter((s) => s.dossierCode === d.code)];
}
