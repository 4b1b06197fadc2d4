/**
 * JSON Schema from the server's own zod schemas (zod 4's `toJSONSchema`), for the OpenAPI
 * document. A field that validates in a transform (the DVCQG fields: trimmed strings or
 * numbers, codes, dates) is a black box to the converter; `documented` gives it the JSON
 * Schema it keeps, built from the same constants, so the document states the real limits.
 * The contract test (tests/api/contract.test.ts) holds the two together: every record the
 * document calls valid must be accepted by the server.
 */
import { z } from "zod";

type Json = Record<string, unknown>;
const documentedAs = new WeakMap<z.ZodType, Json>();

/** `schema`, whose JSON Schema is `json` (replacing what the converter would make of it). */
export function documented<T extends z.ZodType>(schema: T, json: Json): T {
  documentedAs.set(schema, json);
  return schema;
}

/** The JSON Schema (2020-12) of what a client sends (`input`) or receives (`output`). */
export function jsonSchema(schema: z.ZodType, io: "input" | "output" = "input"): Json {
  const out = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    target: "draft-2020-12",
    override: (ctx) => {
      const json = documentedAs.get(ctx.zodSchema as unknown as z.ZodType);
      if (!json) return;
      for (const k of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Json)[k];
      Object.assign(ctx.jsonSchema, json);
    },
  }) as Json;
  delete out.$schema;
  return out;
}

/**
 * Text PostgreSQL can store: no U+0000 and no half of a UTF-16 surrogate pair (an
 * ECMAScript pattern with the `u` flag, as JSON Schema validators read it).
 */
export const STORABLE_TEXT = "^[^\\u0000\\uD800-\\uDFFF]*$";

/** Storable text with at least one character that is not white space (JS `trim()`'s set). */
export const NOT_BLANK = "^[^\\u0000\\uD800-\\uDFFF]*[^\\s\\u0000\\uD800-\\uDFFF][^\\u0000\\uD800-\\uDFFF]*$";

/**
 * Characters of a text as JSON Schema's maxLength and PostgreSQL's char_length count them:
 * code points, not UTF-16 units (an emoji is one character, two units).
 */
export function charCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Whether `s` has more than `max` characters; counts only when its UTF-16 length says it might. */
export const longerThan = (s: string, max: number) => s.length > max && charCount(s) > max;

/** A string of `min`–`max` characters (code points, as the document's minLength/maxLength say). */
export const chars = (min: number, max: number) =>
  z
    .string()
    .refine((s) => !longerThan(s, max), `Tối đa ${max} ký tự / At most ${max} characters`)
    .refine(
      (s) => charCount(s) >= min,
      min === 1 ? "Trống / Empty" : `Tối thiểu ${min} ký tự / At least ${min} characters`,
    )
    .meta({ minLength: min || undefined, maxLength: max });

/** A whole number within [min, max], with the format OpenAPI names for its size. */
export const int = (min: number, max: number) =>
  z
    .int()
    .min(min)
    .max(max)
    .meta({ format: max > 2 ** 31 - 1 || min < -(2 ** 31) ? "int64" : "int32" });

/** Text of at most `max` characters (an output field: names, messages). */
export const text = (max: number) => z.string().max(max).regex(new RegExp(STORABLE_TEXT, "u"));

/** A local date `yyyy-MM-dd` as the API writes it (periods, METHOD §0.2). */
export const localDay = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .max(10);

/** A local instant as the API writes it (`formatLocalInstant`: yyyy-MM-ddTHH:mm:ss.SSS+07:00). */
export const localInstant = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/)
    .max(40);
