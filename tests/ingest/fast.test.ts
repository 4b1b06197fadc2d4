/**
 * DATA.md §1: the hand check of the sync's hot path (lib/ingest/fast.ts) never accepts
 * what the schema refuses, and gives exactly what the schema gives for what it accepts —
 * on thousands of records mutated from a valid one (wrong types, blanks, padding, long
 * text, bad codes, dates and fee lines, steps without a time, extra fields).
 */
import { describe, expect, it } from "vitest";
import { quickDossier } from "@/lib/ingest/fast";
import { dossierSchema } from "@/lib/ingest/dvcqg";
import { prng } from "@/lib/demo/generate";

const base = () => ({
  MaHoSo: "H56.20261120.0000001",
  MaTTHC: "1.001234",
  MaDonVi: "000.00.01.H56",
  KenhThucHien: "2",
  NguonNop: "DVCQG",
  TrangThaiHoSo: "9",
  NgayNopHoSo: "20261119150000",
  NgayTiepNhan: "20261120090000",
  NgayHenTra: "",
  NgayTra: "",
  NgayKetThucXuLy: "",
  NgayTuChoi: "",
  DuocThanhToanTrucTuyen: "1",
  ChuHoSo: "Nguyễn Văn A",
  ThoiDiemDongBo: "2026-11-20T09:05:00+07:00",
  DanhSachLePhi: [{ TenPhiLePhi: "Lệ phí", MaPhiLePhi: "LP", Gia: "50000" }] as unknown[],
  QuaTrinhXuLy: [
    { TrangThai: "2", ThoiDiemXuLy: "20261120090000", NguoiXuLy: "Cán bộ", NoiDungXuLy: "Tiếp nhận" },
    { MaHoSo: "H56.20261120.0000001", TrangThai: 9, ThoiDiemXuLy: "20261121100000", PhongBanXuLy: "Phòng A" },
  ] as unknown[],
});

const VALUES: unknown[] = [
  undefined,
  null,
  "",
  "  ",
  0,
  1,
  2,
  3,
  11,
  -1,
  1.5,
  "1",
  " 2 ",
  "3",
  "0",
  "abc",
  "DVCQG",
  "DIAPHUONG",
  "dvcqg",
  true,
  {},
  [],
  "20261120090000",
  "2026-11-20T09:00:00+07:00",
  "20261340090000",
  "18991231000000",
  "x".repeat(51),
  "y".repeat(201),
  "z".repeat(2001),
  "Ж",
  1e21,
  "50000",
  "-5",
  " 7 ",
  "1e3",
  "NaN",
];
const FIELDS = [
  "MaHoSo",
  "MaTTHC",
  "MaDonVi",
  "KenhThucHien",
  "NguonNop",
  "TrangThaiHoSo",
  "NgayNopHoSo",
  "NgayTiepNhan",
  "NgayHenTra",
  "NgayTra",
  "NgayKetThucXuLy",
  "NgayTuChoi",
  "ThoiDiemDongBo",
  "DuocThanhToanTrucTuyen",
  "DanhSachLePhi",
  "QuaTrinhXuLy",
  "Khac",
];
const STEP_FIELDS = [
  "MaHoSo",
  "TrangThai",
  "ThoiDiemXuLy",
  "NguoiXuLy",
  "ChucDanh",
  "PhongBanXuLy",
  "NoiDungXuLy",
  "NgayBatDau",
  "NgayKetThucTheoQuyDinh",
];

describe("DATA.md §1: the sync's hand check agrees with the schema", () => {
  it("accepts only what the schema accepts, and yields what the schema yields", () => {
    const rng = prng(7);
    // A fresh copy: a picked {} or [] is mutated later.
    const value = () => structuredClone(rng.pick(VALUES));
    let fast = 0;
    for (let i = 0; i < 5000; i++) {
      const r: Record<string, unknown> = base();
      for (let m = rng.int(0, 3); m > 0; m--) {
        const where = rng.next();
        if (where < 0.6) r[rng.pick(FIELDS)] = value();
        else if (where < 0.8 && Array.isArray(r.QuaTrinhXuLy) && r.QuaTrinhXuLy.length) {
          (r.QuaTrinhXuLy[rng.int(0, r.QuaTrinhXuLy.length - 1)] as Record<string, unknown>)[rng.pick(STEP_FIELDS)] =
            value();
        } else if (Array.isArray(r.DanhSachLePhi)) {
          r.DanhSachLePhi.push(rng.chance(0.8) ? { Gia: value() } : value());
        }
      }
      const quick = quickDossier(structuredClone(r));
      const schema = dossierSchema.safeParse(structuredClone(r));
      if (quick === null) continue;
      fast++;
      expect(schema.success, JSON.stringify(r)).toBe(true);
      expect(quick, JSON.stringify(r)).toStrictEqual(schema.data);
    }
    // Most records stay valid after a few mutations: the hand check must take them.
    expect(fast).toBeGreaterThan(1000);
  });

  it("takes the unmutated record, and leaves to the schema every record it refuses", () => {
    expect(quickDossier(base())).not.toBeNull();
    for (const bad of [
      { ...base(), TrangThaiHoSo: "11" },
      { ...base(), NgayTiepNhan: "2026" },
      { ...base(), MaHoSo: "" },
    ]) {
      expect(dossierSchema.safeParse(bad).success).toBe(false);
      expect(quickDossier(bad)).toBeNull();
    }
  });
});
