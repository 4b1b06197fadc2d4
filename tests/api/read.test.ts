/**
 * The read routes through the caller's scope: indicators (DATA.md §3, same engine as
 * the CLI), dossier explanations (METHOD §A), tokens, and the OpenAPI document.
 */
import { procedureIndex766Schema, unitIndex766Schema } from "@/lib/api/index766-schema";
import { describe, expect, it } from "vitest";
import { POST as sync } from "@/app/api/v1/sync/route";
import { GET as indicators } from "@/app/api/v1/indicators/route";
import { GET as explain } from "@/app/api/v1/dossiers/[code]/explain/route";
import { GET as listTokens, POST as createToken } from "@/app/api/v1/tokens/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { GET as workbook } from "@/app/api/v1/reports/scorecard.xlsx/route";
import { scorecard } from "@/lib/engine/scorecard";
import { makePeriod } from "@/lib/method/period";
import { call } from "../helpers/api";
import { record, withSmallProvince } from "../helpers/province";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

const province = withSmallProvince(async () => {
  const r = await call(sync, "/api/v1/sync", {
    token: province.tokens.T,
    body: {
      service: "DongBoHoSoMC",
      data: [
        record("A-1"),
        record("A1-1", { MaDonVi: "A1" }),
        record("B-1", { MaDonVi: "B", MaTTHC: "P2", KenhThucHien: "1" }),
      ],
    },
  });
  expect(r.json.accepted).toBe(3);
});

const Q = "from=2025-03-01&to=2025-03-31";

describe("GET /api/v1/indicators", () => {
  it("returns the same JSON as the engine the CLI runs (DATA.md §3)", async () => {
    const r = await call(indicators, `/api/v1/indicators?${Q}&by=agency`, { userId: province.users.admin });
    expect(r.status).toBe(200);
    const direct = await scorecard(province.db.orm, {
      period: makePeriod("2025-03-01", "2025-03-31"),
      by: "agency",
      scope: EVERY_UNIT,
    });
    expect(r.json).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(r.json.rows.map((x: { key: string }) => x.key)).toEqual(["A", "A1", "B", "T"]);
  });
  it("is scoped to what the token may see; another unit is 404", async () => {
    const r = await call(indicators, `/api/v1/indicators?${Q}&by=agency`, { token: province.tokens.A });
    expect(r.json.rows.map((x: { key: string }) => x.key)).toEqual(["A", "A1"]);
    expect(r.json.rows[0].onTime.population).toBe(2);
    expect(
      (await call(indicators, `/api/v1/indicators?${Q}&by=agency&unit=B`, { token: province.tokens.A })).status,
    ).toBe(404);
    expect(
      (await call(indicators, `/api/v1/indicators?${Q}&by=agency&unit=NOPE`, { token: province.tokens.A })).status,
    ).toBe(404);
  });
  it("refuses bad parameters with 422 naming them, and anonymous callers with 401", async () => {
    const r = await call(indicators, "/api/v1/indicators?from=2025-02-30&by=tinh", { token: province.tokens.A });
    expect(r.status).toBe(422);
    expect(r.json.error.details.map((d: { field: string }) => d.field).sort()).toEqual(["by", "from"]);
    expect(
      (await call(indicators, `/api/v1/indicators?from=2099-01-01&to=2099-01-31`, { token: province.tokens.A })).status,
    ).toBe(422);
    expect((await call(indicators, `/api/v1/indicators?${Q}`)).status).toBe(401);
  });
});

describe("GET /api/v1/dossiers/{MaHoSo}/explain", () => {
  it("explains a dossier in scope (METHOD §A.3–A.5)", async () => {
    const r = await call(explain, `/api/v1/dossiers/A1-1/explain?${Q}`, {
      token: province.tokens.A,
      params: { code: "A1-1" },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      code: "A1-1",
      verdict: "overdue",
      sqlVerdict: "overdue",
      start: { field: "NgayTiepNhan" },
    });
  });
  it("is 404 outside the scope, so existence does not leak; 403 for a viewer", async () => {
    expect(
      (await call(explain, `/api/v1/dossiers/B-1/explain?${Q}`, { token: province.tokens.A, params: { code: "B-1" } }))
        .status,
    ).toBe(404);
    expect(
      (
        await call(explain, `/api/v1/dossiers/NOPE/explain?${Q}`, {
          token: province.tokens.A,
          params: { code: "NOPE" },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(explain, `/api/v1/dossiers/B-1/explain?${Q}`, {
          userId: province.users.viewer,
          params: { code: "B-1" },
        })
      ).status,
    ).toBe(403);
  });
});

describe("API tokens", () => {
  it("are shown once, stored hashed, and listed without their value", async () => {
    const r = await call(createToken, "/api/v1/tokens", {
      userId: province.users.managerA,
      body: { name: "Một cửa Sở A", unitCode: "A1" },
    });
    expect(r.status).toBe(201);
    expect(r.json.token).toMatch(/^tthc_/);
    const list = await call(listTokens, "/api/v1/tokens", { userId: province.users.managerA });
    expect(JSON.stringify(list.json)).not.toContain(r.json.token);
    expect(list.json.items.every((t: { unitCode: string }) => ["A", "A1"].includes(t.unitCode))).toBe(true);
    const use = await call(indicators, `/api/v1/indicators?${Q}&by=all`, { token: r.json.token });
    expect(use.json.rows[0].onTime.population).toBe(1);
  });
  it("cannot be created for another agency or by staff", async () => {
    expect(
      (
        await call(createToken, "/api/v1/tokens", {
          userId: province.users.managerA,
          body: { name: "x", unitCode: "B" },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(createToken, "/api/v1/tokens", { userId: province.users.staffA, body: { name: "x", unitCode: "A" } }))
        .status,
    ).toBe(403);
    expect(
      (await call(createToken, "/api/v1/tokens", { userId: province.users.managerA, body: { name: "" } })).status,
    ).toBe(422);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document generated from the request schemas", async () => {
    const r = await call(openapi, "/api/v1/openapi.json");
    expect(r.json.openapi).toBe("3.1.0");
    expect(Object.keys(r.json.paths)).toEqual(
      expect.arrayContaining(["/sync", "/indicators", "/dossiers/{MaHoSo}/explain", "/import/{kind}"]),
    );
    expect(r.json.components.schemas.DongBoHoSoMC.properties).toHaveProperty("NgayTiepNhan");
    expect(r.json.paths["/indicators"].get.parameters.map((p: { name: string }) => p.name)).toContain("by");
  });
});

describe("GET /api/v1/indicators?profile=766 (METHOD-766 §7)", () => {
  it("adds index766 to every row: groups out of their maxima, the total over what applies, rating and rank", async () => {
    const r = await call(indicators, `/api/v1/indicators?${Q}&by=agency&profile=766`, { userId: province.users.admin });
    expect(r.status).toBe(200);
    expect(r.json.profile).toBe("766");
    for (const row of r.json.rows) {
      const x = row.index766;
      // §7: the shape the OpenAPI document declares.
      expect(unitIndex766Schema.safeParse(x).error).toBeUndefined();
      const groups = Object.values(x.groups) as Array<{
        score: number | null;
        max: number;
        indicators: Record<string, { score: number | null; max: number; applicable: boolean }>;
      }>;
      const scored = groups.flatMap((g) => Object.values(g.indicators)).filter((i) => i.applicable);
      // §0.2: the total is Σ scores ÷ Σ maxima of the applicable indicators × 100.
      expect(x.max).toBe(scored.reduce((s, i) => s + i.max, 0));
      if (x.max > 0) expect(x.total).toBeCloseTo((scored.reduce((s, i) => s + i.score!, 0) / x.max) * 100, 10);
      // §6: no catalogue publication dates nor PAKN handling columns in this province: 1.1–1.3, 5.2–5.3 do not apply.
      for (const id of ["1.1", "1.2", "1.3"]) expect(x.groups["1"].indicators[id].applicable).toBe(false);
      for (const id of ["5.2", "5.3"]) expect(x.groups["5"].indicators[id].applicable).toBe(false);
    }
    // §2.1: the dossiers of A are its population under the 766 rule too.
    const a = r.json.rows.find((x: { key: string }) => x.key === "A");
    expect(a.index766.groups["2"].indicators["2.1"].denominator).toBe(a.onTime.population);
    // §0.4: ranked only within a tier of siblings of one kind.
    const t = r.json.rows.find((x: { key: string }) => x.key === "T");
    expect(t.index766.rank).toBeNull();
  });
  it("§7 by procedure: only the average time (2.2), in the shape the OpenAPI document declares", async () => {
    const r = await call(indicators, `/api/v1/indicators?${Q}&by=procedure&profile=766`, {
      userId: province.users.admin,
    });
    expect(r.status).toBe(200);
    expect(r.json.rows.length).toBeGreaterThan(0);
    for (const row of r.json.rows) expect(procedureIndex766Schema.safeParse(row.index766).error).toBeUndefined();
    // No dossier of this province has finished yet: no average (the values are checked by hand in tests/engine/province766.test.ts).
    expect(
      r.json.rows.every(
        (row: { index766: { averageTime: { value: number | null } } }) => row.index766.averageTime.value === null,
      ),
    ).toBe(true);
  });
  it("§0.4: a field or a PAKN sector is not a unit the index scores: its rows carry no index766", async () => {
    for (const by of ["field", "sector"]) {
      const r = await call(indicators, `/api/v1/indicators?${Q}&by=${by}&profile=766`, {
        userId: province.users.admin,
      });
      expect(r.status).toBe(200);
      if (by === "field") expect(r.json.rows.length).toBeGreaterThan(0);
      expect(
        r.json.rows.every((row: { index766?: unknown }) => row.index766 === undefined),
        by,
      ).toBe(true);
    }
  });
  it("§5.4: a dossier on time but rated dissatisfied (HaiLong 0) counts in 2.1 and not in 5.4", async () => {
    const read = async () => {
      const r = await call(indicators, `/api/v1/indicators?${Q}&by=agency&profile=766`, {
        userId: province.users.admin,
      });
      const x = r.json.rows.find((row: { key: string }) => row.key === "A").index766;
      return { timely: x.groups["2"].indicators["2.1"].numerator, kept: x.groups["5"].indicators["5.4"].numerator };
    };
    const before = await read();
    const done = [
      { TrangThai: "2", ThoiDiemXuLy: "20250303090000" },
      { TrangThai: "9", ThoiDiemXuLy: "20250303100000" },
    ];
    const r = await call(sync, "/api/v1/sync", {
      token: province.tokens.T,
      body: {
        service: "DongBoHoSoMC",
        data: [
          record("A-SAD", { HaiLong: "0", QuaTrinhXuLy: done }),
          record("A-GLAD", { HaiLong: "1", QuaTrinhXuLy: done }),
        ],
      },
    });
    expect(r.json.accepted).toBe(2);
    const after = await read();
    expect(after.timely - before.timely).toBe(2);
    expect(after.kept - before.kept).toBe(1);
  });
  it("refuses an unknown profile with 422 naming it", async () => {
    const r = await call(indicators, `/api/v1/indicators?${Q}&profile=999`, { userId: province.users.admin });
    expect(r.status).toBe(422);
    expect(r.json.error.details.map((d: { field: string }) => d.field)).toEqual(["profile"]);
  });
});

describe("GET /api/v1/reports/scorecard.xlsx", () => {
  it("names the file by unit, period and profile: two downloads never share a name", async () => {
    const name = async (extra: string) => {
      const res = await (workbook as unknown as (r: Request) => Promise<Response>)(
        new Request(`http://localhost/api/v1/reports/scorecard.xlsx?${Q}${extra}`, {
          headers: { authorization: `Bearer ${province.tokens.A}` },
        }),
      );
      expect(res.status).toBe(200);
      return /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1];
    };
    expect(await name("&unit=A")).toBe("bang-chi-so-A-2025-03-01-den-2025-03-31.xlsx");
    expect(await name("&unit=A&profile=766")).toBe("bang-chi-so-A-2025-03-01-den-2025-03-31-chi-so-766.xlsx");
  });
});
