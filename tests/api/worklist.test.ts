/**
 * GET /api/v1/worklist ("Cần ưu tiên", issue #25): the open dossiers of the caller's scope
 * (METHOD §A: in the population, not finished now), what can still be saved first, the
 * overdue after; each answer validated against the OpenAPI document; a unit's staff see
 * their own unit's dossiers only; credentials come first. What each dossier is worth is
 * proved against the scorecard in tests/engine/worklist.test.ts.
 */
import { describe, expect, it } from "vitest";
import { POST as sync } from "@/app/api/v1/sync/route";
import { GET as worklist } from "@/app/api/v1/worklist/route";
import { formatLocalInstant } from "@/lib/method/time";
import { call } from "../helpers/api";
import { record, withSmallProvince } from "../helpers/province";

/** DVCQG's yyyyMMddHHmmss in local time, `hours` from now. */
const sent = (hours: number) =>
  formatLocalInstant(new Date(Date.now() + hours * 3_600_000))
    .slice(0, 19)
    .replace(/[-T:]/g, "");

const province = withSmallProvince(async () => {
  const r = await call(sync, "/api/v1/sync", {
    token: province.tokens.T,
    body: {
      service: "DongBoHoSoMC",
      data: [
        // Received an hour ago, held by a department: open, due in 5 working days (P1).
        record("A-NEW", {
          NgayNopHoSo: sent(-2),
          NgayTiepNhan: sent(-1),
          QuaTrinhXuLy: [{ TrangThai: "4", ThoiDiemXuLy: sent(-1), NguoiXuLy: "Cán bộ", PhongBanXuLy: "Phòng Một" }],
        }),
        // Received in March 2025 and never finished: overdue long ago.
        record("A-OLD"),
        record("B-OLD", { MaDonVi: "B", MaTTHC: "P2" }),
        // Finished: not on the list.
        record("A-DONE", {
          QuaTrinhXuLy: [
            { TrangThai: "2", ThoiDiemXuLy: "20250303090000", NguoiXuLy: "Cán bộ" },
            { TrangThai: "9", ThoiDiemXuLy: "20250304090000", NguoiXuLy: "Cán bộ" },
          ],
        }),
      ],
    },
  });
  expect(r.json.accepted).toBe(4);
});

describe("GET /api/v1/worklist", () => {
  it("lists the open dossiers in three parts, with due instant, time left and department", async () => {
    const r = await call(worklist, "/api/v1/worklist", { userId: province.users.admin });
    expect(r.status).toBe(200);
    expect(r.json.items.map((x: { code: string }) => x.code).sort()).toEqual(["A-NEW", "A-OLD", "B-OLD"]);
    // In three parts: due in the period (A-NEW, unless this month ends before its due date), overdue, due later.
    const part = (x: { overdue: boolean; dueInPeriod: boolean }) => (x.overdue ? 1 : x.dueInPeriod ? 0 : 2);
    const parts = r.json.items.map(part);
    expect(parts).toEqual([...parts].sort());
    const fresh = r.json.items.find((x: { code: string }) => x.code === "A-NEW");
    expect(fresh).toMatchObject({ overdue: false, department: { name: "Phòng Một" } });
    expect(fresh.leftMinutes).toBeGreaterThan(0);
    expect(fresh.leftWorkingDays).toBeGreaterThanOrEqual(0);
    expect(
      r.json.items
        .filter((x: { code: string }) => x.code !== "A-NEW")
        .every((x: { overdue: boolean; worth: { rate: number } }) => x.overdue && x.worth.rate === 0),
    ).toBe(true);
    expect(r.json).toMatchObject({ total: 3, overdue: 2 });
  });

  it("reads the caller's scope: a unit's staff see their unit's dossiers, a token its subtree's", async () => {
    const staff = await call(worklist, "/api/v1/worklist", { userId: province.users.staffA });
    expect(staff.json.items.map((x: { code: string }) => x.code).sort()).toEqual(["A-NEW", "A-OLD"]);
    const b = await call(worklist, "/api/v1/worklist", { token: province.tokens.B });
    expect(b.json.items.map((x: { code: string }) => x.code)).toEqual(["B-OLD"]);
    const outside = await call(worklist, "/api/v1/worklist?unit=B", { userId: province.users.staffA });
    expect(outside.status).toBe(404);
  });

  it("filters by department, and refuses an unknown period kind; credentials first", async () => {
    const held = await call(worklist, "/api/v1/worklist?department=PH%C3%92NG%20M%E1%BB%98T", {
      userId: province.users.admin,
    });
    expect(held.json.items.map((x: { code: string }) => x.code)).toEqual(["A-NEW"]);
    const bad = await call(worklist, "/api/v1/worklist?period=decade", { userId: province.users.admin });
    expect(bad.status).toBe(422);
    const anonymous = await call(worklist, "/api/v1/worklist?period=decade");
    expect(anonymous.status).toBe(401);
  });
});
