/**
 * The bounds a sync record must keep (DATA.md §1 as a real sender meets it): a record
 * outside them is rejected on its own — into the quarantine, beside the valid records
 * of its batch — never a 500 that loses them. [decision] The limits are far above any
 * real dossier: 256 KiB of JSON, 32 levels of nesting, 1,000 fee lines or steps.
 */
import type { FieldError } from "./errors";

/** Records one sync request may carry (DATA.md §1). */
export const MAX_BATCH = 5000;

export const RECORD_LIMITS = { bytes: 256 * 1024, depth: 32, feeLines: 1000, steps: 1000 } as const;

/**
 * One iterative pass over a JSON value (a record nested 10,000 deep must not overflow
 * the stack): how deep it goes, and the path of the first string or key holding U+0000,
 * which PostgreSQL cannot store and which the portal will not silently remove.
 */
/** U+0000, or half of a UTF-16 surrogate pair: text PostgreSQL cannot store. */
export const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, "g");
const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

function inspect(value: unknown): { depth: number; nulAt: string | null; bound: number } {
  let depth = 0;
  let nulAt: string | null = null;
  // An upper bound of the record's JSON size (a UTF-16 unit is at most 6 bytes escaped), so
  // that the exact size is measured only for records that might be too large — not on
  // every record of the sync hot path.
  let bound = 0;
  const stack: Array<[unknown, number, string]> = [[value, 0, ""]];
  while (stack.length) {
    const [v, d, at] = stack.pop()!;
    if (d > depth) depth = d;
    if (depth > RECORD_LIMITS.depth) return { depth, nulAt, bound };
    if (typeof v === "string") {
      bound += 6 * v.length + 2;
      if (nulAt === null && UNSTORABLE.test(v)) nulAt = at || "(bản ghi)";
    } else if (v && typeof v === "object") {
      bound += 2;
      for (const [k, x] of Object.entries(v)) {
        bound += 6 * k.length + 4;
        const path = Array.isArray(v) ? `${at}[${k}]` : at ? `${at}.${k}` : k;
        if (nulAt === null && UNSTORABLE.test(k)) nulAt = path;
        stack.push([x, d + 1, path]);
      }
    } else {
      bound += 24; // a number, true, false or null
    }
  }
  return { depth, nulAt, bound };
}

/** What is wrong with a record's shape before its fields are read, or null. */
export function recordBoundsError(raw: unknown): FieldError | null {
  const { depth, nulAt, bound } = inspect(raw);
  if (depth > RECORD_LIMITS.depth) {
    return {
      field: "(bản ghi)",
      vi: `Bản ghi lồng nhau quá sâu (tối đa ${RECORD_LIMITS.depth} cấp)`,
      en: `Record nested too deeply (max ${RECORD_LIMITS.depth} levels)`,
    };
  }
  const bytes = bound > RECORD_LIMITS.bytes ? Buffer.byteLength(JSON.stringify(raw) ?? "") : 0;
  if (bytes > RECORD_LIMITS.bytes) {
    return {
      field: "(bản ghi)",
      vi: `Bản ghi quá lớn (${Math.ceil(bytes / 1024)} KiB, tối đa ${RECORD_LIMITS.bytes / 1024} KiB)`,
      en: `Record too large (${Math.ceil(bytes / 1024)} KiB, max ${RECORD_LIMITS.bytes / 1024} KiB)`,
    };
  }
  if (nulAt !== null) {
    return {
      field: nulAt.replace(UNSTORABLE_ALL, hex),
      vi: "Có ký tự U+0000 (NUL) hoặc nửa cặp mã UTF-16, không được phép",
      en: "Contains U+0000 (NUL) or half of a UTF-16 surrogate pair, which is not allowed",
    };
  }
  return null;
}

/**
 * The copy of a rejected record the quarantine keeps: the record itself when it can be
 * stored, U+0000 and half surrogate pairs shown as visible text (\u0000, \ud800), and
 * only its MaHoSo when it is too large or too deep to keep.
 */
export function quarantineCopy(raw: unknown): unknown {
  const { depth } = inspect(raw);
  const code = (raw as { MaHoSo?: unknown } | null)?.MaHoSo;
  const stub = {
    MaHoSo: typeof code === "string" ? Array.from(code.replace(UNSTORABLE_ALL, hex)).slice(0, 100).join("") : null,
    "(không lưu)": "Bản ghi quá lớn hoặc lồng quá sâu để lưu nguyên văn / Too large or too deep to keep verbatim",
  };
  if (depth > RECORD_LIMITS.depth) return stub;
  const text = JSON.stringify(raw) ?? "null";
  if (Buffer.byteLength(text) > RECORD_LIMITS.bytes) return stub;
  return visible(raw);
}

/** Text with every unstorable character shown as its escape (\u0000, \ud800). */
export const visibleText = (s: string) => s.replace(UNSTORABLE_ALL, hex);

/** The value with every unstorable character shown as its escape text (\u0000, \ud800), keys included. */
function visible(v: unknown): unknown {
  if (typeof v === "string") return v.replace(UNSTORABLE_ALL, hex);
  if (Array.isArray(v)) return v.map(visible);
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(UNSTORABLE_ALL, hex), visible(x)]));
  return v;
}
