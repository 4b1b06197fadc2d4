/**
 * CSV as DATA.md §2 uses it: UTF-8 (a BOM is ignored), a header row, RFC 4180
 * quoting, comma or semicolon separated (Excel in a Vietnamese locale writes `;`).
 */
export interface CsvTable {
  header: string[];
  /** Data rows with their 1-based line number in the file. */
  rows: Array<{ line: number; values: string[] }>;
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly vi: string,
    readonly en: string,
  ) {
    super(`${vi} / ${en}`);
  }
}

/**
 * A file's bytes as UTF-8 text. Vietnamese files from older tools are often
 * Windows-1258 or TCVN3: decoded as UTF-8 they would be stored garbled, so they are
 * refused with the line of the first byte that is not UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder("utf-8").decode(bytes);
    const bad = text.indexOf("\uFFFD");
    const line = bad < 0 ? 1 : text.slice(0, bad).split("\n").length;
    throw new CsvError(
      line,
      "Tệp không phải UTF-8 (có thể là Windows-1258 hoặc TCVN3); hãy lưu lại dạng CSV UTF-8",
      "The file is not UTF-8 (perhaps Windows-1258 or TCVN3); save it again as CSV UTF-8",
    );
  }
}

export function parseCsv(text: string): CsvTable {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const sep = firstLine.split(";").length > firstLine.split(",").length ? ";" : ",";
  const records: Array<{ line: number; values: string[] }> = [];
  let field = "";
  let values: string[] = [];
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field === "") quoted = true;
    else if (c === sep) {
      values.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      values.push(field);
      records.push({ line: startLine, values });
      values = [];
      field = "";
      line++;
      startLine = line;
    } else field += c;
  }
  if (quoted) throw new CsvError(startLine, "Dấu ngoặc kép chưa được đóng", "Unterminated quoted field");
  if (field !== "" || values.length) {
    values.push(field);
    records.push({ line: startLine, values });
  }
  const nonEmpty = records.filter((r) => r.values.some((v) => v.trim() !== ""));
  if (nonEmpty.length === 0) throw new CsvError(1, "Tệp trống, thiếu dòng tiêu đề", "Empty file: no header row");
  const [head, ...rows] = nonEmpty;
  return { header: head.values.map((h) => h.trim()), rows };
}

/** Rows as objects keyed by the header; fails naming the missing columns. */
export function csvObjects(
  table: CsvTable,
  required: readonly string[],
): Array<{ line: number; row: Record<string, string> }> {
  const missing = required.filter((c) => !table.header.includes(c));
  if (missing.length) {
    throw new CsvError(1, `Thiếu cột: ${missing.join(", ")}`, `Missing column(s): ${missing.join(", ")}`);
  }
  return table.rows.map(({ line, values }) => ({
    line,
    row: Object.fromEntries(table.header.map((h, i) => [h, (values[i] ?? "").trim()])),
  }));
}
