/**
 * The sync's hot path: a `DongBoHoSoMC` record checked by hand, field by field, with the
 * rules of `dossierSchema` (dvcqg.ts). It answers only "valid, and here is what the
 * schema would have made of it" or "not sure" (null): a record it does not accept goes
 * through the schema, which names every error. So a valid record costs no error tree
 * and no closure per field, and the messages stay in one place.
 * tests/ingest/fast.test.ts holds both to the same output on valid and invalid records.
 */
import { isStatusCode } from "@/lib/method/status";
import { parseInstant } from "@/lib/method/time";
import { longerThan } from "@/lib/json-schema";
import { RECORD_LIMITS } from "./bounds";
import type { DossierInput } from "./dvcqg";

/** A thrown value that means "not sure: ask the schema". */
const UNSURE = Symbol("unsure");
const unsure = (): never => {
  throw UNSURE;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `scalar`: a string or number, trimmed. */
function scalar(v: unknown): string {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v).trim();
  return unsure();
}

/** `text(max)`: optional text, "" → null, longer than `max` → unsure. */
function text(v: unknown, max: number): string | null {
  if (v === undefined || v === null) return null;
  const s = scalar(v);
  if (longerThan(s, max)) unsure();
  return s === "" ? null : s;
}

function code(v: unknown, allowed: readonly string[]): string | null {
  if (v === undefined || v === null) return null;
  const s = scalar(v);
  if (s === "") return null;
  return allowed.includes(s) ? s : unsure();
}

function status(v: unknown): number {
  const s = scalar(v);
  const n = Number(s);
  return s !== "" && isStatusCode(n) ? n : unsure();
}

function instant(v: unknown): Date | null {
  if (v !== undefined && v !== null && typeof v !== "string") unsure();
  const d = parseInstant((v as string | null | undefined) ?? null);
  return d === undefined ? unsure() : d;
}

function list(v: unknown, max: number): unknown[] | null | undefined {
  if (v === undefined || v === null) return v;
  if (!Array.isArray(v) || v.length > max) unsure();
  return v as unknown[];
}

function mahoso(v: unknown): string {
  const s = scalar(v);
  return s.length >= 1 && !longerThan(s, 100) ? s : unsure();
}

function feeLine(v: unknown) {
  if (!isObject(v)) unsure();
  const g = (v as Record<string, unknown>).Gia;
  let n = 0;
  if (g !== undefined) {
    if (typeof g !== "string" && typeof g !== "number") unsure();
    const s = String(g).trim();
    n = s === "" ? 0 : Number(s);
    if (!Number.isFinite(n) || n < 0) unsure();
  }
  return Object.assign({}, v, { Gia: n });
}

function step(v: unknown) {
  if (!isObject(v)) unsure();
  const s = v as Record<string, unknown>;
  const at = instant(s.ThoiDiemXuLy);
  if (at === null) unsure();
  // Fields assigned onto a copy (a spread of conditional parts was the slowest line here).
  const out: Record<string, unknown> = Object.assign({}, s);
  // Optional without a default: an absent MaHoSo stays absent, as the schema leaves it.
  if (s.MaHoSo !== undefined) out.MaHoSo = scalar(s.MaHoSo);
  out.TrangThai = status(s.TrangThai);
  out.ThoiDiemXuLy = at;
  out.NguoiXuLy = text(s.NguoiXuLy, 200);
  out.ChucDanh = text(s.ChucDanh, 200);
  out.PhongBanXuLy = text(s.PhongBanXuLy, 300);
  out.NoiDungXuLy = text(s.NoiDungXuLy, 2000);
  out.NgayBatDau = instant(s.NgayBatDau);
  out.NgayKetThucTheoQuyDinh = instant(s.NgayKetThucTheoQuyDinh);
  return out;
}

const INSTANTS = [
  "NgayNopHoSo",
  "NgayTiepNhan",
  "NgayHenTra",
  "NgayTra",
  "NgayKetThucXuLy",
  "NgayTuChoi",
  "ThoiDiemDongBo",
];

/** The record as `dossierSchema.parse` would give it, or null when the schema must judge. */
export function quickDossier(raw: Record<string, unknown>): DossierInput | null {
  try {
    const r = raw;
    const fees = list(r.DanhSachLePhi, RECORD_LIMITS.feeLines);
    const steps = list(r.QuaTrinhXuLy, RECORD_LIMITS.steps);
    const out: Record<string, unknown> = Object.assign({}, r);
    out.MaHoSo = mahoso(r.MaHoSo);
    out.MaTTHC = text(r.MaTTHC, 50);
    out.MaDonVi = text(r.MaDonVi, 50);
    out.KenhThucHien = code(r.KenhThucHien, ["1", "2", "3"]);
    out.NguonNop = code(r.NguonNop, ["DVCQG", "DIAPHUONG"]);
    out.TrangThaiHoSo = status(r.TrangThaiHoSo);
    for (const f of INSTANTS) out[f] = instant(r[f]);
    out.DuocThanhToanTrucTuyen = code(r.DuocThanhToanTrucTuyen, ["0", "1", "2", "3"]);
    out.DanhSachLePhi = fees && fees.map(feeLine);
    out.QuaTrinhXuLy = steps && steps.map(step);
    return out as DossierInput;
  } catch (e) {
    if (e === UNSURE) return null;
    throw e;
  }
}
