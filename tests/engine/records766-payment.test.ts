/**
 * METHOD-766 §3.6 (online payment) opens its dossiers (issue #21, item 5): the payable
 * dossiers of METHOD §C.3 — received in the period, carrying a fee or no fee line, of a
 * procedure whose payment the handling unit has integrated — each marked paid online or
 * not, and the counts are the index's own 3.6 numerator and denominator.
 */
import { describe, expect, it } from "vitest";
import { listDossiers766 } from "@/lib/engine/dossier-list766";
import { scorecard } from "@/lib/engine/scorecard";
import { unitIndex } from "@/lib/method/i766/score";
import { makePeriod } from "@/lib/method/period";
import { parseInstant } from "@/lib/method/time";
import { upsertDossiers } from "@/lib/store/writes";
import { dossierRow } from "../helpers/rows";
import { withSmallProvince } from "../helpers/province";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

const t = (s: string) => parseInstant(s)!;
const MARCH = makePeriod("2025-03-01", "2025-03-31", t("20250401090000"));

// A handles P1 with payment integrated; B handles P2 without.
const province = withSmallProvince(async ({ db }) => {
  const row = (
    code: string,
    unitCode: string,
    procedureCode: string,
    fee: { lines: number; positive: boolean },
    paid: 1 | 2 | null,
  ) =>
    dossierRow({
      code,
      unitCode,
      procedureCode,
      status: 4,
      receivedAt: t("20250305090000"),
      feeLines: fee.lines,
      feePositive: fee.positive,
      paidOnline: paid,
    });
  await upsertDossiers(
    db.orm,
    [
      row("paid-dvcqg", "A", "P1", { lines: 1, positive: true }, 1),
      row("paid-local", "A", "P1", { lines: 1, positive: true }, 2),
      row("unpaid", "A", "P1", { lines: 1, positive: true }, null),
      row("no-fee-line", "A", "P1", { lines: 0, positive: false }, null), // §C.3: payable when integrated
      row("zero-fee", "A", "P1", { lines: 2, positive: false }, null), // every line 0: not payable
      row("not-integrated", "B", "P2", { lines: 1, positive: true }, null), // B has not integrated P2's payment
    ],
    t("20250401090000"),
  );
});

describe("the dossiers behind 3.6 (METHOD-766 §3.6, METHOD §C.3)", () => {
  it("lists the payable dossiers, unpaid first, with the index's own counts", async () => {
    const list = await listDossiers766(province.db.orm, { period: MARCH, scope: EVERY_UNIT, indicator: "3.6" });
    expect(list.items.map((d) => [d.code, d.counted])).toEqual([
      ["no-fee-line", false],
      ["unpaid", false],
      ["paid-dvcqg", true],
      ["paid-local", true],
    ]);
    const card = await scorecard(province.db.orm, { period: MARCH, by: "all", scope: EVERY_UNIT, profile: "766" });
    const i36 = unitIndex(card.rows[0].index766)!.groups["3"].indicators["3.6"]!;
    expect([list.total, list.counted]).toEqual([i36.denominator, i36.numerator]);
    expect(
      (
        await listDossiers766(province.db.orm, { period: MARCH, scope: EVERY_UNIT, indicator: "3.6", missedOnly: true })
      ).items.map((d) => d.code),
    ).toEqual(["no-fee-line", "unpaid"]);
  });
});
