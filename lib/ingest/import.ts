/**
 * Reference-data imports (DATA.md §2: donvi, thutuc, thamquyen, lich, pakn, baocao)
 * from CSV or XLSX, with a dry run that shows what would change and every row error
 * before anything is written. Applying writes the valid rows; the errors are returned
 * so the file can be fixed and sent again.
 */
import ExcelJS from "exceljs";
import { rows, type Orm } from "@/db";
import { RuleError } from "@/lib/errors";
import { sql, type SQL } from "drizzle-orm";
import {
  rememberColumns,
  upsertAuthorities,
  upsertFeedback,
  upsertProcedures,
  upsertReports,
  upsertUnits,
} from "@/lib/store/writes";
import { changeExceptions } from "@/lib/engine/calendar-sql";
import { textList } from "@/lib/engine/sql-util";
import { csvObjects, CsvError, decodeUtf8, parseCsv } from "./csv";
import {
  carriedColumns,
  namedCodes,
  readReference,
  REFERENCE_KINDS,
  unknownCodes,
  type KnownCodes,
  type ReferenceKind,
  type ReferenceRow,
  type Repeat,
  type RowError,
} from "./reference";

export interface ImportReport {
  kind: ReferenceKind;
  dryRun: boolean;
  rows: number;
  valid: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
  /** Keys met again in the file (DATA.md §2: the later line replaces, or thamquyen lines merge). */
  repeats: Repeat[];
}

/** A file that cannot be read as a table at all (no row of it can be imported). */
export class ImportFileError extends RuleError {
  constructor(
    vi: string,
    en: string,
    readonly line?: number,
  ) {
    super(vi, en, { line: line ?? null });
  }
}

/** A file's rows as objects keyed by its header, from CSV text or an XLSX workbook's first sheet. */
/** A file's rows as objects by column name, and its header (the columns it carried). */
export async function readTable(
  bytes: Uint8Array,
  fileName: string,
  columns: readonly string[],
): Promise<{ header: string[]; rows: Array<{ line: number; row: Record<string, string> }> }> {
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
    if (missing.length)
      throw new ImportFileError(`Thiếu cột: ${missing.join(", ")}`, `Missing column(s): ${missing.join(", ")}`, 1);
    const out: Array<{ line: number; row: Record<string, string> }> = [];
    ws.eachRow((r, line) => {
      if (line === 1) return;
      const values = (r.values as unknown[]).slice(1);
      if (values.every((v) => cellText(v).trim() === "")) return;
      out.push({ line, row: Object.fromEntries(header.map((h, i) => [h, cellText(values[i]).trim()])) });
    });
    return { header, rows: out };
  }
  try {
    const table = parseCsv(decodeUtf8(bytes));
    return { header: table.header, rows: csvObjects(table, columns) };
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

/**
 * How each kind meets the database: the stored rows of some keys (as `k`, and `v` the
 * values an import may change, in the order `compared` gives them) and the write.
 */
interface StoreSpec<Row> {
  stored: (keys: SQL) => SQL;
  /** The values after the write, given those stored (`before`, in the same order). */
  compared: (r: Row, before: unknown[]) => unknown[];
  write: (orm: Orm, rows: Row[]) => Promise<unknown>;
}
const STORE: { [K in ReferenceKind]: StoreSpec<ReferenceRow<K>> } = {
  donvi: {
    stored: (keys) =>
      sql`select code as k, jsonb_build_array(name, kind, parent_code, area_code) as v from units where code in ${keys}`,
    compared: (r) => [r.name, r.kind, r.parentCode, r.areaCode],
    write: upsertUnits,
  },
  thutuc: {
    stored: (
      keys,
    ) => sql`select code as k, jsonb_build_array(name, field_code, field_name, deadline_value::float8, deadline_unit, has_fee, i766) as v
      from procedures where code in ${keys}`,
    // The 766 columns as upsertProcedures leaves them: the file's merged over those stored.
    compared: (r, before) => [
      r.name,
      r.fieldCode,
      r.fieldName,
      r.deadlineValue,
      r.deadlineUnit,
      r.hasFee,
      { ...(before[6] as object), ...r.i766 },
    ],
    write: upsertProcedures,
  },
  thamquyen: {
    stored: (
      keys,
    ) => sql`select k, v from (select unit_code || '|' || procedure_code as k, jsonb_build_array(online_level, payment_integrated) as v
      from authorities) a where k in ${keys}`,
    compared: (r) => [r.onlineLevel, r.paymentIntegrated],
    write: upsertAuthorities,
  },
  lich: {
    stored: (keys) =>
      sql`select day::text as k, jsonb_build_array(kind, name) as v from calendar_exceptions where day::text in ${keys}`,
    compared: (r) => [r.kind, r.name],
    // The portal's calendar is edited day by day; an import adds or changes the days it lists.
    write: (orm, rows) =>
      changeExceptions(
        orm,
        rows.map((r) => ({ ...r, source: "Nhập từ tệp" })),
      ),
  },
  pakn: {
    stored: (
      keys,
    ) => sql`select code as k, jsonb_build_array(extract(epoch from received_at) * 1000, kind, unit_code, sector, field, i766) as v
      from feedback where code in ${keys}`,
    compared: (r) => [r.receivedAt.getTime(), r.kind, r.unitCode, r.sector, r.field, r.i766 ?? {}],
    write: upsertFeedback,
  },
  baocao: {
    stored: (
      keys,
    ) => sql`select k, v from (select unit_code || '|' || from_day::text || '|' || to_day::text || '|' || source as k,
      jsonb_build_array(received) as v from reported_totals) r where k in ${keys}`,
    compared: (r) => [r.received],
    write: upsertReports,
  },
};

/** The units and procedures the rows name, as the database knows them (a donvi file's own units too). */
async function knownCodes<K extends ReferenceKind>(
  orm: Orm,
  kind: K,
  parsed: Array<{ value: ReferenceRow<K> }>,
): Promise<KnownCodes> {
  const named = namedCodes(kind, parsed);
  const unitCodes = [...named.unit, ...named.area];
  const units = new Map(
    (unitCodes.length
      ? await rows<{ code: string; kind: string }>(
          orm,
          sql`select code, kind from units where code in ${textList(unitCodes)}`,
        )
      : []
    ).map((u) => [u.code, u.kind]),
  );
  if (kind === "donvi")
    for (const { value } of parsed as Array<{ value: ReferenceRow<"donvi"> }>) units.set(value.code, value.kind);
  const procedures = new Set(
    named.procedure.size
      ? (
          await rows<{ code: string }>(
            orm,
            sql`select code from procedures where code in ${textList([...named.procedure])}`,
          )
        ).map((p) => p.code)
      : [],
  );
  return { units, procedures };
}

/** JSON with object keys sorted: jsonb orders keys its own way. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_, x) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

export async function importReference<K extends ReferenceKind>(
  orm: Orm,
  kind: K,
  file: { name: string; bytes: Uint8Array },
  opts: { dryRun: boolean },
): Promise<ImportReport> {
  const { header, rows: table } = await readTable(file.bytes, file.name, REFERENCE_KINDS[kind].columns);
  const { rows: parsed, errors, repeats } = readReference(kind, table);
  const codeErrors = unknownCodes(kind, parsed, await knownCodes(orm, kind, parsed));
  errors.push(...codeErrors);
  const refused = new Set(codeErrors.map((e) => e.line));
  const good = parsed.filter((p) => !refused.has(p.line)).map((p) => p.value);

  // Only the keys in the upload are read back to tell new rows from changed ones.
  const store = STORE[kind] as StoreSpec<ReferenceRow<K>>;
  const spec = REFERENCE_KINDS[kind] as unknown as { key: (r: ReferenceRow<K>) => string };
  const keys = good.map((g) => spec.key(g));
  const stored = new Map(
    keys.length
      ? (await rows<{ k: string; v: unknown[] }>(orm, store.stored(textList(keys)))).map((r) => [r.k, r.v])
      : [],
  );
  let inserted = 0;
  let updated = 0;
  for (const g of good) {
    const before = stored.get(spec.key(g));
    if (before === undefined) inserted++;
    else if (canonical(before) !== canonical(store.compared(g, before))) updated++;
  }
  if (!opts.dryRun && good.length) await store.write(orm, good);
  // METHOD-766 §6: the optional columns the file carried, remembered even when it has no row.
  if (!opts.dryRun && (kind === "thutuc" || kind === "pakn"))
    await rememberColumns(orm, kind, carriedColumns(kind, header));
  errors.sort((a, b) => a.line - b.line);
  return {
    kind,
    dryRun: opts.dryRun,
    rows: table.length,
    valid: good.length,
    inserted,
    updated,
    unchanged: good.length - inserted - updated,
    errors,
    repeats,
  };
}
