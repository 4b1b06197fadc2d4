/**
 * Validation errors that name the record, the field and the reason, in Vietnamese
 * and English: bad input gets a clear error, and nothing valid beside it is lost.
 */
import type { z } from "zod";

export interface FieldError {
  field: string;
  vi: string;
  en: string;
}

/** A message carried through zod: `vi / en`. */
export const msg = (vi: string, en: string) => `${vi} / ${en}`;

export function splitMessage(m: string): { vi: string; en: string } {
  const i = m.indexOf(" / ");
  return i < 0 ? { vi: "Giá trị không hợp lệ", en: m } : { vi: m.slice(0, i), en: m.slice(i + 3) };
}

/** A value as a message quotes it: at most 60 characters, then "…" (a 5,000-character value is not repeated back). */
export function quoted(v: unknown): string {
  const chars = Array.from(String(v));
  return `"${chars.length > 60 ? `${chars.slice(0, 60).join("")}…` : chars.join("")}"`;
}

/** The bounds of an error as the API answers it: field ≤ 500 characters, each message ≤ 2,000. */
export const ERROR_BOUNDS = { field: 500, message: 2000 } as const;
const cut = (s: string, max: number) =>
  Array.from(s).length > max
    ? `${Array.from(s)
        .slice(0, max - 1)
        .join("")}…`
    : s;
export const boundedError = (e: FieldError): FieldError => ({
  ...e,
  field: cut(e.field, ERROR_BOUNDS.field),
  vi: cut(e.vi, ERROR_BOUNDS.message),
  en: cut(e.en, ERROR_BOUNDS.message),
});

/** zod issues → field errors; a missing required field (absent from `input`) gets its own words. */
export function fieldErrors(error: z.ZodError, input?: unknown): FieldError[] {
  return error.issues.map((i) => {
    const field = i.path.map(String).join(".") || "(bản ghi)";
    const value = i.path.reduce<unknown>(
      (o, k) => (o == null ? undefined : (o as Record<PropertyKey, unknown>)[k]),
      input,
    );
    if (i.path.length > 0 && value === undefined && input !== undefined) {
      return { field, vi: "Thiếu trường bắt buộc", en: "Required field is missing" };
    }
    return { field, ...splitMessage(i.message) };
  });
}
