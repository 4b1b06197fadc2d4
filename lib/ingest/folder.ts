/**
 * A data folder in the DATA.md §2 layout (reference CSVs + hoso.json + tiendo.json),
 * read and validated whole: every error names the file, the line or record, the
 * field and the reason, in Vietnamese and English.
 */
import fs from "node:fs";
import path from "node:path";
import type { Database } from "@/db";
import {
  addSteps,
  rememberColumns,
  upsertAuthorities,
  upsertDossiers,
  upsertFeedback,
  upsertProcedures,
  upsertReports,
  upsertUnits,
  type AuthorityRow,
  type DossierRow,
  type FeedbackRow,
  type ProcedureRow,
  type ReportRow,
  type StepRow,
  type UnitRow,
} from "@/lib/store/writes";
import { replaceExceptions } from "@/lib/engine/calendar-sql";
import { refreshDerived } from "@/lib/engine/derive-sql";
import type { CalendarException } from "@/lib/method/calendar";
import { csvObjects, CsvError, decodeUtf8, parseCsv } from "./csv";
import { envelopeSchema, parseDossier, parseStep } from "./dvcqg";
import { fieldErrors } from "./errors";
import {
  carriedColumns,
  readReference,
  REFERENCE_KINDS,
  unknownCodes,
  type KnownCodes,
  type ReferenceKind,
  type ReferenceRow,
} from "./reference";

export interface LoadError {
  file: string;
  /** Line in a CSV file, or index of the record in a JSON envelope's `data`. */
  line?: number;
  record?: number;
  code?: string;
  field: string;
  vi: string;
  en: string;
}

/** A key met again in one file of the folder (DATA.md §2), by line (CSV) or record (JSON). */
export interface FolderRepeat {
  file: string;
  line?: number;
  earlierLine?: number;
  record?: number;
  earlierRecord?: number;
  key: string;
  rule: "replaced" | "merged";
}

export function formatRepeat(r: FolderRepeat): string {
  const where =
    r.line !== undefined
      ? `dòng ${r.line} (trước đó dòng ${r.earlierLine})`
      : `bản ghi ${r.record} (trước đó bản ghi ${r.earlierRecord})`;
  const [vi, en] =
    r.rule === "merged"
      ? ["gộp, mức cao hơn được tính", "merged, the higher level counts"]
      : ["dòng sau thay dòng trước", "the later replaces the earlier"];
  return `${r.file}, ${where} — khoá lặp "${r.key}": ${vi} / repeated key: ${en}`;
}

export class DataFolderError extends Error {
  constructor(
    readonly errors: LoadError[],
    readonly repeats: FolderRepeat[] = [],
  ) {
    super(`${errors.length} lỗi dữ liệu / data error(s)`);
  }
}

export function formatLoadError(e: LoadError): string {
  const where = [
    e.file,
    e.line !== undefined ? `dòng ${e.line}` : null,
    e.record !== undefined ? `bản ghi ${e.record}` : null,
    e.code ? `MaHoSo ${e.code}` : null,
  ]
    .filter(Boolean)
    .join(", ");
  return `${where} — ${e.field}: ${e.vi} / ${e.en}`;
}

export interface DataFolder {
  units: UnitRow[];
  procedures: ProcedureRow[];
  authorities: AuthorityRow[];
  calendar: CalendarException[] | null;
  feedback: FeedbackRow[];
  reports: ReportRow[];
  dossiers: DossierRow[];
  steps: Array<StepRow & { dossierCode: string }>;
  repeats: FolderRepeat[];
  /** METHOD-766 §6: the optional columns thutuc.csv and pakn.csv carried (their headers). */
  carried: { thutuc: string[]; pakn: string[] };
}

/** A reference file's valid rows (one per key, DATA.md §2) with their lines; errors and repeats are collected. */
function readCsv<K extends ReferenceKind>(
  dir: string,
  kind: K,
  required: boolean,
  errors: LoadError[],
  repeats: FolderRepeat[],
  headers?: Map<string, string[]>,
) {
  const file = `${kind}.csv`;
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) {
    if (required) errors.push({ file, field: "(tệp)", vi: "Thiếu tệp bắt buộc", en: "Required file is missing" });
    return null;
  }
  try {
    const table = parseCsv(decodeUtf8(fs.readFileSync(full)));
    headers?.set(kind, table.header);
    const r = readReference(kind, csvObjects(table, REFERENCE_KINDS[kind].columns));
    for (const e of r.errors) errors.push({ file, ...e });
    for (const x of r.repeats) repeats.push({ file, ...x });
    return r.rows;
  } catch (e) {
    if (e instanceof CsvError) {
      errors.push({ file, line: e.line, field: "(CSV)", vi: e.vi, en: e.en });
      return null;
    }
    throw e;
  }
}

function readEnvelope(dir: string, file: string, service: string, required: boolean, errors: LoadError[]) {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) {
    if (required) errors.push({ file, field: "(tệp)", vi: "Thiếu tệp bắt buộc", en: "Required file is missing" });
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(full, "utf8"));
  } catch (e) {
    const why = (e as Error).message.replace(/\s+/g, " ");
    errors.push({ file, field: "(JSON)", vi: `JSON không hợp lệ: ${why}`, en: `Malformed JSON: ${why}` });
    return null;
  }
  const env = envelopeSchema.safeParse(Array.isArray(json) ? { service, data: json } : json);
  if (!env.success) {
    for (const e of fieldErrors(env.error, json)) errors.push({ file, ...e });
    return null;
  }
  if (env.data.service !== service) {
    errors.push({ file, field: "service", vi: `Cần service ${service}`, en: `Expected service ${service}` });
    return null;
  }
  return env.data;
}

export function readDataFolder(dir: string): DataFolder {
  const errors: LoadError[] = [];
  const repeats: FolderRepeat[] = [];
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new DataFolderError([
      { file: dir, field: "(thư mục)", vi: "Không tìm thấy thư mục dữ liệu", en: "Data folder not found" },
    ]);
  }
  const units = readCsv(dir, "donvi", true, errors, repeats) ?? [];
  const headers = new Map<string, string[]>();
  const procedures = readCsv(dir, "thutuc", true, errors, repeats, headers) ?? [];
  const authorities = readCsv(dir, "thamquyen", false, errors, repeats) ?? [];
  const calendar = readCsv(dir, "lich", false, errors, repeats);
  const feedback = readCsv(dir, "pakn", false, errors, repeats, headers) ?? [];
  const reports = readCsv(dir, "baocao", false, errors, repeats) ?? [];

  // DATA.md §2: every code a reference file names must be in donvi.csv / thutuc.csv.
  const known: KnownCodes = {
    units: new Map(units.map((u) => [u.value.code, u.value.kind])),
    procedures: new Set(procedures.map((p) => p.value.code)),
  };
  const check = <K extends ReferenceKind>(kind: K, list: Array<{ line: number; value: ReferenceRow<K> }>) => {
    for (const e of unknownCodes(kind, list, known)) errors.push({ file: `${kind}.csv`, ...e });
  };
  check("donvi", units);
  check("thamquyen", authorities);
  check("pakn", feedback);
  check("baocao", reports);

  // hoso.json: a MaHoSo sent twice is a re-send (the later record replaces the earlier; the steps of both are kept).
  const dossiers = new Map<string, { record: number; row: DossierRow }>();
  const hoso = readEnvelope(dir, "hoso.json", "DongBoHoSoMC", true, errors);
  // Every MaHoSo sent, valid or not: a step of a rejected dossier is not a second error.
  const codes = new Set<string>();
  hoso?.data.forEach((raw, record) => {
    const r = parseDossier(raw, hoso.madonvi ?? null);
    const code = (raw as { MaHoSo?: unknown })?.MaHoSo;
    if (code != null) codes.add(String(code).trim());
    if (!r.ok) {
      for (const e of r.errors)
        errors.push({ file: "hoso.json", record, code: code == null ? undefined : String(code), ...e });
    } else if (!known.units.has(r.value.unitCode)) {
      errors.push({
        file: "hoso.json",
        record,
        code: r.value.code,
        field: "MaDonVi",
        vi: `Mã đơn vị không có trong donvi.csv: "${r.value.unitCode}"`,
        en: `Unit code not in donvi.csv: "${r.value.unitCode}"`,
      });
    } else {
      const earlier = dossiers.get(r.value.code);
      if (earlier) {
        repeats.push({ file: "hoso.json", record, earlierRecord: earlier.record, key: r.value.code, rule: "replaced" });
        r.value.steps = [...earlier.row.steps, ...r.value.steps];
      }
      dossiers.set(r.value.code, { record, row: r.value });
    }
  });
  const steps: DataFolder["steps"] = [];
  const tiendo = readEnvelope(dir, "tiendo.json", "CapNhatTienDoHoSoMC", false, errors);
  tiendo?.data.forEach((raw, record) => {
    const r = parseStep(raw);
    if (!r.ok) for (const e of r.errors) errors.push({ file: "tiendo.json", record, ...e });
    else if (hoso && !codes.has(r.value.dossierCode)) {
      errors.push({
        file: "tiendo.json",
        record,
        code: r.value.dossierCode,
        field: "MaHoSo",
        vi: "Hồ sơ không có trong hoso.json",
        en: "Dossier not in hoso.json",
      });
    } else steps.push(r.value);
  });
  if (errors.length) throw new DataFolderError(errors, repeats);
  const values = <T>(list: Array<{ value: T }>) => list.map((x) => x.value);
  return {
    units: values(units),
    procedures: values(procedures),
    authorities: values(authorities),
    calendar: calendar && values(calendar),
    feedback: values(feedback),
    reports: values(reports),
    dossiers: [...dossiers.values()].map((d) => d.row),
    steps,
    repeats,
    carried: {
      thutuc: carriedColumns("thutuc", headers.get("thutuc") ?? []),
      pakn: carriedColumns("pakn", headers.get("pakn") ?? []),
    },
  };
}

/** Writes a validated folder into a database (the CLI uses a fresh in-memory one). */
export async function loadDataFolder(db: Database, f: DataFolder, now = new Date()): Promise<void> {
  await upsertUnits(db.orm, f.units);
  if (f.calendar) await replaceExceptions(db.orm, f.calendar);
  await upsertProcedures(db.orm, f.procedures);
  await upsertAuthorities(db.orm, f.authorities);
  await upsertFeedback(db.orm, f.feedback);
  await rememberColumns(db.orm, "thutuc", f.carried.thutuc);
  await rememberColumns(db.orm, "pakn", f.carried.pakn);
  await upsertReports(db.orm, f.reports);
  await upsertDossiers(db.orm, f.dossiers, now, { refresh: false });
  await addSteps(db.orm, f.steps, { refresh: false });
  await refreshDerived(db.orm);
}
