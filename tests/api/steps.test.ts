/**
 * GET /api/v1/steps (METHOD-STEPS S.3) through the caller's scope, and S.4's role matrix
 * for officer figures: province roles see every officer, an agency manager its own
 * subtree's, agency staff their own row, the viewer and API tokens none; every read of
 * officer figures by a person is in the audit log.
 */
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows } from "@/db";
import { POST as sync } from "@/app/api/v1/sync/route";
import { GET as steps } from "@/app/api/v1/steps/route";
import { call } from "../helpers/api";
import { record, signedIn, withSmallProvince } from "../helpers/province";
import { getProcessView } from "@/lib/data/steps";
import { makePeriod } from "@/lib/method/period";
import { NotFoundError } from "@/lib/errors";

const step = (
  TrangThai: string,
  ThoiDiemXuLy: string,
  NguoiXuLy: string,
  PhongBanXuLy: string,
  NgayKetThucTheoQuyDinh = "",
) => ({ TrangThai, ThoiDiemXuLy, NguoiXuLy, PhongBanXuLy, NgayKetThucTheoQuyDinh, ChucDanh: "Chuyên viên" });

const province = withSmallProvince(async () => {
  const r = await call(sync, "/api/v1/sync", {
    token: province.tokens.T,
    body: {
      service: "DongBoHoSoMC",
      data: [
        record("A-1", {
          QuaTrinhXuLy: [
            step("2", "20250303090000", "Bộ phận một cửa", "Một cửa"),
            step("4", "20250305160000", "staffA", "Phòng Hộ tịch", "20250304000000"),
            step("9", "20250306100000", "Trần Văn C", "phòng  hộ tịch", "20250310000000"),
          ],
        }),
        record("B-1", {
          MaDonVi: "B",
          MaTTHC: "P2",
          QuaTrinhXuLy: [step("2", "20250303090000", "Lê Thị D", "Văn phòng")],
        }),
      ],
    },
  });
  expect(r.json.accepted).toBe(2);
});

const Q = "from=2025-03-01&to=2025-03-31";

describe("GET /api/v1/steps (METHOD-STEPS S.3)", () => {
  it("by department: names folded (S.1.2), step deadlines judged (S.1.5), rows adding up to the totals (S.3.1)", async () => {
    const r = await call(steps, `/api/v1/steps?${Q}&by=department`, { userId: province.users.admin });
    expect(r.status).toBe(200);
    const hoTich = r.json.rows.find((x: { key: string }) => x.key === "phòng hộ tịch");
    // Two steps of one department sent in two spellings: one on time (deadline 10/3), one late (due the end of 4/3, done 5/3).
    expect(hoTich).toMatchObject({ unit: "A", steps: 2, judged: 2, onTime: 1, late: 1, rate: 50, band: "red" });
    expect(r.json.totals.steps).toBe(4);
    expect(r.json.rows.reduce((n: number, x: { steps: number }) => n + x.steps, 0)).toBe(r.json.totals.steps);
  });

  it("follows the caller's scope: a token of B sees B's steps only; another unit is 404; anonymous is 401", async () => {
    const r = await call(steps, `/api/v1/steps?${Q}&by=department`, { token: province.tokens.B });
    expect(r.json.rows.map((x: { unit: string }) => x.unit)).toEqual(["B"]);
    expect((await call(steps, `/api/v1/steps?${Q}&unit=A`, { token: province.tokens.B })).status).toBe(404);
    expect((await call(steps, `/api/v1/steps?${Q}`)).status).toBe(401);
    expect((await call(steps, `/api/v1/steps?${Q}&by=nobody`, { token: province.tokens.B })).status).toBe(422);
  });
});

describe("officer figures (METHOD-STEPS S.4)", () => {
  const officers = async (who: { userId?: number; token?: string }) =>
    call(steps, `/api/v1/steps?${Q}&by=officer`, who);
  const names = (r: { json: { rows: Array<{ name: string }> } }) => r.json.rows.map((x) => x.name).sort();

  it("the administrator and the leader see every officer; a manager those of its subtree", async () => {
    expect(names(await officers({ userId: province.users.admin }))).toEqual(
      ["Bộ phận một cửa", "Lê Thị D", "staffA", "Trần Văn C"].sort(),
    );
    expect(names(await officers({ userId: province.users.leader }))).toHaveLength(4);
    expect(names(await officers({ userId: province.users.managerA }))).toEqual(
      ["Bộ phận một cửa", "staffA", "Trần Văn C"].sort(),
    );
    expect(names(await officers({ userId: province.users.managerB }))).toEqual(["Lê Thị D"]);
  });

  it("agency staff see their own row only; the viewer and API tokens none", async () => {
    expect(names(await officers({ userId: province.users.staffA }))).toEqual(["staffA"]);
    expect((await officers({ userId: province.users.viewer })).status).toBe(403);
    expect((await officers({ token: province.tokens.T })).status).toBe(403);
    // Departments are not personal data: the viewer reads them.
    expect((await call(steps, `/api/v1/steps?${Q}&by=department`, { userId: province.users.viewer })).status).toBe(200);
  });

  it("every read of officer figures by a person is in the audit log", async () => {
    const before = await rows<{ n: number }>(
      province.db.orm,
      sql`select count(*)::int as n from audit_log where action = 'steps.officers.read'`,
    );
    await officers({ userId: province.users.managerA });
    const after = await rows<{ actor: string; target: string }>(
      province.db.orm,
      sql`select actor, target from audit_log where action = 'steps.officers.read' order by id`,
    );
    expect(after.length).toBe(before[0].n + 1);
    expect(after[after.length - 1]).toMatchObject({ target: "A" });
  });
});

describe("the process view in the data layer (METHOD-STEPS S.3, S.4)", () => {
  it("gives a department's late dossiers by code only to roles that read dossiers; the count to every role", async () => {
    // still open at the end of March, so overdue (METHOD §A.5), with a step of Phòng Hộ tịch past its own deadline.
    const r = await call(sync, "/api/v1/sync", {
      token: province.tokens.A,
      body: {
        service: "DongBoHoSoMC",
        data: [
          record("A-2", {
            QuaTrinhXuLy: [step("4", "20250310160000", "Trần Văn C", "Phòng Hộ tịch", "20250307000000")],
          }),
        ],
      },
    });
    expect(r.json.accepted).toBe(1);
    const period = makePeriod("2025-03-01", "2025-03-31");
    const view = async (userId: number) =>
      getProcessView(province.db.orm, (await signedIn(province.db, userId))!, {
        period,
        department: { unit: "A", key: "phòng hộ tịch" },
      });
    const admin = await view(province.users.admin);
    expect(admin.department).toMatchObject({ lateCount: 1, lateDossiers: ["A-2"] });
    const viewer = await view(province.users.viewer);
    expect(viewer.department).toMatchObject({ lateCount: 1, lateDossiers: [] });
    expect(viewer.officers).toBeNull();
    // A department of a unit outside the caller's scope is not found.
    await expect(
      getProcessView(province.db.orm, (await signedIn(province.db, province.users.managerB))!, {
        period,
        department: { unit: "A", key: "phòng hộ tịch" },
      }),
    ).rejects.toThrow(NotFoundError);
  });
});
