/** Shared query-parameter schemas of the API (and their OpenAPI descriptions). */
import { z } from "zod";
import { GROUP_BY, PROFILES } from "@/lib/engine/scorecard";
import { STEP_GROUPINGS } from "@/lib/method/steps";
import { QUARANTINE_STATES } from "@/db/schema";
import { CURRENT_KINDS, makePeriod } from "@/lib/method/period";
import { isLocalDate, localDate } from "@/lib/method/time";
import { fieldErrors } from "@/lib/ingest/errors";
import { decodeSegment } from "@/lib/format";
import { chars, documented, NOT_BLANK, STORABLE_TEXT } from "@/lib/json-schema";
import { ApiError } from "./errors";

const day = documented(z.string().refine(isLocalDate, "Ngày phải có dạng YYYY-MM-DD / Date must be YYYY-MM-DD"), {
  type: "string",
  format: "date",
  maxLength: 10,
  pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
  examples: ["2025-03-01"],
});
/** A code of the catalogue or the unit tree (MaDonVi, MaTTHC, MaLinhVuc, a district). */
const code = chars(0, 100).regex(
  new RegExp(STORABLE_TEXT, "u"),
  "Có ký tự không hợp lệ / Contains an invalid character",
);

export const periodQuery = z.object({
  from: day.optional().describe("Ngày đầu kỳ (YYYY-MM-DD); mặc định ngày đầu tháng hiện tại"),
  to: day.optional().describe("Ngày cuối kỳ (YYYY-MM-DD); mặc định hôm nay"),
});

export const profileParam = z
  .enum(PROFILES)
  .default("200")
  .describe(
    "Bộ chỉ số: 200 (Công văn 200/VPCP-KSTT) hoặc 766 (Quyết định 766/QĐ-TTg, thang 100 điểm: thêm index766 vào mỗi dòng đơn vị hoặc địa bàn; theo thủ tục là thời gian giải quyết bình quân; thêm các trang tính của chỉ số 766 vào tệp Excel)",
  );

export const indicatorsQuery = periodQuery.extend({
  by: z
    .enum(GROUP_BY)
    .default("agency")
    .describe("Nhóm theo: all, agency, area, procedure, field, sector (ngành, chỉ có số liệu phản ánh, kiến nghị)"),
  unit: code.optional().describe("Chỉ cơ quan này và các đơn vị trực thuộc (MaDonVi)"),
  area: code.optional().describe("Chỉ các cơ quan phục vụ địa bàn này"),
  procedure: code.optional().describe("Chỉ thủ tục này (MaTTHC)"),
  field: code.optional().describe("Chỉ lĩnh vực này (MaLinhVuc)"),
  parent: code.optional().describe("Chỉ các đơn vị con trực tiếp của đơn vị này (một cấp của bảng xếp hạng)"),
  profile: profileParam,
});

/** GET /api/v1/steps (METHOD-STEPS S.3). */
export const stepsQuery = periodQuery.extend({
  by: z
    .enum(STEP_GROUPINGS)
    .default("department")
    .describe(
      "Nhóm theo: department (phòng ban), officer (cán bộ: chỉ quản trị, lãnh đạo tỉnh, quản lý cơ quan; cán bộ chỉ thấy dòng của mình), procedure-step (bước của thủ tục)",
    ),
  unit: code.optional().describe("Chỉ cơ quan này và các đơn vị trực thuộc (MaDonVi)"),
  procedure: code.optional().describe("Chỉ hồ sơ của thủ tục này (MaTTHC)"),
  field: code.optional().describe("Chỉ hồ sơ của lĩnh vực này (MaLinhVuc)"),
});

/** GET /api/v1/worklist ("Cần ưu tiên", issue #25). */
export const worklistQuery = z.object({
  period: z
    .enum(CURRENT_KINDS)
    .default("month")
    .describe("Kỳ tính giá trị của hồ sơ (chứa hôm nay): week (tuần ISO), month, quarter, year"),
  unit: code.optional().describe("Chỉ cơ quan này và các đơn vị trực thuộc (MaDonVi)"),
  procedure: code.optional().describe("Chỉ hồ sơ của thủ tục này (MaTTHC)"),
  department: code.optional().describe("Chỉ hồ sơ đang ở phòng ban này (PhongBanXuLy của bước xử lý gần nhất)"),
});

/** A whole number in canonical decimal ("0x10", "1e2", " 5" are not), within [min, max]. */
export const intParam = (min: number, max: number) =>
  documented(
    z
      .string()
      .regex(/^(0|[1-9][0-9]{0,8})$/, "Số nguyên thập phân / A decimal integer")
      .transform(Number)
      .pipe(z.number().min(min, `Tối thiểu ${min} / At least ${min}`).max(max, `Tối đa ${max} / At most ${max}`)),
    { type: "integer", format: "int32", minimum: min, maximum: max },
  );

/** GET /quarantine: which records, a page of them. */
export const quarantineQuery = z.object({
  state: z
    .enum(QUARANTINE_STATES)
    .default("open")
    .describe("open (chờ sửa), resent (đã gửi lại), discarded (đã loại bỏ)"),
  limit: intParam(1, 500).default(50).describe("Số bản ghi mỗi trang (1–500)"),
  offset: intParam(0, 100_000_000).default(0).describe("Bỏ qua bao nhiêu bản ghi đầu"),
});

/** GET /reports/scorecard.xlsx: the period, the unit whose tier is listed, the profile. */
export const workbookQuery = periodQuery.extend({
  unit: code
    .optional()
    .describe("Đơn vị có các đơn vị con được liệt kê (MaDonVi); mặc định cấp cao nhất trong phạm vi"),
  profile: profileParam,
});

const storable = [
  new RegExp(STORABLE_TEXT, "u"),
  "Có ký tự U+0000 hoặc nửa cặp mã UTF-16 / Contains U+0000 or half a surrogate pair",
] as const;
/** POST /tokens: a new token's name and the unit whose subtree it reads and writes. */
export const tokenInput = z.object({
  name: chars(0, 200)
    .regex(new RegExp(NOT_BLANK, "u"), "Trống hoặc có ký tự không hợp lệ / Blank, or contains an invalid character")
    .trim()
    .describe("Tên gợi nhớ, ví dụ: Hệ thống một cửa Sở Tư pháp"),
  unitCode: chars(1, 100)
    .regex(...storable)
    .describe("Mã đơn vị (MaDonVi): mã truy cập chỉ đọc/ghi dữ liệu của đơn vị này và các đơn vị trực thuộc"),
});

/**
 * POST /import/{kind}: `dryRun` is true, false, 1 or 0 and nothing else ("TRUE", "yes", "2",
 * an empty value are 422: a request that meant "only check" must never run for real because
 * the word was not understood); `filename` names the raw body's file (CSV or XLSX by its end).
 */
export const importQuery = z.object({
  dryRun: z
    .enum(["true", "false", "1", "0"], { error: "Phải là true, false, 1 hoặc 0 / Must be true, false, 1 or 0" })
    .optional()
    .describe("Chỉ kiểm tra, không ghi (true, false, 1 hoặc 0)"),
  filename: chars(0, 255)
    .regex(/^[^/\\\u0000]*$/, "Tên tệp không được có / \\ hoặc U+0000 / No / \\ or U+0000 in a file name")
    .optional()
    .describe("Tên tệp khi gửi nguyên thân (CSV/XLSX nhận theo đuôi tệp)"),
});
export const isTrue = (v: "true" | "false" | "1" | "0" | undefined) => v === "true" || v === "1";

/** Parses the URL's query with `schema`; a bad value is 422 naming the parameter. */
export function parseQuery<T extends z.ZodType>(req: Request, schema: T): z.output<T> {
  const search = new URL(req.url).searchParams;
  // Every parameter here takes one value: a second one is not silently dropped (which would win?).
  const twice = [...new Set([...search.keys()].filter((k, i, all) => all.indexOf(k) !== i))];
  if (twice.length) {
    throw new ApiError(
      "unprocessable",
      "Tham số không hợp lệ",
      "Invalid query parameters",
      twice.map((k) => ({
        field: k.replaceAll("\u0000", ""),
        vi: "Chỉ được gửi một lần",
        en: "May be sent only once",
      })),
    );
  }
  const params = Object.fromEntries(search);
  // U+0000 fits no code or date, and PostgreSQL refuses it in any text parameter.
  const nul = Object.entries(params).find(([k, v]) => k.includes("\u0000") || v.includes("\u0000"));
  if (nul)
    throw new ApiError("unprocessable", "Tham số không hợp lệ", "Invalid query parameters", [
      { field: nul[0].replaceAll("\u0000", ""), vi: "Có ký tự U+0000", en: "Contains U+0000" },
    ]);
  const r = schema.safeParse(params);
  if (!r.success) {
    throw new ApiError(
      "unprocessable",
      "Tham số không hợp lệ",
      "Invalid query parameters",
      fieldErrors(r.error, params),
    );
  }
  return r.data;
}

/** METHOD §0.2 period from `from`/`to`, defaulting to the current month to date. */
export function periodFrom(q: { from?: string; to?: string }, now = new Date()) {
  const today = localDate(now);
  return makePeriod(q.from ?? `${today.slice(0, 8)}01`, q.to ?? today, now);
}

/**
 * A path segment as sent: decoded once when it still holds escapes, kept as is when it
 * does not decode (a lone "%" is a code like any other, never a 500). U+0000 is no code.
 */
export function routeParam(raw: string): string {
  const s = decodeSegment(raw);
  if (s.includes("\u0000"))
    throw new ApiError("unprocessable", "Mã không hợp lệ (có ký tự U+0000)", "Invalid code (contains U+0000)");
  return s;
}

/**
 * A record id from the path: canonical decimal only ("107", not "0x6b", "107e0" or " 107"),
 * as `Number()` would take them all and name another record. Anything else names none.
 */
export function idParam(raw: string): number {
  if (!/^[1-9][0-9]{0,14}$/.test(raw)) throw new ApiError("not_found", "Không tìm thấy", "Not found");
  return Number(raw);
}
