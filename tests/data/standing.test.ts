/**
 * "Where do we stand?" (README role table): an agency's rank among its peers by the
 * on-time rate (METHOD §A.5) with the province's figure, and its tier as the public page
 * shows it (names, on-time rates, colours) — none of the peers' other figures.
 */
import { describe, expect, it } from "vitest";
import { standingOf } from "@/lib/data/standing";
import { getIndicators } from "@/lib/data/indicators";
import { NotFoundError } from "@/lib/errors";
import { makePeriod } from "@/lib/method/period";
import { upsertDossiers } from "@/lib/store/writes";
import { parseInstant } from "@/lib/method/time";
import { dossierRow } from "../helpers/rows";
import { signedIn, withSmallProvince } from "../helpers/province";
import { buildProvince } from "../helpers/build";

const t = (s: string) => parseInstant(s)!;
const NOW = t("20250401090000");
const MARCH = makePeriod("2025-03-01", "2025-03-31", NOW);

const province = withSmallProvince(async ({ db }) => {
  // Two more departments beside A: C (all on time) and D (none), so A ranks 2/3.
  await buildProvince(db, {
    units: [
      ["C", "Sở C", "so_nganh", "T"],
      ["D", "Sở D", "so_nganh", "T"],
    ],
  });
  const done = (code: string, unitCode: string, finished: string) =>
    dossierRow({
      code,
      unitCode,
      procedureCode: "P1",
      status: 9,
      receivedAt: t("20250303090000"),
      steps: [{ status: 9, at: t(finished) }],
    });
  await upsertDossiers(
    db.orm,
    [
      done("a1", "A", "20250304090000"),
      done("a2", "A", "20250331090000"),
      done("c1", "C", "20250304090000"),
      done("d1", "D", "20250331090000"),
    ],
    NOW,
  );
});

describe("an agency's standing", () => {
  it("ranks it among the departments of its parent, with the province's rate beside it", async () => {
    const manager = (await signedIn(province.db, province.users.managerA))!;
    const s = await standingOf(province.db.orm, manager, "A", MARCH);
    expect(s).toMatchObject({
      rank: 2,
      of: 3,
      rate: 50,
      provinceName: "Tỉnh T",
      provinceRate: 50,
      peers: "sở, ban, ngành",
    });
    // Its tier as any visitor reads it: the same place as its own, its row marked, nothing but the public figures.
    expect(s!.tier).toEqual([
      { key: "C", name: "Sở C", rate: 100, band: "green", rank: 1, own: false },
      { key: "A", name: "Sở A", rate: 50, band: "red", rank: 2, own: true },
      { key: "D", name: "Sở D", rate: 0, band: "red", rank: 3, own: false },
    ]);
  });
  it("is not given for a unit outside the caller's scope, and the peers' figures stay out of the agency's reach", async () => {
    const manager = (await signedIn(province.db, province.users.managerA))!;
    await expect(standingOf(province.db.orm, manager, "C", MARCH)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      getIndicators(province.db.orm, manager, { period: MARCH, by: "agency", filter: { unit: "C" } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const own = await getIndicators(province.db.orm, manager, { period: MARCH, by: "agency" });
    expect(own.rows.map((r) => r.key).sort()).toEqual(["A", "A1"]);
  });
  it("the province itself has no peers to rank among", async () => {
    const admin = (await signedIn(province.db, province.users.admin))!;
    expect(await standingOf(province.db.orm, admin, "T", MARCH)).toBeNull();
  });
});
