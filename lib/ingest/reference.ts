/**
 * DATA.md §2 reference files (donvi, thutuc, thamquyen, lich, pakn, baocao): one
 * zod schema per kind turning a row of strings into a typed row, with bilingual
 * errors naming the column.
 */
import { z } from "zod";
import type { AuthorityRow, FeedbackRow, ProcedureRow, ReportRow, UnitRow } from "@/lib/store/writes";
import type { CalendarException } from "@/lib/method/calendar";
import { DEADLINE_UNITS_BY_LABEL, MAX_DEADLINE } from "@/lib/method/ontime";
import { onlineLevelOf } from "@/lib/method/online";
import { isLocalDate, parseInstant } from "@/lib/method/time";
import { fieldErrors, msg, type FieldError } from "./errors";

/** Any cell longer than this is a broken file, not a name or a code. */
const MAX_CELL = 500;
const tooLong = msg(`Quá dài (tối đa ${MAX_CELL} ký tự)`, `Too long (max ${MAX_CELL} characters)`);
const req = (col: string) =>
  z
    .string()
    .min(1, msg(`${col} trống`, `${col} is empty`))
    .max(MAX_CELL, tooLong);
const opt = z
  .string()
  .max(MAX_CELL, tooLong)
  .transform((s) => (s === "" ? null : s));
const flag = (col: string) =>
  z
    .enum(["0", "1", ""], { error: msg(`${col} phải là 0 hoặc 1`, `${col} must be 0 or 1`) })
    .transform((s) => s === "1");
const day = (col: string) =>
  z.string().refine(isLocalDate, msg(`${col} phải là ngày yyyy-MM-dd`, `${col} must be a date yyyy-MM-dd`));

/**
 * METHOD-766 §6's optional columns: absent from the header is not the same as empty
 * (an absent column makes its indicators N/A), so a row keeps a key per column present,
 * null for an empty cell.
 */
const optional766 = {
  day: (col: string) =>
    z
      .string()
      .optional()
      .refine(
        (s) => !s || isLocalDate(s),
        msg(`${col} phải là ngày yyyy-MM-dd hoặc để trống`, `${col} must be a date yyyy-MM-dd or empty`),
      ),
  flag: (col: string) =>
    z
      .enum(["0", "1", ""], { error: msg(`${col} phải là 0, 1 hoặc để trống`, `${col} must be 0, 1 or empty`) })
      .optional(),
  count: (col: string) =>
    z
      .string()
      .regex(
        /^\d{0,9}$/,
        msg(`${col} phải là số nguyên ≥ 0 hoặc để trống`, `${col} must be a whole number ≥ 0 or empty`),
      )
      .optional(),
  code: z.string().max(MAX_CELL, tooLong).optional(),
};
function present766<C extends string>(
  r: Partial<Record<C, string>>,
  columns: readonly C[],
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const c of columns) if (r[c] !== undefined) out[c] = r[c] === "" ? null : (r[c] as string);
  return out;
}
export const CATALOGUE_766 = ["NgayHieuLuc", "NgayCongBo", "NgayCongKhai", "DayDuBoPhan", "KetQuaGiay"] as const;
export const PAKN_766 = ["NgayXuLyXong", "SoThich", "SoKhongThich", "KhieuNaiLai", "MaHoSo"] as const;

/** The §6 optional columns a file's header carries. */
export const carriedColumns = (kind: "thutuc" | "pakn", header: readonly string[]): string[] =>
  (kind === "thutuc" ? CATALOGUE_766 : PAKN_766).filter((c) => header.includes(c));

const donvi = z
  .object({
    MaDonVi: req("MaDonVi"),
    TenDonVi: req("TenDonVi"),
    LoaiDonVi: z.enum(["tinh", "so_nganh", "huyen", "xa"], {
      error: msg("LoaiDonVi phải là tinh, so_nganh, huyen hoặc xa", "LoaiDonVi must be tinh, so_nganh, huyen or xa"),
    }),
    MaDonViCha: opt,
    MaDiaBan: opt,
  })
  .transform((r): UnitRow => ({
    code: r.MaDonVi,
    name: r.TenDonVi,
    kind: r.LoaiDonVi,
    parentCode: r.MaDonViCha,
    areaCode: r.MaDiaBan,
  }));

const thutuc = z
  .object({
    MaTTHC: req("MaTTHC"),
    TenTTHC: req("TenTTHC"),
    MaLinhVuc: opt,
    TenLinhVuc: opt,
    ThoiHan: z
      .string()
      .refine(
        (s) => s === "" || (Number.isFinite(Number(s.replace(",", "."))) && Number(s.replace(",", ".")) >= 0),
        msg("ThoiHan phải là số ≥ 0 hoặc để trống", "ThoiHan must be a number ≥ 0 or empty"),
      ),
    DonViTinh: z
      .string()
      .refine(
        (s) => s === "" || Object.hasOwn(DEADLINE_UNITS_BY_LABEL, s.toLowerCase()),
        msg(
          "DonViTinh phải là Giờ, Ngày làm việc, Ngày, Tháng hoặc Năm",
          "DonViTinh must be Giờ, Ngày làm việc, Ngày, Tháng or Năm",
        ),
      ),
    CoPhiLePhi: flag("CoPhiLePhi"),
    NgayHieuLuc: optional766.day("NgayHieuLuc"),
    NgayCongBo: optional766.day("NgayCongBo"),
    NgayCongKhai: optional766.day("NgayCongKhai"),
    DayDuBoPhan: optional766.flag("DayDuBoPhan"),
    KetQuaGiay: optional766.flag("KetQuaGiay"),
  })
  .superRefine((r, ctx) => {
    if (r.ThoiHan !== "" && r.DonViTinh === "")
      ctx.addIssue({
        code: "custom",
        path: ["DonViTinh"],
        message: msg("Có ThoiHan nhưng thiếu DonViTinh", "ThoiHan given without DonViTinh"),
      });
    const unit = DEADLINE_UNITS_BY_LABEL[r.DonViTinh.toLowerCase()];
    if (r.ThoiHan !== "" && unit && Number(r.ThoiHan.replace(",", ".")) > MAX_DEADLINE[unit]) {
      ctx.addIssue({
        code: "custom",
        path: ["ThoiHan"],
        message: msg(
          `ThoiHan quá lớn (tối đa ${MAX_DEADLINE[unit]} ${r.DonViTinh})`,
          `ThoiHan too large (max ${MAX_DEADLINE[unit]} ${r.DonViTinh})`,
        ),
      });
    }
  })
  .transform((r): ProcedureRow => {
    const value = r.ThoiHan === "" ? null : Number(r.ThoiHan.replace(",", "."));
    return {
      code: r.MaTTHC,
      name: r.TenTTHC,
      fieldCode: r.MaLinhVuc,
      fieldName: r.TenLinhVuc,
      deadlineValue: value,
      deadlineUnit: value === null ? null : DEADLINE_UNITS_BY_LABEL[r.DonViTinh.toLowerCase()],
      hasFee: r.CoPhiLePhi,
      i766: present766(r, CATALOGUE_766),
    };
  });

const thamquyen = z
  .object({
    MaDonVi: req("MaDonVi"),
    MaTTHC: req("MaTTHC"),
    MucDo: z
      .string()
      .refine(
        (s) => s === "" || onlineLevelOf(s) !== null,
        msg(
          "MucDo phải là 4, 3, toàn trình, một phần hoặc để trống",
          "MucDo must be 4, 3, toàn trình, một phần or empty",
        ),
      ),
    TichHopThanhToan: flag("TichHopThanhToan"),
  })
  .transform((r): AuthorityRow => ({
    unitCode: r.MaDonVi,
    procedureCode: r.MaTTHC,
    onlineLevel: onlineLevelOf(r.MucDo),
    paymentIntegrated: r.TichHopThanhToan,
  }));

const lich = z
  .object({
    Ngay: day("Ngay"),
    Loai: z.enum(["nghi", "lam_bu"], { error: msg("Loai phải là nghi hoặc lam_bu", "Loai must be nghi or lam_bu") }),
    Ten: z.string(),
  })
  .transform((r): CalendarException => ({
    day: r.Ngay,
    kind: r.Loai === "nghi" ? "off" : "makeup",
    name: r.Ten,
    source: null,
  }));

const instant = (col: string) =>
  z.string().transform((s, ctx) => {
    const d = parseInstant(s);
    if (!d) {
      ctx.addIssue({
        code: "custom",
        message: msg(
          `${col} phải là ngày giờ (yyyyMMddHHmmss, yyyy-MM-dd hoặc ISO 8601)`,
          `${col} must be a date-time (yyyyMMddHHmmss, yyyy-MM-dd or ISO 8601)`,
        ),
      });
      return z.NEVER;
    }
    return d;
  });

const pakn = z
  .object({
    MaPAKN: req("MaPAKN"),
    NgayTiepNhan: instant("NgayTiepNhan"),
    PhanLoai: z.enum(["1", "2"], { error: msg("PhanLoai phải là 1 hoặc 2", "PhanLoai must be 1 or 2") }),
    MaDonVi: req("MaDonVi"),
    Nganh: opt,
    LinhVuc: opt,
    NgayXuLyXong: optional766.day("NgayXuLyXong"),
    SoThich: optional766.count("SoThich"),
    SoKhongThich: optional766.count("SoKhongThich"),
    KhieuNaiLai: optional766.flag("KhieuNaiLai"),
    MaHoSo: optional766.code,
  })
  .transform((r): FeedbackRow => ({
    code: r.MaPAKN,
    receivedAt: r.NgayTiepNhan,
    kind: Number(r.PhanLoai),
    unitCode: r.MaDonVi,
    sector: r.Nganh,
    field: r.LinhVuc,
    i766: present766(r, PAKN_766),
  }));

const baocao = z
  .object({
    MaDonVi: req("MaDonVi"),
    TuNgay: day("TuNgay"),
    DenNgay: day("DenNgay"),
    Nguon: z.enum(["bcqg", "thongke"], {
      error: msg("Nguon phải là bcqg hoặc thongke", "Nguon must be bcqg or thongke"),
    }),
    SoHoSoTiepNhan: z
      .string()
      .regex(/^\d+$/, msg("SoHoSoTiepNhan phải là số nguyên ≥ 0", "SoHoSoTiepNhan must be a whole number ≥ 0")),
  })
  .refine((r) => r.TuNgay <= r.DenNgay, {
    path: ["DenNgay"],
    message: msg("DenNgay trước TuNgay", "DenNgay is before TuNgay"),
  })
  .transform((r): ReportRow => ({
    unitCode: r.MaDonVi,
    fromDay: r.TuNgay,
    toDay: r.DenNgay,
    source: r.Nguon,
    received: Number(r.SoHoSoTiepNhan),
  }));

/**
 * Each kind's file: its schema and columns, the key a row is identified by, and how a
 * key repeated within one file resolves (DATA.md §2 "Codes and keys"): the later line
 * replaces the earlier, except in thamquyen.csv where the lines of one (agency,
 * procedure) merge — the higher MucDo counts (METHOD §B.1) and TichHopThanhToan is 1
 * if any line says 1.
 */
interface KindSpec<Row> {
  schema: z.ZodType<Row, Record<string, string>>;
  columns: readonly string[];
  /** Columns a file may carry (METHOD-766 §6): absent is not an error. */
  optional?: readonly string[];
  key: (r: Row) => string;
  merge?: (earlier: Row, later: Row) => Row;
  /** The codes a row names that must exist: field, code, and what it must name. */
  codes: (r: Row) => Array<{ field: string; code: string | null; must: CodeKind }>;
}
export type CodeKind = "unit" | "area" | "procedure";

const spec = <Row>(s: KindSpec<Row>) => s;

export const REFERENCE_KINDS = {
  donvi: spec<UnitRow>({
    schema: donvi,
    columns: ["MaDonVi", "TenDonVi", "LoaiDonVi", "MaDonViCha", "MaDiaBan"],
    key: (r) => r.code,
    codes: (r) => [
      { field: "MaDonViCha", code: r.parentCode, must: "unit" },
      { field: "MaDiaBan", code: r.areaCode, must: "area" },
    ],
  }),
  thutuc: spec<ProcedureRow>({
    schema: thutuc,
    columns: ["MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "ThoiHan", "DonViTinh", "CoPhiLePhi"],
    optional: CATALOGUE_766,
    key: (r) => r.code,
    codes: () => [],
  }),
  thamquyen: spec<AuthorityRow>({
    schema: thamquyen,
    columns: ["MaDonVi", "MaTTHC", "MucDo", "TichHopThanhToan"],
    key: (r) => `${r.unitCode}|${r.procedureCode}`,
    merge: (a, b) => ({
      ...b,
      onlineLevel: (Math.max(a.onlineLevel ?? 0, b.onlineLevel ?? 0) as 3 | 4) || null,
      paymentIntegrated: a.paymentIntegrated || b.paymentIntegrated,
    }),
    codes: (r) => [
      { field: "MaDonVi", code: r.unitCode, must: "unit" },
      { field: "MaTTHC", code: r.procedureCode, must: "procedure" },
    ],
  }),
  lich: spec<CalendarException>({ schema: lich, columns: ["Ngay", "Loai", "Ten"], key: (r) => r.day, codes: () => [] }),
  pakn: spec<FeedbackRow>({
    schema: pakn,
    columns: ["MaPAKN", "NgayTiepNhan", "PhanLoai", "MaDonVi", "Nganh", "LinhVuc"],
    optional: PAKN_766,
    key: (r) => r.code,
    codes: (r) => [{ field: "MaDonVi", code: r.unitCode, must: "unit" }],
  }),
  baocao: spec<ReportRow>({
    schema: baocao,
    columns: ["MaDonVi", "TuNgay", "DenNgay", "Nguon", "SoHoSoTiepNhan"],
    key: (r) => `${r.unitCode}|${r.fromDay}|${r.toDay}|${r.source}`,
    codes: (r) => [{ field: "MaDonVi", code: r.unitCode, must: "unit" }],
  }),
};
export type ReferenceKind = keyof typeof REFERENCE_KINDS;
export type ReferenceRow<K extends ReferenceKind> = (typeof REFERENCE_KINDS)[K] extends KindSpec<infer R> ? R : never;
export const isReferenceKind = (k: string): k is ReferenceKind => Object.hasOwn(REFERENCE_KINDS, k);

export interface RowError extends FieldError {
  line: number;
}
/** A key met again in the same file, and what became of it. */
export interface Repeat {
  line: number;
  earlierLine: number;
  key: string;
  rule: "replaced" | "merged";
}

/**
 * A file's rows (strings, by line) → valid typed rows, one per key, with every row
 * error and every repeat. Pure: the codes the rows name are checked by `unknownCodes`.
 */
export function readReference<K extends ReferenceKind>(
  kind: K,
  table: Array<{ line: number; row: Record<string, string> }>,
) {
  const s = REFERENCE_KINDS[kind] as unknown as KindSpec<ReferenceRow<K>>;
  const errors: RowError[] = [];
  const repeats: Repeat[] = [];
  const byKey = new Map<string, { line: number; value: ReferenceRow<K> }>();
  for (const { line, row } of table) {
    const r = s.schema.safeParse(row);
    if (!r.success) {
      for (const e of fieldErrors(r.error, row)) errors.push({ line, ...e });
      continue;
    }
    const key = s.key(r.data);
    const earlier = byKey.get(key);
    if (earlier) repeats.push({ line, earlierLine: earlier.line, key, rule: s.merge ? "merged" : "replaced" });
    // The entry keeps its first position; its line becomes the later one's, which now decides it.
    byKey.set(key, { line, value: earlier && s.merge ? s.merge(earlier.value, r.data) : r.data });
  }
  return { rows: [...byKey.values()], errors, repeats };
}

/** Every code the rows name, by what it must name (to look up in one query each). */
export function namedCodes<K extends ReferenceKind>(kind: K, rows: Array<{ value: ReferenceRow<K> }>) {
  const s = REFERENCE_KINDS[kind] as unknown as KindSpec<ReferenceRow<K>>;
  const out: Record<CodeKind, Set<string>> = { unit: new Set(), area: new Set(), procedure: new Set() };
  for (const r of rows) for (const c of s.codes(r.value)) if (c.code) out[c.must].add(c.code);
  return out;
}

/** What the portal (or the data folder) knows: unit codes with their kinds, procedure codes. */
export interface KnownCodes {
  units: Map<string, string>;
  procedures: Set<string>;
}

const AREA_UNIT_KINDS = new Set(["tinh", "huyen", "xa"]);

/**
 * DATA.md §2: a MaDiaBan, MaDonViCha, MaDonVi or MaTTHC that names no known unit or
 * procedure is an error naming the line and the field (a donvi file's own units count
 * as known). A MaDiaBan must name an area unit (tinh, huyen, xa).
 */
export function unknownCodes<K extends ReferenceKind>(
  kind: K,
  rows: Array<{ line: number; value: ReferenceRow<K> }>,
  known: KnownCodes,
): RowError[] {
  const s = REFERENCE_KINDS[kind] as unknown as KindSpec<ReferenceRow<K>>;
  const errors: RowError[] = [];
  for (const { line, value } of rows) {
    for (const { field, code, must } of s.codes(value)) {
      if (!code) continue;
      if (must === "procedure") {
        if (!known.procedures.has(code))
          errors.push({
            line,
            field,
            vi: `Mã TTHC không có trong danh mục: "${code}"`,
            en: `Procedure code not in the catalogue: "${code}"`,
          });
        continue;
      }
      const unitKind = known.units.get(code);
      if (unitKind === undefined)
        errors.push({ line, field, vi: `Mã đơn vị không tồn tại: "${code}"`, en: `Unknown unit code: "${code}"` });
      else if (must === "area" && !AREA_UNIT_KINDS.has(unitKind)) {
        errors.push({
          line,
          field,
          vi: `"${code}" không phải đơn vị hành chính (tinh, huyen, xa)`,
          en: `"${code}" is not an administrative area (tinh, huyen, xa)`,
        });
      }
    }
  }
  return errors;
}
