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

/** zod issues → field errors; a missing required field (absent from `input`) gets its own words. */
export function fieldErrors(error: z.ZodError, input?: unknown): FieldError[] {
  return error.issues.map((i) => {
    const field = i.path.map(String).join(".") || "(bản ghi)";
    const value = i.path.reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<PropertyKey, unknown>)[k]), input);
    if (i.path.length > 0 && value === undefined && input !== undefined) {
      return { field, vi: "Thiếu trường bắt buộc", en: "Required field is missing" };
    }
    return { field, ...splitMessage(i.message) };
  });
}
