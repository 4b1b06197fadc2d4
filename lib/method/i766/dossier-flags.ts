/**
 * METHOD-766 §6: what a dossier's record says for groups 4 and 5 — the flags read from
 * the fields as received (numbers or strings alike, "1" = 1). Kept on the dossier as one
 * small integer (`record766`), bit by bit; the SQL reading the raw record
 * (lib/engine/verdict766-sql.ts `rawFlags766`) is held to this by a test.
 */
export const RECORD_FLAGS = {
  /** Some DanhSachGiayToKetQua[] entry with a non-empty DuongDanTepTinKetQua. */
  eresult: 1,
  /** HoSoCoThanhPhanSoHoa = 1, or some TaiLieuNop[] with DuocSoHoa = 1. */
  digitised: 2,
  /** Some TaiLieuNop[] with DuocTaiSuDung = 1 or DuocLayTuKhoDMQG = 1. */
  reused: 4,
  /** Some TaiLieuNop[] with DuocLayTuKhoDMQG = 1, or a non-empty DSKetNoiCSDL[]. */
  shared: 8,
  /** TaiKhoanDuocXacThucVoiVNeID = 1, DuocLayTuKhoDMQG = 1, or DSKetNoiCSDL[].MaCSDL = CSDLQGDC. */
  population: 16,
  /** LoaiDoiTuong = 1 (công dân). */
  citizen: 32,
  /** HaiLong = 0 (portal extension: rated dissatisfied). */
  dissatisfied: 64,
} as const;
export type RecordFlag = keyof typeof RECORD_FLAGS;

// As SQL's trim(coalesce(x->>'k', '')): spaces only; an object or array is never "1".
const text = (v: unknown) => (v == null || typeof v === "object" ? "" : String(v).replace(/^ +| +$/g, ""));
const one = (o: unknown, key: string) =>
  typeof o === "object" && o !== null && text((o as Record<string, unknown>)[key]) === "1";
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The §6 flags of a record as received, as a bit set of RECORD_FLAGS. */
export function record766(raw: unknown): number {
  const r = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const docs = list(r.TaiLieuNop);
  const links = list(r.DSKetNoiCSDL);
  const fromNational = docs.some((t) => one(t, "DuocLayTuKhoDMQG"));
  const flags: Record<RecordFlag, boolean> = {
    eresult: list(r.DanhSachGiayToKetQua).some(
      (k) =>
        typeof k === "object" &&
        k !== null &&
        (k as Record<string, unknown>).DuongDanTepTinKetQua != null &&
        String((k as Record<string, unknown>).DuongDanTepTinKetQua) !== "",
    ),
    digitised: one(r, "HoSoCoThanhPhanSoHoa") || docs.some((t) => one(t, "DuocSoHoa")),
    reused: docs.some((t) => one(t, "DuocTaiSuDung") || one(t, "DuocLayTuKhoDMQG")),
    shared: fromNational || links.length > 0,
    population:
      one(r, "TaiKhoanDuocXacThucVoiVNeID") ||
      fromNational ||
      links.some((k) => typeof k === "object" && k !== null && (k as Record<string, unknown>).MaCSDL === "CSDLQGDC"),
    citizen: text(r.LoaiDoiTuong) === "1",
    dissatisfied: text(r.HaiLong) === "0",
  };
  return (Object.keys(flags) as RecordFlag[]).reduce((bits, k) => (flags[k] ? bits | RECORD_FLAGS[k] : bits), 0);
}
