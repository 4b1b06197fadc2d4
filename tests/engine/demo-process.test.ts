/**
 * The demo's process (issue #24 item 6; METHOD-STEPS S.1–S.5): each agency has 3–6
 * named departments with officers and per-step deadlines, some slow, one commune's
 * sender fills none of the four fields and another puts a status word in PhongBanXuLy —
 * so the process view has something true to show, and says when it cannot.
 */
import { describe, expect, it } from "vitest";
import { stepFacts } from "@/lib/engine/step-figures";
import { computeScorecard } from "@/lib/engine/scorecard";
import { makePeriod } from "@/lib/method/period";
import { sendsNoProcess, stepFields, stepFigures } from "@/lib/method/steps";
import { DEMO_NOW, withDemo } from "../helpers/demo";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

const NOW = DEMO_NOW;
const demo = withDemo(4000);

describe("the demo's departments, officers and step deadlines (METHOD-STEPS)", () => {
  it("gives agencies 3–6 departments, slow and fast ones, and units that send nothing or a status word", async () => {
    const period = makePeriod("2026-01-01", "2026-11-25", NOW);
    const facts = await stepFacts(demo.db.orm, { period, scope: EVERY_UNIT });
    const rows = stepFigures(facts, "department");
    const byUnit = new Map<string, string[]>();
    for (const r of rows) if (r.key) byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r.name]);
    const sizes = [...byUnit.values()].map((d) => d.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(6);
    const rates = rows.filter((r) => r.key && r.judged >= 20).map((r) => r.rate!);
    expect(Math.min(...rates)).toBeLessThan(70);
    expect(Math.max(...rates)).toBeGreaterThanOrEqual(90);
    const fields = stepFields(facts);
    expect(fields.filter(sendsNoProcess).length).toBeGreaterThanOrEqual(1);
    // The one that sends none of the fields, and the one whose department is a status word (no department either).
    expect(fields.filter((f) => f.department === 0).length).toBeGreaterThanOrEqual(2);
    // Officers are named, and most steps carry NgayBatDau.
    expect(stepFigures(facts, "officer").filter((r) => r.key).length).toBeGreaterThan(50);
    const all = fields.reduce((s, f) => ({ steps: s.steps + f.steps, start: s.start + f.start }), {
      steps: 0,
      start: 0,
    });
    expect(all.start / all.steps).toBeGreaterThan(0.7);
  });
});

describe("the demo's process changes no figure (METHOD §A–§Đ, METHOD-766)", () => {
  const plain = withDemo(4000, NOW, { process: false });
  it("METHOD's and the 766 index's figures are the same bytes with and without it", async () => {
    for (const [from, to] of [
      ["2026-01-01", "2026-11-25"],
      ["2026-10-01", "2026-10-31"],
      ["2026-11-01", "2026-11-30"],
    ]) {
      for (const profile of ["200", "766"] as const) {
        const q = { period: makePeriod(from, to, NOW), by: "agency" as const, scope: EVERY_UNIT, profile };
        expect(JSON.stringify(await computeScorecard(demo.db.orm, q)), `${from}..${to} ${profile}`).toBe(
          JSON.stringify(await computeScorecard(plain.db.orm, q)),
        );
      }
    }
  });
});
