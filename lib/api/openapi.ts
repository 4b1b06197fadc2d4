/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas that
 * validate the requests (zod 4's JSON Schema output).
 */
import { z } from "zod";
import { dossierSchema, envelopeSchema, stepSchema } from "@/lib/ingest/dvcqg";
import { REFERENCE_KINDS } from "@/lib/ingest/reference";
import { indicatorsQuery, periodQuery, quarantineQuery, tokenInput, workbookQuery } from "./params";
import { index766Schema } from "./index766-schema";
import { HEAVY_AT_ONCE, MAX_STREAMS, RATES } from "./limits";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "draft-2020-12" });

/** Query parameters of an object schema as OpenAPI parameters. */
function parameters(s: z.ZodObject) {
  const json = schema(s) as { properties?: Record<string, { description?: string }>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({
    name, in: "query", required: json.required?.includes(name) ?? false, description: p.description, schema: p,
  }));
}

const errorBody = {
  type: "object",
  properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" }, details: {} }, required: ["code", "message"] } },
  required: ["error"],
};
/** The operation's error statuses, and on every operation 429 (with Retry-After: lib/api/limits.ts) and 500. */
const errors = (...codes: number[]) =>
  Object.fromEntries([...codes, 429, 500].map((c) => [String(c), {
    description: ERROR_TEXT[c],
    ...(c === 429 ? { headers: { "Retry-After": { description: "Số giây nên chờ / Seconds to wait", schema: { type: "integer", minimum: 1 } } } } : {}),
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  }]));
const ERROR_TEXT: Record<number, string> = {
  400: "JSON không hợp lệ / Malformed JSON", 401: "Thiếu hoặc sai mã truy cập / Missing or invalid credentials",
  403: "Ngoài phạm vi được phép / Outside the caller's scope", 404: "Không tìm thấy / Not found",
  413: "Quá lớn (tối đa 5.000 bản ghi) / Too large (max 5,000 records)", 422: "Dữ liệu không hợp lệ / Invalid input",
  429: `Quá nhiều yêu cầu: mỗi mã truy cập hoặc người dùng được ${RATES.read.perSecond} lượt đọc/giây (dồn tối đa ${RATES.read.burst}), ${RATES.sync.perSecond} lượt đồng bộ/giây (${RATES.sync.burst}), ${RATES.heavy.perSecond} báo cáo lớn/giây (${RATES.heavy.burst}; tối đa ${HEAVY_AT_ONCE} tính cùng lúc trên máy chủ), ${MAX_STREAMS} luồng cập nhật trực tiếp / Too many requests (see Retry-After)`,
  500: "Lỗi hệ thống / Internal error",
};

export function openApiDocument(origin: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Chỉ số TTHC API",
      version: "1.0.0",
      description: "Đồng bộ hồ sơ theo định dạng Cổng DVCQG, nhập dữ liệu danh mục, đọc chỉ số theo Công văn 200/VPCP-KSTT.",
    },
    servers: [{ url: `${origin}/api/v1` }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Mã truy cập (API token) của đơn vị" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "Phiên đăng nhập của cổng (ghi chỉ từ trang của cổng: Origin)" },
      },
      schemas: {
        Error: errorBody,
        Envelope: schema(envelopeSchema),
        Index766: schema(index766Schema),
        DongBoHoSoMC: schema(dossierSchema),
        CapNhatTienDoHoSoMC: schema(stepSchema),
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths: {
      "/sync": {
        post: {
          summary: "Đồng bộ hồ sơ (DongBoHoSoMC) hoặc tiến độ (CapNhatTienDoHoSoMC)",
          description: "Tối đa 5.000 bản ghi mỗi lần. Bản ghi sai bị từ chối riêng lẻ và được lưu để sửa, gửi lại. Mã truy cập có thể gửi trong trường `session`.",
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Envelope" } } } },
          responses: {
            "200": { description: "Kết quả từng bản ghi", content: { "application/json": { schema: {
              type: "object",
              properties: {
                error_code: { type: "integer", enum: [0, 1] }, message: { type: "string" },
                accepted: { type: "integer" }, rejected: { type: "integer" },
                results: { type: "array", items: { type: "object", properties: {
                  index: { type: "integer" }, MaHoSo: { type: ["string", "null"] }, status: { enum: ["ok", "rejected"] },
                  errors: { type: "array", items: { type: "object", properties: { field: { type: "string" }, vi: { type: "string" }, en: { type: "string" } } } },
                  quarantineId: { type: "integer" },
                } } },
              },
            } } } },
            ...errors(400, 401, 403, 413, 422),
          },
        },
      },
      "/indicators": {
        get: {
          summary: "Chỉ số theo kỳ, nhóm theo đơn vị, địa bàn, thủ tục, lĩnh vực (DATA.md §3)",
          parameters: parameters(indicatorsQuery),
          responses: {
            "200": { description: "Bảng chỉ số (DATA.md §3); với profile=766 mỗi dòng có thêm index766", content: { "application/json": { schema: {
              type: "object",
              properties: {
                period: { type: "object" }, by: { type: "string" }, profile: { enum: ["766"] },
                rows: { type: "array", items: { type: "object", properties: { key: { type: "string" }, name: { type: "string" }, index766: { $ref: "#/components/schemas/Index766" } } } },
              },
            } } } },
            ...errors(401, 404, 422),
          },
        },
      },
      "/dossiers/{MaHoSo}/explain": {
        get: {
          summary: "Giải thích kết luận đúng hạn/quá hạn của một hồ sơ (METHOD §A)",
          parameters: [{ name: "MaHoSo", in: "path", required: true, schema: { type: "string" } }, ...parameters(periodQuery)],
          responses: { "200": { description: "Giải thích" }, ...errors(401, 403, 404, 422) },
        },
      },
      "/import/{kind}": {
        post: {
          summary: "Nhập dữ liệu danh mục từ CSV hoặc XLSX (quản trị)",
          parameters: [
            { name: "kind", in: "path", required: true, schema: { enum: Object.keys(REFERENCE_KINDS) } },
            { name: "dryRun", in: "query", schema: { enum: ["true", "false", "1", "0"] }, description: "Chỉ kiểm tra, không ghi (true, false, 1 hoặc 0)" },
            { name: "filename", in: "query", schema: { type: "string", maxLength: 255 }, description: "Tên tệp khi gửi nguyên thân (CSV/XLSX nhận theo đuôi tệp)" },
          ],
          requestBody: { content: { "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } } } }, "text/csv": { schema: { type: "string" } } } },
          responses: { "200": { description: "Báo cáo: số dòng thêm, sửa, giữ nguyên và lỗi từng dòng" }, ...errors(401, 403, 404, 413, 422) },
        },
      },
      "/quarantine": { get: { summary: "Bản ghi đồng bộ bị từ chối trong phạm vi", parameters: parameters(quarantineQuery), responses: { "200": { description: "Danh sách" }, ...errors(401, 403, 422) } } },
      "/quarantine/{id}/resend": {
        post: {
          summary: "Gửi lại bản ghi đã sửa",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          requestBody: { content: { "application/json": { schema: {} } } },
          responses: { "200": { description: "Đã nhận" }, ...errors(400, 401, 403, 404, 422) },
        },
      },
      "/tokens": {
        get: { summary: "Mã truy cập của đơn vị", responses: { "200": { description: "Danh sách (không có giá trị mã)" }, ...errors(401, 403) } },
        post: {
          summary: "Tạo mã truy cập (chỉ hiển thị một lần)",
          requestBody: { required: true, content: { "application/json": { schema: schema(tokenInput) } } },
          responses: { "201": { description: "Mã mới" }, ...errors(400, 401, 403, 404, 413, 422) },
        },
      },
      "/events": {
        get: {
          summary: "Luồng cập nhật trực tiếp (server-sent events): sự kiện `changed` mỗi khi dữ liệu được ghi",
          description: `Tối đa ${MAX_STREAMS} luồng mở cùng lúc cho mỗi mã truy cập hoặc người dùng.`,
          responses: { "200": { description: "text/event-stream: `ready`, rồi `changed` (thời điểm, ms)", content: { "text/event-stream": { schema: { type: "string" } } } }, ...errors(401, 403) },
        },
      },
      "/reports/scorecard.xlsx": {
        get: {
          summary: "Bảng chỉ số theo cấp dưới dạng Excel (profile=766 thêm các trang tính chỉ số 766)",
          parameters: parameters(workbookQuery),
          responses: {
            "200": { description: "Tệp Excel", content: { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } } } },
            ...errors(401, 403, 404, 422),
          },
        },
      },
      "/openapi.json": {
        get: { summary: "Tài liệu OpenAPI này", security: [], responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } }, ...errors() } },
      },
      "/tokens/{id}": {
        delete: { summary: "Thu hồi mã truy cập", parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }], responses: { "204": { description: "Đã thu hồi" }, ...errors(401, 403, 404) } },
      },
    },
  };
}
