/**
 * Values generated from the OpenAPI document's own schemas, for the contract test: a valid
 * value of a schema (and, by one mutation, an invalid one). Strings carry what real input
 * carries — Vietnamese with diacritics, quotes, markup, formula-like text, emoji — within
 * the document's limits. A pattern the generator does not know fails loudly, so a new
 * pattern in the document gets a generator rather than a silent skip.
 */
import { INSTANT_PATTERN } from "@/lib/method/time";
import { NOT_BLANK, STORABLE_TEXT } from "@/lib/json-schema";
import type { Rng } from "@/lib/demo/generate";
import { doc } from "./contract";

export type Schema = Record<string, unknown>;
/** Values to use for a property or parameter by name (codes that must exist, unique keys). */
export type Hints = Record<string, (rng: Rng) => unknown>;

const PIECES = [
  "Nguyễn Thị Ánh",
  "Sở Tư pháp",
  "đăng ký khai sinh",
  "Hồ sơ ",
  "'",
  '"',
  "<b>x</b>",
  "=1+1",
  "@SUM(A1)",
  "😀",
  "ươ",
  " ",
  "Ỷ",
  "\\",
  "%",
  "&amp;",
  "\t",
  "漢",
];

export function resolve(s: Schema): Schema {
  let out = s;
  while (typeof out.$ref === "string") {
    const path = (out.$ref as string).replace(/^#\//, "").split("/");
    out = path.reduce<any>((o, k) => o[k.replaceAll("~1", "/").replaceAll("~0", "~")], doc); // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  return out;
}

function text(rng: Rng, max: number, min = 0, notBlank = false): string {
  const cps: string[] = [];
  const want = Math.min(max, rng.int(min, Math.min(max, 40)));
  while (cps.length < want) cps.push(...rng.pick(PIECES));
  let s = cps.slice(0, want).join("");
  if (notBlank && s.trim() === "") s = `${s.slice(0, Math.max(0, want - 1))}a`;
  return s;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
function day(rng: Rng, from = 2024, to = 2026): string {
  return `${rng.int(from, to)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
}
function instant(rng: Rng): string {
  const d = day(rng, 2025, 2025);
  const t = `${pad(rng.int(0, 23))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}`;
  return rng.pick([
    () => `${d.replaceAll("-", "")}${t.replaceAll(":", "")}`,
    () => `${d}T${t}+07:00`,
    () => `${d}T${t}.123Z`,
    () => `${d} ${t}`,
    () => d,
  ])();
}

const BY_PATTERN: Record<string, (rng: Rng, s: Schema) => string> = {
  [STORABLE_TEXT]: (rng, s) => text(rng, Number(s.maxLength ?? 60), Number(s.minLength ?? 0)),
  [NOT_BLANK]: (rng, s) => text(rng, Number(s.maxLength ?? 60), 1, true),
  [INSTANT_PATTERN]: (rng) => instant(rng),
  [`${INSTANT_PATTERN.slice(0, -1)}|^$`]: (rng) => (rng.chance(0.2) ? "" : instant(rng)),
  "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": (rng) => day(rng, 2025, 2025),
  "^([0-9]{1,15}(\\.[0-9]{1,4})?)?$": (rng) => rng.pick(["", "0", "50000", "1250000.5"]),
  "^[^/\\\\\\u0000]*$": (rng) => rng.pick(["thu-tuc.csv", "don-vi.xlsx", "lịch.csv"]),
};

/** A valid value of `schema`; `name` is the property or parameter it is for (see Hints). */
export function sample(schema: Schema, rng: Rng, hints: Hints = {}, name = "", maxItems = 3): unknown {
  if (name && hints[name]) return hints[name](rng);
  const s = resolve(schema);
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum)) return rng.pick(s.enum);
  const branches = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (branches) return sample(rng.pick(branches), rng, hints, name, maxItems);
  let type = s.type as string | string[] | undefined;
  if (Array.isArray(type))
    type = rng.chance(0.15) && type.includes("null") ? "null" : rng.pick(type.filter((t) => t !== "null"));
  switch (type) {
    case "null":
      return null;
    case "boolean":
      return rng.chance(0.5);
    case "integer": {
      const lo = Number(s.minimum ?? 0),
        hi = Math.min(Number(s.maximum ?? 1000), lo + 1000);
      return rng.int(lo, hi);
    }
    case "number":
      return rng.int(Number(s.minimum ?? 0), Math.min(Number(s.maximum ?? 1e6), 1e6));
    case "string": {
      if (s.pattern !== undefined) {
        const gen = BY_PATTERN[s.pattern as string];
        if (!gen) throw new Error(`No generator for the pattern ${s.pattern} (${name})`);
        return gen(rng, s);
      }
      if (s.format === "date") return day(rng);
      if (Array.isArray(s.examples)) return rng.pick(s.examples as string[]);
      return text(rng, Number(s.maxLength ?? 60), Number(s.minLength ?? 0));
    }
    case "array": {
      const n = rng.int(Number(s.minItems ?? 0), Math.min(Number(s.maxItems ?? maxItems), maxItems));
      return Array.from({ length: n }, () => sample(s.items as Schema, rng, hints, `${name}[]`, maxItems));
    }
    case "object":
    default: {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const required = (s.required ?? []) as string[];
      const out: Record<string, unknown> = {};
      for (const [k, p] of Object.entries(props)) {
        if (required.includes(k) || rng.chance(0.7)) out[k] = sample(p, rng, hints, k, maxItems);
      }
      // A field the portal does not read is kept as sent (DATA.md §1).
      if (s.additionalProperties && rng.chance(0.3)) out.TruongKhac = text(rng, 30);
      return out;
    }
  }
}

/**
 * One way to break a valid value of `schema`, or null when none applies: a required field
 * left out, the wrong type, past a limit, outside an enum, a broken pattern.
 */
export function mutate(value: unknown, schema: Schema, rng: Rng): unknown {
  let s = resolve(schema);
  // Of alternatives, the one the value is (an array, an object, a string…).
  const branches = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (branches) {
    const kind =
      value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "object" ? "object" : typeof value;
    s = resolve(branches.find((b) => [resolve(b).type].flat().includes(kind)) ?? branches[0]);
  }
  const props = (s.properties ?? {}) as Record<string, Schema>;
  if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(props).length) {
    const obj = value as Record<string, unknown>;
    const required = ((s.required ?? []) as string[]).filter((k) => k in obj);
    if (required.length && rng.chance(0.3)) {
      const { [rng.pick(required)]: _, ...rest } = obj;
      return rest;
    }
    const keys = Object.keys(obj).filter((k) => props[k]);
    if (keys.length) {
      const k = rng.pick(keys);
      const broken = mutate(obj[k], props[k], rng);
      if (broken !== undefined) return { ...obj, [k]: broken };
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    if (s.maxItems !== undefined && Number(s.maxItems) <= 10 && rng.chance(0.3))
      return [...value, ...Array(Number(s.maxItems) + 1).fill(value[0] ?? null)];
    if (value.length) {
      const i = rng.int(0, value.length - 1);
      const broken = mutate(value[i], s.items as Schema, rng);
      if (broken !== undefined) return value.map((v, j) => (j === i ? broken : v));
    }
    return rng.pick([{}, "x", 1]);
  }
  return rng.pick([
    () => ({ nested: true }),
    () => [value],
    () => "x".repeat(Number(s.maxLength ?? 5000) + 1),
    () => "2025-02-30",
    () => "20251301080000",
    () => "NGOAI_DANH_MUC",
    () => -1,
    () => "a\u0000b",
    () => "\ud800",
  ])();
}
