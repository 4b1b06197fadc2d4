/**
 * Reference-data imports (DATA.md §2: donvi, thutuc, thamquyen, lich, pakn, baocao)
 * from CSV or XLSX, with a dry run that shows what would change and every row error
 * before anything is written. Applying writes the valid rows; the errors are returned
 * so the file can be fixed and sent again.
 */
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import { RuleError } from "@/lib/errors";
import { upsertAuthorities, upsertFeedback, upsertProcedures, upsertReports, upsertUnits } from "@/lib/store/writes";
import { changeExceptions } from "@/lib/engine/calendar-sql";
import { csvObjects, CsvError, parseCsv } from "./csv";
import { fieldErrors, type FieldError } from "./errors";
import { REFERENCE_KINDS, type ReferenceKind } from "./reference";

export interface RowError extends FieldError {
  line: number;
}

export interface ImportReport {
  kind: ReferenceKind;
  dryRun: boolean;
  rows: number;
  valid: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
}

/** A file that cannot be read as a table at all (no row of it can be imported). */
export class ImportFileError extends RuleError {
  constructor(vi: string, en: string, readonly line?: number) {
    super(vi, en, { line: line ?? null });
  }
}

/** A file's rows as objects keyed by its header, from CSV text or an XLSX workbook's first sheet. */
export async function readTable(bytes: Uint8Array, fileName: string, columns: readonly string[]) {
  if (/\.xlsx$/i.test(fileName) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      throw new ImportFileError("Không đọc được tệp Excel (.xlsx)", "Cannot read the Excel (.xlsx) file");
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new ImportFileError("Tệp Excel không có trang tính nào", "The workbook has no worksheet");
    const header = (ws.getRow(1).values as unknown[]).slice(1).map((v) => cellText(v).trim());
    const missing = columns.filter((c) => !header.includes(c));
    if (missing.length) throw new ImportFileError(`Thiếu cột: ${missing.join(", ")}`, `Missing column(s): ${missing.join(", ")}`, 1);
    const out: Array<{ line: number; row: Record<string, string> }> = [];
    ws.eachRow((r, line) => {
      if (line === 1) return;
      const values = (r.values as unknown[]).slice(1);
      if (values.every((v) => cellText(v).trim() === "")) return;
      out.push({ line, row: Object.fromEntries(header.map((h, i) => [h, cellText(values[i]).trim()])) });
    });
    return out;
  }
  try {
    return csvObjects(parseCsv(new TextDecoder("utf-8").decode(bytes)), columns);
  } catch (e) {
    if (e instanceof CsvError) throw new ImportFileError(e.vi, e.en, e.line);
    throw e;
  }
}

/** Excel cells are numbers, dates, rich text or formulas: the import wants their text. */
function cellText(v: unknown): string {
  if (v == null) return "";
  if (v instanceof Date) {
    // Excel dates carry no zone: read them as the local date they show.
    return v.toISOString().slice(0, 10);
  }
  if (typeof v === "object") {
    const o = v as { text?: string; richText?: Array<{ text: string }>; result?: unknown };
    if (o.richText) return o.richText.map((t) => t.text).join("");
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return cellText(o.result);
  }
  return String(v);
}

/** The key and the compared value of a row, per kind, as SQL sees the stored row. */
const KEYS: Record<ReferenceKind, { table: string; key: (r: never) => string; stored: string; value: (r: never) => unknown }> = {
  donvi: { table: "units", key: (r: { code: string }) => r.code, stored: "code as k, jsonb_build_array(name, kind, parent_code, area_code) as v",
    value: (r: { name: string; kind: string; parentCode: string | null; areaCode: string | null }) => [r.name, r.kind, r.parentCode, r.areaCode] },
  thutuc: { table: "procedures", key: (r: { code: string }) => r.code,
    stored: "code as k, jsonb_build_array(name, field_code, field_name, deadline_value::float8, deadline_unit, has_fee) as v",
    value: (r: { name: string; fieldCode: string | null; fieldName: string | null; deadlineValue: number | null; deadlineUnit: string | null; hasFee: boolean }) =>
      [r.name, r.fieldCode, r.fieldName, r.deadlineValue, r.deadlineUnit, r.hasFee] },
  thamquyen: { table: "authorities", key: (r: { unitCode: string; procedureCode: string }) => `${r.unitCode}|${r.procedureCode}`,
    stored: "unit_code || '|' || procedure_code as k, jsonb_build_array(online_level, payment_integrated) as v",
    value: (r: { onlineLevel: number | null; paymentIntegrated: boolean }) => [r.onlineLevel, r.paymentIntegrated] },
  lich: { table: "calendar_exceptions", key: (r: { day: string }) => r.day, stored: "day::text as k, jsonb_build_array(kind, name) as v",
    value: (r: { kind: string; name: string }) => [r.kind, r.name] },
  pakn: { table: "feedback", key: (r: { code: string }) => r.code,
    stored: "code as k, jsonb_build_array(extract(epoch from received_at) * 1000, kind, unit_code, sector, field) as v",
    value: (r: { receivedAt: Date; kind: number; unitCode: string; sector: string | null; field: string | null }) =>
      [r.receivedAt.getTime(), r.kind, r.unitCode, r.sector, r.field] },
  baocao: { table: "reported_totals", key: (r: { unitCode: string; fromDay: string; toDay: string; source: string }) => `${r.unitCode}|${r.fromDay}|${r.toDay}|${r.source}`,
    stored: "unit_code || '|' || from_day::text || '|' || to_day::text || '|' || source as k, jsonb_build_array(received) as v",
    value: (r: { received: number }) => [r.received] },
};

export async function importReference(
  orm: Orm,
  kind: ReferenceKind,
  file: { name: string; bytes: Uint8Array },
  opts: { dryRun: boolean },
): Promise<ImportReport> {
  const spec = REFERENCE_KINDS[kind];
  const table = await readTable(file.bytes, file.name, spec.columns);
  const errors: RowError[] = [];
  const valid: Array<{ line: number; value: Record<string, unknown> }> = [];
  for (const { line, row } of table) {
    const r = spec.schema.safeParse(row);
    if (r.success) valid.push({ line, value: r.data as unknown as Record<string, unknown> });
    else for (const e of fieldErrors(r.error, row)) errors.push({ line, ...e });
  }
  await checkReferences(orm, kind, valid, errors);
  const good = valid.filter((v) => !errors.some((e) => e.line === v.line)).map((v) => v.value);

  const k = KEYS[kind];
  const stored = new Map(
    (await rows<{ k: string; v: unknown }>(orm, sql.raw(`select ${k.stored} from ${k.table}`))).map((r) => [r.k, JSON.stringify(r.v)]),
  );
  let inserted = 0;
  let updated = 0;
  for (const v of good) {
    const before = stored.get(k.key(v as never));
    if (before === undefined) inserted++;
    else if (before !== JSON.stringify(k.value(v as never))) updated++;
  }
  if (!opts.dryRun && good.length) await write(orm, kind, good);
  return { kind, dryRun: opts.dryRun, rows: table.length, valid: good.length, inserted, updated, unchanged: good.length - inserted - updated, errors };
}

/** Codes that must exist: units (in the database or the same donvi file) and, for authority, procedures. */
async function checkReferences(orm: Orm, kind: ReferenceKind, valid: Array<{ line: number; value: Record<string, unknown> }>, errors: RowError[]) {
  const units = new Set((await rows<{ code: string }>(orm, sql`select code from units`)).map((r) => r.code));
  const check = (line: number, field: string, code: unknown, known: Set<string>, what: [string, string]) => {
    if (typeof code === "string" && code && !known.has(code)) errors.push({ line, field, vi: `${what[0]} không tồn tại: "${code}"`, en: `${what[1]} not found: "${code}"` });
  };
  if (kind === "donvi") {
    for (const v of valid) units.add(String(v.value.code));
    for (const v of valid) check(v.line, "MaDonViCha", v.value.parentCode, units, ["Đơn vị cha", "Parent unit"]);
    return;
  }
  if (kind === "lich") return;
  for (const v of valid) check(v.line, "MaDonVi", v.value.unitCode, units, ["Mã đơn vị", "Unit code"]);
  if (kind === "thamquyen") {
    const procs = new Set((await rows<{ code: string }>(orm, sql`select code from procedures`)).map((r) => r.code));
    for (const v of valid) check(v.line, "MaTTHC", v.value.procedureCode, procs, ["Mã TTHC", "Procedure code"]);
  }
}

async function write(orm: Orm, kind: ReferenceKind, good: Array<Record<string, unknown>>) {
  switch (kind) {
    case "donvi": return upsertUnits(orm, good as never);
    case "thutuc": return upsertProcedures(orm, good as never);
    case "thamquyen": return upsertAuthorities(orm, good as never);
    case "pakn": return upsertFeedback(orm, good as never);
    case "baocao": return upsertReports(orm, good as never);
    case "lich": {
      // The portal's calendar is edited day by day; an import adds or changes the days it lists.
      await changeExceptions(orm, good.map((g) => ({ day: String(g.day), kind: g.kind as "off" | "makeup", name: String(g.name), source: "Nhập từ tệp" })));
      return;
    }
  }
}
