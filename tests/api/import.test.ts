/** POST /api/v1/import/{kind} (DATA.md §2): dry run, row errors, CSV and real XLSX files. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows } from "@/db";
import { POST as importRoute } from "@/app/api/v1/import/[kind]/route";
import { call } from "../helpers/api";
import { withSmallProvince } from "../helpers/province";

const province = withSmallProvince();

const csv = (text: string) => ({ rawBody: text, headers: { "content-type": "text/csv" } });
const THUTUC = `MaTTHC,TenTTHC,MaLinhVuc,TenLinhVuc,ThoiHan,DonViTinh,CoPhiLePhi
P1,Thủ tục 1 (sửa tên),F,Lĩnh vực,5,Ngày làm việc,1
P9,Thủ tục mới,F,Lĩnh vực,3,Tháng,0
P2,Thủ tục P2,F,Lĩnh vực,8,Giờ,0
PX,Thủ tục lỗi,F,Lĩnh vực,ba,Ngày,0
PY,Thủ tục lỗi 2,F,Lĩnh vực,3,Tuần,2
`;

describe("reference imports", () => {
  it("METHOD-766 §6: the optional columns are imported, checked, and kept when a later file lacks them", async () => {
    const as = { userId: province.users.admin, params: { kind: "thutuc" } };
    const with766 = `MaTTHC,TenTTHC,MaLinhVuc,TenLinhVuc,ThoiHan,DonViTinh,CoPhiLePhi,NgayCongBo,NgayHieuLuc,DayDuBoPhan,KetQuaGiay
P2,Thủ tục P2,F,Lĩnh vực,8,Giờ,0,2025-02-03,2025-02-20,1,
P3,Thủ tục P3,F,Lĩnh vực,8,Giờ,0,03/02/2025,,2,1
`;
    const r = await call(importRoute, "/api/v1/import/thutuc", { ...as, ...csv(with766) });
    expect(r.json).toMatchObject({ valid: 1, updated: 1 });
    expect(r.json.errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).toEqual([
      "3:NgayCongBo",
      "3:DayDuBoPhan",
    ]);
    expect(r.json.errors[0].en).toContain("yyyy-MM-dd");
    const stored = async () =>
      (await rows<{ i766: unknown }>(province.db.orm, sql`select i766 from procedures where code = 'P2'`))[0].i766;
    expect(await stored()).toEqual({
      NgayCongBo: "2025-02-03",
      NgayHieuLuc: "2025-02-20",
      DayDuBoPhan: "1",
      KetQuaGiay: null,
    });
    // The catalogue's own export, without the 766 columns: P2 is unchanged and keeps them.
    const plain = `MaTTHC,TenTTHC,MaLinhVuc,TenLinhVuc,ThoiHan,DonViTinh,CoPhiLePhi
P2,Thủ tục P2,F,Lĩnh vực,8,Giờ,0
`;
    expect((await call(importRoute, "/api/v1/import/thutuc", { ...as, ...csv(plain) })).json).toMatchObject({
      unchanged: 1,
      updated: 0,
    });
    expect(await stored()).toMatchObject({ NgayCongBo: "2025-02-03", DayDuBoPhan: "1" });
  });
  it("a dry run shows what would change and every row error, and writes nothing", async () => {
    const r = await call(importRoute, "/api/v1/import/thutuc?dryRun=1", {
      userId: province.users.admin,
      params: { kind: "thutuc" },
      ...csv(THUTUC),
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ dryRun: true, rows: 5, valid: 3, inserted: 1, updated: 1, unchanged: 1 });
    expect(r.json.errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).toEqual([
      "5:ThoiHan",
      "6:DonViTinh",
      "6:CoPhiLePhi",
    ]);
    expect(r.json.errors[0].vi).toContain("ThoiHan phải là số");
    const p = await rows(province.db.orm, sql`select 1 from procedures where code = 'P9'`);
    expect(p.length).toBe(0);
  });
  it("applying writes the valid rows and re-evaluates the dossiers of changed deadlines", async () => {
    const r = await call(importRoute, "/api/v1/import/thutuc", {
      userId: province.users.admin,
      params: { kind: "thutuc" },
      ...csv(THUTUC),
    });
    expect(r.json).toMatchObject({ dryRun: false, inserted: 1, updated: 1 });
    const p = await rows<{ name: string; unit: string }>(
      province.db.orm,
      sql`select name, deadline_unit as unit from procedures where code in ('P1', 'P9') order by code`,
    );
    expect(p).toEqual([
      { name: "Thủ tục 1 (sửa tên)", unit: "working_day" },
      { name: "Thủ tục mới", unit: "month" },
    ]);
    const again = await call(importRoute, "/api/v1/import/thutuc?dryRun=1", {
      userId: province.users.admin,
      params: { kind: "thutuc" },
      ...csv(THUTUC),
    });
    expect(again.json).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
  });
  it("reads a real Excel workbook", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("baocao");
    ws.addRow(["MaDonVi", "TuNgay", "DenNgay", "Nguon", "SoHoSoTiepNhan"]);
    ws.addRow(["A", "2025-03-01", "2025-03-31", "bcqg", 120]);
    ws.addRow(["B", new Date(Date.UTC(2025, 2, 1)), "2025-03-31", "thongke", 40]);
    ws.addRow(["KHONG-CO", "2025-03-01", "2025-03-31", "bcqg", 1]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const form = new FormData();
    form.set(
      "file",
      new File([bytes], "baocao.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
    );
    const r = await call(importRoute, "/api/v1/import/baocao", {
      userId: province.users.admin,
      params: { kind: "baocao" },
      rawBody: form,
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ rows: 3, valid: 2, inserted: 2 });
    expect(r.json.errors).toEqual([expect.objectContaining({ line: 4, field: "MaDonVi" })]);
    const rep = await rows<{ u: string; n: number }>(
      province.db.orm,
      sql`select unit_code as u, received as n from reported_totals order by unit_code`,
    );
    expect(rep).toEqual([
      { u: "A", n: 120 },
      { u: "B", n: 40 },
    ]);
  });
  it("names a missing column, refuses non-admins and unknown kinds", async () => {
    const r = await call(importRoute, "/api/v1/import/donvi", {
      userId: province.users.admin,
      params: { kind: "donvi" },
      ...csv("MaDonVi,TenDonVi\nX,Y\n"),
    });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toContain("Thiếu cột: LoaiDonVi, MaDonViCha, MaDiaBan");
    expect(
      (
        await call(importRoute, "/api/v1/import/donvi", {
          userId: province.users.managerA,
          params: { kind: "donvi" },
          ...csv("x"),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(importRoute, "/api/v1/import/donvi", {
          token: province.tokens.T,
          params: { kind: "donvi" },
          ...csv("x"),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(importRoute, "/api/v1/import/hoso", {
          userId: province.users.admin,
          params: { kind: "hoso" },
          ...csv("x"),
        })
      ).status,
    ).toBe(404);
  });
});

describe("DATA.md §2 through the import route: repeated keys and unknown codes", () => {
  it("thamquyen lines of one (agency, procedure) merge: the higher MucDo counts (METHOD §B.1), payment if any line says so", async () => {
    const body = "MaDonVi,MaTTHC,MucDo,TichHopThanhToan\nB,P1,3,1\nB,P1,4,0\n";
    const r = await call(importRoute, "/api/v1/import/thamquyen", {
      userId: province.users.admin,
      params: { kind: "thamquyen" },
      ...csv(body),
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ rows: 2, valid: 1, inserted: 1, errors: [] });
    expect(r.json.repeats).toEqual([{ line: 3, earlierLine: 2, key: "B|P1", rule: "merged" }]);
    const a = await rows(
      province.db.orm,
      sql`select online_level as level, payment_integrated as paid from authorities where unit_code = 'B' and procedure_code = 'P1'`,
    );
    expect(a).toEqual([{ level: 4, paid: true }]);
  });
  it("a repeated MaPAKN or baocao key: the later line replaces the earlier, nothing aborts", async () => {
    const pakn =
      "MaPAKN,NgayTiepNhan,PhanLoai,MaDonVi,Nganh,LinhVuc\nPK1,2025-03-02,1,A,Tư pháp,F\nPK1,2025-03-03,2,B,Hộ tịch,F\n";
    const r = await call(importRoute, "/api/v1/import/pakn", {
      userId: province.users.admin,
      params: { kind: "pakn" },
      ...csv(pakn),
    });
    expect(r.json).toMatchObject({
      valid: 1,
      inserted: 1,
      repeats: [expect.objectContaining({ line: 3, earlierLine: 2, rule: "replaced" })],
    });
    expect(await rows(province.db.orm, sql`select unit_code as u, kind from feedback where code = 'PK1'`)).toEqual([
      { u: "B", kind: 2 },
    ]);
    const baocao =
      "MaDonVi,TuNgay,DenNgay,Nguon,SoHoSoTiepNhan\nB,2025-04-01,2025-04-30,bcqg,7\nB,2025-04-01,2025-04-30,bcqg,9\n";
    const b = await call(importRoute, "/api/v1/import/baocao", {
      userId: province.users.admin,
      params: { kind: "baocao" },
      ...csv(baocao),
    });
    expect(b.json).toMatchObject({ valid: 1, inserted: 1 });
    expect(
      await rows(
        province.db.orm,
        sql`select received as n from reported_totals where unit_code = 'B' and from_day = '2025-04-01'`,
      ),
    ).toEqual([{ n: 9 }]);
  });
  it("an unknown MaDiaBan, MaDonViCha or MaTTHC, or a MaDiaBan that is not an area, is an error naming line and field", async () => {
    const donvi =
      "MaDonVi,TenDonVi,LoaiDonVi,MaDonViCha,MaDiaBan\nC,Sở C,so_nganh,T,KHONG-CO\nD,Sở D,so_nganh,KHONG-CO,\nE,Sở E,so_nganh,T,A\nF,Sở F,so_nganh,T,B\n";
    const r = await call(importRoute, "/api/v1/import/donvi?dryRun=1", {
      userId: province.users.admin,
      params: { kind: "donvi" },
      ...csv(donvi),
    });
    expect(r.json.errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).toEqual([
      "2:MaDiaBan",
      "3:MaDonViCha",
      "4:MaDiaBan",
    ]);
    expect(r.json.errors[2].vi).toContain("không phải đơn vị hành chính");
    expect(r.json).toMatchObject({ valid: 1, inserted: 1 });
    const tq = await call(importRoute, "/api/v1/import/thamquyen?dryRun=1", {
      userId: province.users.admin,
      params: { kind: "thamquyen" },
      ...csv("MaDonVi,MaTTHC,MucDo,TichHopThanhToan\nA,P-KHONG,4,0\n"),
    });
    expect(tq.json.errors).toEqual([expect.objectContaining({ line: 2, field: "MaTTHC" })]);
  });
});
