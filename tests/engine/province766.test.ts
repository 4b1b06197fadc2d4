/**
 * METHOD-766 on a whole small province scored by hand: a data folder carrying every
 * column of §6 (catalogue publication dates, KetQuaGiay, PAKN handling, the dossier
 * fields), loaded as the CLI loads it, and every indicator of a department and a commune
 * checked against figures worked out below. March 2026 has no holiday: its working days
 * are Monday–Friday. The period is the month, judged at its end.
 */
import { unitIndex } from "@/lib/method/i766/score";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { loadDataFolder, readDataFolder } from "@/lib/ingest/folder";
import { readReference } from "@/lib/ingest/reference";
import { computeScorecard, type Scorecard } from "@/lib/engine/scorecard";
import { makePeriod } from "@/lib/method/period";
import { scorecardWorkbook } from "@/lib/report/excel";
import { listFeedback766, listProcedures766 } from "@/lib/engine/records-list766";
import { DOSSIER_INDICATORS, FEEDBACK_INDICATORS, PROCEDURE_INDICATORS } from "@/lib/method/i766/points";
import { listDossiers766 } from "@/lib/engine/dossier-list766";
import ExcelJS from "exceljs";
import { testDatabase } from "../helpers/db";
import { EVERY_UNIT, subtreeOf } from "@/lib/engine/sql-util";

const FILES: Record<string, string> = {
  "donvi.csv": `MaDonVi,TenDonVi,LoaiDonVi,MaDonViCha,MaDiaBan
T,UBND tỉnh,tinh,,
S,Sở Tư pháp,so_nganh,T,T
X,UBND xã Một,xa,T,
`,
  // P1 announced 10/3, effective 20/3 (5th working day before: 13/3, on time), made public
  // 16/3 (due the 5th working day after 10/3: 17/3, on time). P2 announced 12/3 for 16/3
  // (due 9/3: late), never made public though due 19/3. P3 announced 30/3: no effective
  // date (out of 1.1), not yet due to be public (6/4: out of 1.2). P4 announced in February.
  "thutuc.csv": `MaTTHC,TenTTHC,MaLinhVuc,TenLinhVuc,ThoiHan,DonViTinh,CoPhiLePhi,NgayHieuLuc,NgayCongBo,NgayCongKhai,DayDuBoPhan,KetQuaGiay
P1,Thủ tục một,F,Lĩnh vực,5,Ngày làm việc,0,2026-03-20,2026-03-10,2026-03-16,1,1
P2,Thủ tục hai,F,Lĩnh vực,5,Ngày làm việc,0,2026-03-16,2026-03-12,,0,0
P3,Thủ tục ba,F,Lĩnh vực,10,Ngày làm việc,0,,2026-03-30,,,
P4,Thủ tục bốn,F,Lĩnh vực,5,Ngày làm việc,0,2026-02-20,2026-02-10,2026-02-11,1,1
`,
  "thamquyen.csv": `MaDonVi,MaTTHC,MucDo,TichHopThanhToan
S,P1,toàn trình,0
S,P2,một phần,0
X,P3,,0
X,P4,toàn trình,0
`,
  // PA1 handled 20/3 (due the 15th working day after 2/3: 23/3), names S-1. PA2 not yet
  // handled, due 6/4: on time. PA3 handled 25/3, late. PA4 on time, more dislikes than
  // likes. PA5 on time, complained again.
  "pakn.csv": `MaPAKN,NgayTiepNhan,PhanLoai,MaDonVi,Nganh,LinhVuc,NgayXuLyXong,SoThich,SoKhongThich,KhieuNaiLai,MaHoSo
PA1,2026-03-02,1,S,Tư pháp,F,2026-03-20,3,1,0,S-1
PA2,2026-03-16,2,S,Tư pháp,F,,,,,
PA3,2026-03-02,1,X,,F,2026-03-25,,,,
PA4,2026-03-05,1,X,,F,2026-03-06,1,2,0,
PA5,2026-03-05,2,X,,F,2026-03-06,0,0,1,
`,
  // X reported nothing for March: its 2025 national reports stand in, 48 ÷ 12 = 4 for a
  // month (§1.4's fallback); a report of 2024 or one reaching into 2026 is not of 2025.
  "baocao.csv": `MaDonVi,TuNgay,DenNgay,Nguon,SoHoSoTiepNhan
S,2026-03-01,2026-03-31,bcqg,2
S,2025-01-01,2025-12-31,bcqg,900
X,2025-01-01,2025-06-30,bcqg,30
X,2025-07-01,2025-12-31,bcqg,18
X,2025-07-01,2025-12-31,thongke,700
X,2024-01-01,2024-12-31,bcqg,1200
X,2025-12-01,2026-01-31,bcqg,500
`,
  "hoso.json": JSON.stringify({
    service: "DongBoHoSoMC",
    data: [
      // Online, on time, electronic result, digitised, a citizen verified with VNeID.
      {
        MaHoSo: "S-1",
        MaDonVi: "S",
        MaTTHC: "P1",
        KenhThucHien: "2",
        TrangThaiHoSo: "9",
        NgayTiepNhan: "20260302090000",
        LoaiDoiTuong: "1",
        HoSoCoThanhPhanSoHoa: "1",
        TaiKhoanDuocXacThucVoiVNeID: 1,
        DanhSachGiayToKetQua: [{ TenGiayTo: "Kết quả", DuongDanTepTinKetQua: "https://dvc.example/kq/1.pdf" }],
        QuaTrinhXuLy: [
          { TrangThai: "2", ThoiDiemXuLy: "20260302090000" },
          { TrangThai: "9", ThoiDiemXuLy: "20260305100000" },
        ],
      },
      // Direct, late (due 10/3, 12/3 with the wait), rated dissatisfied, a business.
      {
        MaHoSo: "S-2",
        MaDonVi: "S",
        MaTTHC: "P2",
        KenhThucHien: "1",
        TrangThaiHoSo: "10",
        NgayTiepNhan: "20260303090000",
        LoaiDoiTuong: "2",
        HaiLong: "0",
        // A supplement request on 10/3 answered on 12/3: 48 hours of waiting.
        QuaTrinhXuLy: [
          { TrangThai: "2", ThoiDiemXuLy: "20260303090000" },
          { TrangThai: "5", ThoiDiemXuLy: "20260310090000" },
          { TrangThai: "4", ThoiDiemXuLy: "20260312090000" },
          { TrangThai: "10", ThoiDiemXuLy: "20260320090000" },
        ],
      },
      // Online, on time, digitised and reused, population data shared through CSDLQGDC.
      {
        MaHoSo: "X-1",
        MaDonVi: "X",
        MaTTHC: "P3",
        KenhThucHien: "2",
        TrangThaiHoSo: "9",
        NgayTiepNhan: "20260309090000",
        LoaiDoiTuong: "1",
        TaiLieuNop: [{ TenTepDinhKem: "a.pdf", DuocSoHoa: "1", DuocTaiSuDung: "1" }],
        DSKetNoiCSDL: [{ MaCSDL: "CSDLQGDC" }],
        QuaTrinhXuLy: [
          { TrangThai: "2", ThoiDiemXuLy: "20260309090000" },
          { TrangThai: "9", ThoiDiemXuLy: "20260311090000" },
        ],
      },
      // Online but its paper-result procedure finished without an electronic result.
      {
        MaHoSo: "X-2",
        MaDonVi: "X",
        MaTTHC: "P4",
        KenhThucHien: "2",
        TrangThaiHoSo: "9",
        NgayTiepNhan: "20260310090000",
        LoaiDoiTuong: "1",
        QuaTrinhXuLy: [
          { TrangThai: "2", ThoiDiemXuLy: "20260310090000" },
          { TrangThai: "9", ThoiDiemXuLy: "20260312090000" },
        ],
      },
    ],
  }),
};

let db: Database;
let card: Scorecard;
let all: Scorecard;
const period = makePeriod("2026-03-01", "2026-03-31");

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tthc-766-"));
  for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), text);
  const folder = readDataFolder(dir);
  db = await testDatabase();
  await loadDataFolder(db, folder);
  card = await computeScorecard(db.orm, { period, by: "agency", scope: EVERY_UNIT, profile: "766" });
  all = await computeScorecard(db.orm, { period, by: "all", scope: EVERY_UNIT, profile: "766" });
});
afterAll(() => db?.close());

const row = (key: string) => unitIndex(card.rows.find((r) => r.key === key)!.index766)!;
const ind = (key: string, id: string) => {
  const i = row(key);
  return i.groups[id[0] as "1"].indicators[id as "1.1"]!;
};

describe("METHOD-766 §1 Công khai, minh bạch (catalogue columns of §6)", () => {
  it("1.1: announced by the 5th working day before the effective date", () => {
    expect(ind("S", "1.1")).toMatchObject({ numerator: 1, denominator: 2, ratio: 50, score: 2 });
    // X's procedures: P3 has no effective date, P4 was announced before the period: 0 of 0.
    expect(ind("X", "1.1")).toMatchObject({ numerator: 0, denominator: 0, applicable: false, score: null });
  });
  it("1.2: made public by the 5th working day after announcement; not-yet-due left out", () => {
    expect(ind("S", "1.2")).toMatchObject({ numerator: 1, denominator: 2, score: 2 });
    expect(ind("X", "1.2")).toMatchObject({ denominator: 0, applicable: false });
  });
  it("1.3: every part published, empty counting as 0", () => {
    expect(ind("S", "1.3")).toMatchObject({ numerator: 1, denominator: 2, score: 2 });
    expect(ind("X", "1.3")).toMatchObject({ numerator: 1, denominator: 2, score: 2 });
  });
  it("1.4: METHOD §Đ's rate, capped; a unit without reports for the period counts its prior year's share", () => {
    expect(ind("S", "1.4")).toMatchObject({ numerator: 2, denominator: 2, ratio: 100, score: 6 });
    expect(ind("X", "1.4")).toMatchObject({ numerator: 2, denominator: 4, ratio: 50, score: 3 });
  });
});

describe("METHOD-766 §2–§4", () => {
  it("2.2: by procedure, only the average time, in working days after the start's date, the wait taken off", async () => {
    const byProcedure = await computeScorecard(db.orm, { period, by: "procedure", scope: EVERY_UNIT, profile: "766" });
    const avg = (pc: string) => byProcedure.rows.find((r) => r.key === pc)!.index766;
    // S-1: 2/3 → 5/3: working days 3, 4, 5.
    expect(avg("P1")).toEqual({ averageTime: { value: 3, unit: "working_days", dossiers: 1 } });
    // S-2: 3/3 → 20/3 less 48 h = 18/3: working days 4–6, 9–13, 16–18.
    expect(avg("P2")).toEqual({ averageTime: { value: 11, unit: "working_days", dossiers: 1 } });
  });
  it("2.1: the 766 on-time rule", () => {
    expect(ind("S", "2.1")).toMatchObject({ numerator: 1, denominator: 2, score: 10 });
    expect(ind("X", "2.1")).toMatchObject({ numerator: 2, denominator: 2, score: 20 });
  });
  it("3.1–3.3: online procedures, with dossiers, online share × sync; KetQuaGiay 1 needs an electronic result", () => {
    expect(ind("S", "3.1")).toMatchObject({ numerator: 2, denominator: 2, score: 2 });
    expect(ind("X", "3.1")).toMatchObject({ numerator: 1, denominator: 2, ratio: 50, score: 1.25 });
    expect(ind("S", "3.2")).toMatchObject({ numerator: 1, denominator: 2, score: 2 });
    expect(ind("X", "3.2")).toMatchObject({ numerator: 1, denominator: 1, score: 4 });
    // S: 1 of 2 online × 100 % synced = 50 % ≥ 50 → 6. X: X-2 is not online (paper result,
    // none electronic): 1 of 2 × 50 % synced = 25 % → 25 × 6 ÷ 50 = 3.
    expect(ind("S", "3.3")).toMatchObject({ numerator: 1, denominator: 2, ratio: 50, score: 6 });
    expect(ind("X", "3.3")).toMatchObject({ numerator: 1, denominator: 2, ratio: 25, score: 3 });
  });
  it("3.4–3.6 do not apply without fees or integrated payment (§0.2)", () => {
    for (const id of ["3.4", "3.5", "3.6"]) expect(ind("S", id).applicable).toBe(false);
    expect(row("S").groups["3"]).toMatchObject({ score: 10, max: 12 });
  });
  it("4.1–4.5: electronic results of paper-result procedures, digitisation, reuse, national data, population data", () => {
    expect(ind("S", "4.1")).toMatchObject({ numerator: 1, denominator: 1, score: 6 });
    expect(ind("X", "4.1")).toMatchObject({ numerator: 0, denominator: 1, score: 0 });
    expect(ind("S", "4.2")).toMatchObject({ numerator: 1, denominator: 2, score: 2.5 });
    expect(ind("X", "4.3")).toMatchObject({ numerator: 1, denominator: 2, score: 1.25 });
    expect(ind("S", "4.4")).toMatchObject({ numerator: 0, denominator: 1, score: 0 });
    expect(ind("X", "4.4")).toMatchObject({ numerator: 1, denominator: 1, score: 5 });
    expect(ind("S", "4.5")).toMatchObject({ numerator: 1, denominator: 1, score: 5 });
    expect(ind("X", "4.5")).toMatchObject({ numerator: 1, denominator: 2, score: 2.5 });
  });
});

describe("METHOD-766 §5 Mức độ hài lòng (PAKN columns of §6)", () => {
  it("5.2: handled within 15 working days, or not yet and still in time", () => {
    expect(ind("S", "5.2")).toMatchObject({ numerator: 2, denominator: 2, score: 6 });
    expect(ind("X", "5.2")).toMatchObject({ numerator: 2, denominator: 3 });
    expect(ind("X", "5.2").score).toBeCloseTo(4, 10);
  });
  it("5.3: none of not satisfied, late, complained again", () => {
    expect(ind("S", "5.3")).toMatchObject({ numerator: 2, denominator: 2, score: 6 });
    expect(ind("X", "5.3")).toMatchObject({ numerator: 0, denominator: 3, score: 0 });
  });
  it("5.4: a dossier named by a PAKN, late, or rated dissatisfied is not kept", () => {
    expect(ind("S", "5.4")).toMatchObject({ numerator: 0, denominator: 2, score: 0 });
    expect(ind("X", "5.4")).toMatchObject({ numerator: 2, denominator: 2, score: 6 });
  });
});

describe("METHOD-766 §0.2–0.4: totals over the applicable maxima, ratings, tiers", () => {
  it("scores each unit out of 100", () => {
    // S: 12 + 10 + 10 + 13,5 + 12 = 57,5 of 18 + 20 + 12 + 22 + 18 = 90.
    expect(row("S").max).toBe(90);
    expect(row("S").total).toBeCloseTo((57.5 / 90) * 100, 10);
    expect(row("S").rating).toBe("trung_binh");
    // X: 5 + 20 + 8,25 + 11,25 + 10 = 54,5 of 10 + 20 + 12 + 22 + 18 = 82.
    expect(row("X").max).toBe(82);
    expect(row("X").total).toBeCloseTo((54.5 / 82) * 100, 10);
    // A department and a commune are ranked in separate tiers.
    expect(row("S").rank).toEqual({ position: 1, of: 1, tier: "so_nganh" });
    expect(row("X").rank).toEqual({ position: 1, of: 1, tier: "xa" });
  });
  it("counts the province from its dossiers, PAKN and procedures, not from its units' scores", () => {
    const t = unitIndex(all.rows[0].index766)!;
    const g = (id: string) => t.groups[id[0] as "1"].indicators[id as "1.1"]!;
    expect(g("1.3")).toMatchObject({ numerator: 2, denominator: 4 });
    expect(g("1.4").ratio).toBeCloseTo((4 / 6) * 100, 10);
    // 3.2: P3 has an online dossier but is not an online procedure: 2 of 3.
    expect(g("3.2")).toMatchObject({ numerator: 2, denominator: 3 });
    // 3.3: 2 of 4 online × min(1, 4/6 synced) = 33,3 % → 4 points.
    expect(g("3.3").score).toBeCloseTo(4, 10);
    expect(g("5.2")).toMatchObject({ numerator: 4, denominator: 5, score: 4.8 });
    expect(g("5.4")).toMatchObject({ numerator: 2, denominator: 4 });
  });
});

describe("METHOD-766 §6: the optional columns, read and refused", () => {
  it("tells an absent column from an empty cell", () => {
    const { rows } = readReference("thutuc", [
      {
        line: 2,
        row: { MaTTHC: "A", TenTTHC: "A", MaLinhVuc: "", TenLinhVuc: "", ThoiHan: "", DonViTinh: "", CoPhiLePhi: "0" },
      },
      {
        line: 3,
        row: {
          MaTTHC: "B",
          TenTTHC: "B",
          MaLinhVuc: "",
          TenLinhVuc: "",
          ThoiHan: "",
          DonViTinh: "",
          CoPhiLePhi: "0",
          NgayCongKhai: "",
          KetQuaGiay: "1",
        },
      },
    ]);
    expect(rows[0].value.i766).toEqual({});
    expect(rows[1].value.i766).toEqual({ NgayCongKhai: null, KetQuaGiay: "1" });
  });
  it("names the line and the column of a bad value, in Vietnamese and English", () => {
    const base = { MaPAKN: "Q", NgayTiepNhan: "2026-03-02", PhanLoai: "1", MaDonVi: "S", Nganh: "", LinhVuc: "" };
    const { rows, errors } = readReference("pakn", [
      { line: 2, row: { ...base, NgayXuLyXong: "20/3/2026" } },
      { line: 3, row: { ...base, MaPAKN: "R", SoThich: "-1", KhieuNaiLai: "có" } },
      { line: 4, row: { ...base, MaPAKN: "OK", NgayXuLyXong: "2026-03-20", SoThich: "2", MaHoSo: "S-1" } },
    ]);
    expect(rows.map((r) => r.value.code)).toEqual(["OK"]);
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [2, "NgayXuLyXong"],
      [3, "SoThich"],
      [3, "KhieuNaiLai"],
    ]);
    expect(errors[0].vi).toContain("yyyy-MM-dd");
    expect(errors[0].en).toContain("date");
  });
});

describe("METHOD-766 §7 in the Excel workbook", () => {
  it("adds a sheet of totals with ratings and ranks and a sheet per group, read back from the file", async () => {
    const bytes = await scorecardWorkbook(card, "Tỉnh", period);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name).slice(-6)).toEqual([
      "766. Tổng điểm",
      "766. Nhóm 1",
      "766. Nhóm 2",
      "766. Nhóm 3",
      "766. Nhóm 4",
      "766. Nhóm 5",
    ]);
    const totals = wb.getWorksheet("766. Tổng điểm")!;
    const header = (totals.getRow(4).values as unknown[]).slice(1);
    const s = (totals.getSheetValues() as unknown[][]).find((r) => r?.[2] === "S")!;
    expect(s[header.indexOf("Tổng điểm") + 1]).toBeCloseTo((57.5 / 90) * 100, 10);
    expect(s[header.indexOf("Xếp loại") + 1]).toBe("Trung bình");
    expect(s[header.indexOf("Xếp hạng") + 1]).toBe("1/1");
    const g5 = wb.getWorksheet("766. Nhóm 5")!;
    const h5 = (g5.getRow(4).values as unknown[]).slice(1);
    const x = (g5.getSheetValues() as unknown[][]).find((r) => r?.[2] === "X")!;
    expect(x[h5.indexOf("5.2: số đạt / tổng") + 1]).toBe("2 / 3");
    expect(x[h5.indexOf("5.4: điểm (tối đa 6)") + 1]).toBe(6);
  });
});

describe("METHOD-766: the dossiers behind each indicator are the ones the scorecard counts", () => {
  it("lists each dossier-based indicator's denominator, the counted ones matching its numerator", async () => {
    for (const unit of ["S", "X"]) {
      for (const id of DOSSIER_INDICATORS) {
        const list = await listDossiers766(db.orm, { period, scope: EVERY_UNIT, unit, indicator: id });
        const i = ind(unit, id);
        expect([list.total, list.counted], `${unit} ${id}`).toEqual([i.denominator, i.numerator]);
        expect(list.items.filter((d) => d.counted).length).toBe(list.counted);
      }
    }
  });
  it("says what each dossier missed: S-1 named by a PAKN, S-2 late and rated dissatisfied; X-2 a paper result without an electronic one", async () => {
    const kept = await listDossiers766(db.orm, {
      period,
      scope: EVERY_UNIT,
      unit: "S",
      indicator: "5.4",
      missedOnly: true,
    });
    expect(kept.items.map((d) => [d.code, d.ok, d.dissatisfied, d.named])).toEqual([
      ["S-2", false, true, false],
      ["S-1", true, false, true],
    ]);
    const online = await listDossiers766(db.orm, {
      period,
      scope: EVERY_UNIT,
      unit: "X",
      indicator: "3.3",
      missedOnly: true,
    });
    expect(online.items).toMatchObject([{ code: "X-2", online: true, paper: true, eresult: false, counted: false }]);
    // A scope that does not hold the unit's dossiers lists none of them.
    expect((await listDossiers766(db.orm, { period, scope: subtreeOf("S"), unit: "X", indicator: "3.3" })).total).toBe(
      0,
    );
  });
});

describe("METHOD-766: the procedures and PAKN behind each indicator are the ones the scorecard counts", () => {
  it("lists 1.1–1.3, 3.1 and 5.2–5.3 with counts equal to the scorecard's", async () => {
    for (const unit of ["S", "X"]) {
      for (const id of PROCEDURE_INDICATORS) {
        const list = await listProcedures766(db.orm, { period, scope: EVERY_UNIT, unit, indicator: id });
        expect([list.total, list.counted], `${unit} ${id}`).toEqual([
          ind(unit, id).denominator,
          ind(unit, id).numerator,
        ]);
      }
      for (const id of FEEDBACK_INDICATORS) {
        const list = await listFeedback766(db.orm, { period, scope: EVERY_UNIT, unit, indicator: id });
        expect([list.total, list.counted], `${unit} ${id}`).toEqual([
          ind(unit, id).denominator,
          ind(unit, id).numerator,
        ]);
      }
    }
  });
  it("gives the dates a procedure or a PAKN was held to", async () => {
    // P2: announced 12/3 for 16/3, due by 9/3; to be made public by 19/3.
    const late = await listProcedures766(db.orm, {
      period,
      scope: EVERY_UNIT,
      unit: "S",
      indicator: "1.1",
      missedOnly: true,
    });
    expect(late.items).toMatchObject([
      {
        code: "P2",
        announcedOn: "2026-03-12",
        effectiveOn: "2026-03-16",
        announceBy: "2026-03-09",
        publishBy: "2026-03-19",
      },
    ]);
    // PA3: received 2/3, handled 25/3 after its 15th working day (23/3).
    const pakn = await listFeedback766(db.orm, {
      period,
      scope: EVERY_UNIT,
      unit: "X",
      indicator: "5.2",
      missedOnly: true,
    });
    expect(pakn.items).toMatchObject([{ code: "PA3", onTime: false, handledOn: "2026-03-25", due: "2026-03-23" }]);
  });
});

describe("METHOD-766 §1.4 and §3: a dossier submitted in the period but not yet received", () => {
  it("counts in group 3 (NgayNopHoSo stands in for NgayTiepNhan) but not in 1.4's synced count (METHOD §Đ.1)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tthc-766b-"));
    const hoso = JSON.parse(FILES["hoso.json"]);
    hoso.data.push({
      MaHoSo: "X-3",
      MaDonVi: "X",
      MaTTHC: "P4",
      KenhThucHien: "2",
      TrangThaiHoSo: "2",
      NgayNopHoSo: "20260320090000",
      LoaiDoiTuong: "1",
    });
    for (const [name, text] of Object.entries({ ...FILES, "hoso.json": JSON.stringify(hoso) }))
      fs.writeFileSync(path.join(dir, name), text);
    const other = await testDatabase();
    try {
      await loadDataFolder(other, readDataFolder(dir));
      const x = unitIndex(
        (await computeScorecard(other.orm, { period, by: "agency", scope: EVERY_UNIT, profile: "766" })).rows.find(
          (r) => r.key === "X",
        )!.index766,
      )!;
      // 3.3: 3 dossiers received or submitted; online only X-1 (X-2 and X-3 are of P4, a paper
      // result, and neither is finished with an electronic one).
      expect(x.groups["3"].indicators["3.3"]).toMatchObject({ numerator: 1, denominator: 3 });
      // 1.4: still the 2 with NgayTiepNhan in the period, of X's 4 (its prior year's share).
      expect(x.groups["1"].indicators["1.4"]).toMatchObject({ numerator: 2, denominator: 4 });
    } finally {
      await other.close();
    }
  });
});
