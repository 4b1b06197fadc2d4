/**
 * DATA.md §2 reference files (donvi, thutuc, thamquyen, lich, pakn, baocao): one
 * zod schema per kind turning a row of strings into a typed row, with bilingual
 * errors naming the column.
 */
import { z } from "zod";
import type { AuthorityRow, FeedbackRow, ProcedureRow, ReportRow, UnitRow } from "@/lib/store/writes";
import type { CalendarException } from "@/lib/method/calendar";
import { DEADLINE_UNITS_BY_LABEL } from "@/lib/method/ontime";
import { onlineLevelOf } from "@/lib/method/online";
import { isLocalDate, parseInstant } from "@/lib/method/time";
import { msg } from "./errors";

const req = (col: string) => z.string().min(1, msg(`${col} trống`, `${col} is empty`));
const opt = z.string().transform((s) => (s === "" ? null : s));
const flag = (col: string) =>
  z.enum(["0", "1", ""], { error: msg(`${col} phải là 0 hoặc 1`, `${col} must be 0 or 1`) }).transform((s) => s === "1");
const day = (col: string) => z.string().refine(isLocalDate, msg(`${col} phải là ngày yyyy-MM-dd`, `${col} must be a date yyyy-MM-dd`));

const donvi = z.object({
  MaDonVi: req("MaDonVi"), TenDonVi: req("TenDonVi"),
  LoaiDonVi: z.enum(["tinh", "so_nganh", "huyen", "xa"], { error: msg("LoaiDonVi phải là tinh, so_nganh, huyen hoặc xa", "LoaiDonVi must be tinh, so_nganh, huyen or xa") }),
  MaDonViCha: opt, MaDiaBan: opt,
}).transform((r): UnitRow => ({ code: r.MaDonVi, name: r.TenDonVi, kind: r.LoaiDonVi, parentCode: r.MaDonViCha, areaCode: r.MaDiaBan }));

const thutuc = z.object({
  MaTTHC: req("MaTTHC"), TenTTHC: req("TenTTHC"), MaLinhVuc: opt, TenLinhVuc: opt,
  ThoiHan: z.string().refine((s) => s === "" || (Number.isFinite(Number(s.replace(",", "."))) && Number(s.replace(",", ".")) >= 0),
    msg("ThoiHan phải là số ≥ 0 hoặc để trống", "ThoiHan must be a number ≥ 0 or empty")),
  DonViTinh: z.string().refine((s) => s === "" || s.toLowerCase() in DEADLINE_UNITS_BY_LABEL,
    msg("DonViTinh phải là Giờ, Ngày làm việc, Ngày, Tháng hoặc Năm", "DonViTinh must be Giờ, Ngày làm việc, Ngày, Tháng or Năm")),
  CoPhiLePhi: flag("CoPhiLePhi"),
}).superRefine((r, ctx) => {
  if (r.ThoiHan !== "" && r.DonViTinh === "") ctx.addIssue({ code: "custom", path: ["DonViTinh"], message: msg("Có ThoiHan nhưng thiếu DonViTinh", "ThoiHan given without DonViTinh") });
}).transform((r): ProcedureRow => {
  const value = r.ThoiHan === "" ? null : Number(r.ThoiHan.replace(",", "."));
  return {
    code: r.MaTTHC, name: r.TenTTHC, fieldCode: r.MaLinhVuc, fieldName: r.TenLinhVuc, deadlineValue: value,
    deadlineUnit: value === null ? null : DEADLINE_UNITS_BY_LABEL[r.DonViTinh.toLowerCase()], hasFee: r.CoPhiLePhi,
  };
});

const thamquyen = z.object({
  MaDonVi: req("MaDonVi"), MaTTHC: req("MaTTHC"),
  MucDo: z.string().refine((s) => s === "" || onlineLevelOf(s) !== null, msg("MucDo phải là 4, 3, toàn trình, một phần hoặc để trống", "MucDo must be 4, 3, toàn trình, một phần or empty")),
  TichHopThanhToan: flag("TichHopThanhToan"),
}).transform((r): AuthorityRow => ({ unitCode: r.MaDonVi, procedureCode: r.MaTTHC, onlineLevel: onlineLevelOf(r.MucDo), paymentIntegrated: r.TichHopThanhToan }));

const lich = z.object({
  Ngay: day("Ngay"),
  Loai: z.enum(["nghi", "lam_bu"], { error: msg("Loai phải là nghi hoặc lam_bu", "Loai must be nghi or lam_bu") }),
  Ten: z.string(),
}).transform((r): CalendarException => ({ day: r.Ngay, kind: r.Loai === "nghi" ? "off" : "makeup", name: r.Ten, source: null }));

const instant = (col: string) => z.string().transform((s, ctx) => {
  const d = parseInstant(s);
  if (!d) {
    ctx.addIssue({ code: "custom", message: msg(`${col} phải là ngày giờ (yyyyMMddHHmmss, yyyy-MM-dd hoặc ISO 8601)`, `${col} must be a date-time (yyyyMMddHHmmss, yyyy-MM-dd or ISO 8601)`) });
    return z.NEVER;
  }
  return d;
});

const pakn = z.object({
  MaPAKN: req("MaPAKN"), NgayTiepNhan: instant("NgayTiepNhan"),
  PhanLoai: z.enum(["1", "2"], { error: msg("PhanLoai phải là 1 hoặc 2", "PhanLoai must be 1 or 2") }),
  MaDonVi: req("MaDonVi"), Nganh: opt, LinhVuc: opt,
}).transform((r): FeedbackRow => ({ code: r.MaPAKN, receivedAt: r.NgayTiepNhan, kind: Number(r.PhanLoai), unitCode: r.MaDonVi, sector: r.Nganh, field: r.LinhVuc }));

const baocao = z.object({
  MaDonVi: req("MaDonVi"), TuNgay: day("TuNgay"), DenNgay: day("DenNgay"),
  Nguon: z.enum(["bcqg", "thongke"], { error: msg("Nguon phải là bcqg hoặc thongke", "Nguon must be bcqg or thongke") }),
  SoHoSoTiepNhan: z.string().regex(/^\d+$/, msg("SoHoSoTiepNhan phải là số nguyên ≥ 0", "SoHoSoTiepNhan must be a whole number ≥ 0")),
}).refine((r) => r.TuNgay <= r.DenNgay, { path: ["DenNgay"], message: msg("DenNgay trước TuNgay", "DenNgay is before TuNgay") })
  .transform((r): ReportRow => ({ unitCode: r.MaDonVi, fromDay: r.TuNgay, toDay: r.DenNgay, source: r.Nguon, received: Number(r.SoHoSoTiepNhan) }));

export const REFERENCE_KINDS = {
  donvi: { schema: donvi, columns: ["MaDonVi", "TenDonVi", "LoaiDonVi", "MaDonViCha", "MaDiaBan"] },
  thutuc: { schema: thutuc, columns: ["MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "ThoiHan", "DonViTinh", "CoPhiLePhi"] },
  thamquyen: { schema: thamquyen, columns: ["MaDonVi", "MaTTHC", "MucDo", "TichHopThanhToan"] },
  lich: { schema: lich, columns: ["Ngay", "Loai", "Ten"] },
  pakn: { schema: pakn, columns: ["MaPAKN", "NgayTiepNhan", "PhanLoai", "MaDonVi", "Nganh", "LinhVuc"] },
  baocao: { schema: baocao, columns: ["MaDonVi", "TuNgay", "DenNgay", "Nguon", "SoHoSoTiepNhan"] },
} as const;
export type ReferenceKind = keyof typeof REFERENCE_KINDS;
export type ReferenceRow<K extends ReferenceKind> = z.output<(typeof REFERENCE_KINDS)[K]["schema"]>;
