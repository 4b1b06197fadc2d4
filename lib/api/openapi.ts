/**
 * The OpenAPI 3.1 document of /api/v1: the contract. Requests and responses are the
 * server's own zod schemas (lib/api/params.ts, lib/api/responses.ts, lib/ingest/dvcqg.ts)
 * as JSON Schema 2020-12; limits come from the constants the server enforces. The suite
 * validates every response it receives against this document (tests/helpers/api.ts) and
 * drives every operation with generated input (tests/api/contract.test.ts); Spectral with
 * the OWASP rules lints it in CI (`npm run lint:api`).
 */
import { envelopeSchema, dossierSchema, SERVICES, stepSchema } from "@/lib/ingest/dvcqg";
import { MAX_BATCH, RECORD_LIMITS } from "@/lib/ingest/bounds";
import { REFERENCE_KINDS } from "@/lib/ingest/reference";
import { jsonSchema, NOT_BLANK, STORABLE_TEXT } from "@/lib/json-schema";
import {
  importQuery,
  indicatorsQuery,
  periodQuery,
  quarantineQuery,
  stepsQuery,
  worklistQuery,
  tokenInput,
  workbookQuery,
} from "./params";
import { BODY_LIMITS, HEAVY_AT_ONCE, MAX_STREAMS, RATES } from "./limits";
import { index766Schema } from "./index766-schema";
import * as out from "./responses";

type Json = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const MiB = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** Query parameters of an object schema as OpenAPI parameters. */
function parameters(s: Parameters<typeof jsonSchema>[0]) {
  const json = jsonSchema(s) as { properties?: Record<string, { description?: string }>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, p]) => {
    const { description, ...schema } = p;
    return { name, in: "query", required: json.required?.includes(name) ?? false, description, schema };
  });
}

/** Every `additionalProperties: {}` (a record keeps fields we do not read) as storable JSON. */
function storableExtras(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(storableExtras);
  if (!json || typeof json !== "object") return json;
  return Object.fromEntries(
    Object.entries(json).map(([k, v]) => [
      k,
      k === "additionalProperties" && v && typeof v === "object" && Object.keys(v).length === 0
        ? ref("StorableJson")
        : storableExtras(v),
    ]),
  );
}

/**
 * An envelope of one service: its records are that service's. A dossier names its unit
 * (MaDonVi), or the envelope does for all (madonvi). [decision] A token's own unit is also
 * taken when both are absent (DATA.md §1), but the document asks for one of the two: a
 * sender who follows it never depends on which credential carried the batch.
 */
function envelopeOf(service: (typeof SERVICES)[number]) {
  const base = jsonSchema(envelopeSchema) as { properties: Json; required: string[] };
  const named = { type: ["string", "number"], maxLength: 50, pattern: NOT_BLANK };
  return {
    ...base,
    ...(service === "DongBoHoSoMC"
      ? {
          if: { required: ["madonvi"], properties: { madonvi: { pattern: NOT_BLANK } } },
          else: { properties: { data: { items: { required: ["MaDonVi"], properties: { MaDonVi: named } } } } },
        }
      : {}),
    additionalProperties: ref("StorableJson"),
    properties: {
      ...base.properties,
      service: { const: service },
      data: {
        type: "array",
        maxItems: MAX_BATCH,
        items: ref(service),
        description: `Tối đa ${MAX_BATCH.toLocaleString("vi-VN")} bản ghi. Bản ghi sai bị từ chối riêng (vào danh sách chờ sửa), các bản ghi khác vẫn được nhận.`,
      },
    },
  };
}

/** The scorecard, its rows' `index766` named as the schema Index766 (one definition, as README cites it). */
function scorecardJson() {
  const json = jsonSchema(out.scorecardSchema, "output") as { properties: { rows: { items: { properties: Json } } } };
  json.properties.rows.items.properties.index766 = { ...ref("Index766"), description: "Chỉ khi profile=766" };
  return json;
}

const rateHeaders = {
  "RateLimit-Limit": { $ref: "#/components/headers/RateLimit-Limit" },
  "RateLimit-Remaining": { $ref: "#/components/headers/RateLimit-Remaining" },
  "RateLimit-Reset": { $ref: "#/components/headers/RateLimit-Reset" },
  "Access-Control-Allow-Origin": { $ref: "#/components/headers/Access-Control-Allow-Origin" },
};

const ERROR_TEXT: Record<number, string> = {
  400: "JSON không hợp lệ / Malformed JSON",
  401: "Thiếu hoặc sai mã truy cập / Missing or invalid credentials",
  403: "Ngoài phạm vi được phép, hoặc vai trò không được làm việc này / Outside the caller's scope or role",
  404: "Không tìm thấy (hoặc ngoài phạm vi) / Not found",
  413: "Quá lớn / Too large",
  422: "Dữ liệu không hợp lệ: lỗi từng trường trong error.details / Invalid input",
  429: `Quá nhiều yêu cầu: mỗi mã truy cập, người dùng hoặc địa chỉ được ${RATES.read.perSecond} lượt đọc/giây (dồn tối đa ${RATES.read.burst}), ${RATES.sync.perSecond} lượt đồng bộ/giây (${RATES.sync.burst}), ${RATES.heavy.perSecond} báo cáo lớn/giây (${RATES.heavy.burst}; tối đa ${HEAVY_AT_ONCE} tính cùng lúc trên máy chủ), ${MAX_STREAMS} luồng cập nhật trực tiếp / Too many requests (see Retry-After)`,
  500: "Lỗi hệ thống / Internal error",
};

/** The operation's error statuses, and on every operation 429 (with Retry-After) and 500. */
const errors = (...codes: number[]) =>
  Object.fromEntries(
    [...codes, 429, 500].map((c) => [
      String(c),
      {
        description: ERROR_TEXT[c],
        headers:
          c === 429 ? { ...rateHeaders, "Retry-After": { $ref: "#/components/headers/Retry-After" } } : rateHeaders,
        content: { "application/json": { schema: ref("Error") } },
      },
    ]),
  );
const ok = (description: string, schema: Json, type = "application/json") => ({
  description,
  headers: rateHeaders,
  content: { [type]: { schema } },
});
const json = (schema: Json) => ({ "application/json": { schema } });

const positiveId = (what: string) => ({
  type: "integer",
  format: "int64",
  minimum: 1,
  maximum: 999_999_999_999_999,
  description: `Số của ${what} (số thập phân)`,
});

export function openApiDocument(
  origin: string,
  environment = process.env.NODE_ENV === "production" ? "production" : "local",
) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Chỉ số TTHC API",
      version: "1.1.0",
      description:
        "Đồng bộ hồ sơ theo định dạng Cổng DVCQG, nhập dữ liệu danh mục, đọc chỉ số theo Công văn 200/VPCP-KSTT và chỉ số 766. " +
        "Mọi phản hồi ghi hạn mức còn lại của người gọi (RateLimit-*); mọi lỗi dùng một phong bì `{ error: { code, message, details } }`.",
      contact: { name: "Trung tâm Phục vụ hành chính công", url: `${origin}/tai-lieu-api` },
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: `${origin}/api/v1`, description: `Cổng này (${environment})`, "x-internal": false }],
    tags: [
      { name: "Đồng bộ", description: "Hồ sơ và tiến độ từ hệ thống một cửa (DATA.md §1)" },
      { name: "Chỉ số", description: "Chỉ số theo kỳ, đơn vị, địa bàn, thủ tục, lĩnh vực" },
      { name: "Rà soát", description: "Bản ghi bị từ chối, chờ sửa và gửi lại" },
      { name: "Danh mục", description: "Nhập thủ tục, đơn vị, lịch, phản ánh, số báo cáo (DATA.md §2)" },
      { name: "Quản trị", description: "Mã truy cập của đơn vị" },
      { name: "Tài liệu", description: "Tài liệu này" },
    ],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Mã truy cập (API token) của đơn vị" },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "Phiên đăng nhập của cổng (ghi chỉ từ trang của cổng: Origin)",
        },
      },
      headers: {
        "RateLimit-Limit": {
          description: "Số yêu cầu tối đa dồn được của loại yêu cầu này / Requests the caller's bucket holds",
          schema: { type: "integer", format: "int32", minimum: 1, maximum: 1000 },
        },
        "RateLimit-Remaining": {
          description: "Số yêu cầu còn lại ngay lúc này / Requests left now",
          schema: { type: "integer", format: "int32", minimum: 0, maximum: 1000 },
        },
        "RateLimit-Reset": {
          description: "Số giây đến khi đầy lại / Seconds until the bucket is full again",
          schema: { type: "integer", format: "int32", minimum: 0, maximum: 3600 },
        },
        "Retry-After": {
          description: "Số giây nên chờ / Seconds to wait",
          schema: { type: "integer", format: "int32", minimum: 1, maximum: 3600 },
        },
        "Access-Control-Allow-Origin": {
          description:
            "Chỉ trang của chính cổng này được đọc từ trình duyệt / Only this portal's own pages may read it from a browser",
          schema: { type: "string", format: "uri", maxLength: 300 },
        },
      },
      schemas: {
        Error: jsonSchema(out.errorSchema, "output"),
        Envelope: {
          oneOf: SERVICES.map((s) => ref(`Envelope${s}`)),
          discriminator: { propertyName: "service" },
          description: "Phong bì đồng bộ của Cổng DVCQG",
        },
        EnvelopeDongBoHoSoMC: envelopeOf("DongBoHoSoMC"),
        EnvelopeCapNhatTienDoHoSoMC: envelopeOf("CapNhatTienDoHoSoMC"),
        DongBoHoSoMC: {
          ...(storableExtras(jsonSchema(dossierSchema)) as Json),
          description: `Hồ sơ (DATA.md §1). Các trường khác được giữ nguyên văn; cả bản ghi tối đa ${RECORD_LIMITS.bytes / 1024} KiB JSON, lồng tối đa ${RECORD_LIMITS.depth} cấp. MaDonVi (hoặc madonvi của phong bì) phải là đơn vị trong phạm vi của mã truy cập.`,
        },
        CapNhatTienDoHoSoMC: {
          ...(storableExtras(jsonSchema(stepSchema)) as Json),
          description: "Một bước xử lý của hồ sơ đã đồng bộ (DATA.md §1)",
        },
        StorableJson: {
          description: "Giá trị JSON bất kỳ mà cơ sở dữ liệu lưu được: không có U+0000, không có nửa cặp mã UTF-16",
          anyOf: [
            { type: "string", maxLength: RECORD_LIMITS.bytes, pattern: STORABLE_TEXT },
            { type: "number" },
            { type: "boolean" },
            { type: "null" },
            { type: "array", maxItems: RECORD_LIMITS.bytes, items: ref("StorableJson") },
            {
              type: "object",
              maxProperties: RECORD_LIMITS.bytes,
              propertyNames: { maxLength: RECORD_LIMITS.bytes, pattern: STORABLE_TEXT },
              additionalProperties: ref("StorableJson"),
            },
          ],
        },
        SyncResult: jsonSchema(out.syncResultSchema, "output"),
        Scorecard: scorecardJson(),
        Index766: jsonSchema(index766Schema, "output"),
        Explanation: jsonSchema(out.explanationSchema, "output"),
        ImportReport: jsonSchema(out.importReportSchema, "output"),
        QuarantineList: jsonSchema(out.quarantineListSchema, "output"),
        ResendResult: jsonSchema(out.resendResultSchema, "output"),
        TokenInput: jsonSchema(tokenInput),
        TokenList: jsonSchema(out.tokenListSchema, "output"),
        TokenCreated: jsonSchema(out.tokenCreatedSchema, "output"),
        Steps: jsonSchema(out.stepsSchema, "output"),
        Worklist: jsonSchema(out.worklistSchema, "output"),
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths: {
      "/sync": {
        post: {
          operationId: "sync",
          tags: ["Đồng bộ"],
          summary: "Đồng bộ hồ sơ (DongBoHoSoMC) hoặc tiến độ (CapNhatTienDoHoSoMC)",
          description: `Tối đa ${MAX_BATCH.toLocaleString("vi-VN")} bản ghi, ${MiB(BODY_LIMITS.sync)} mỗi lần (${MiB(BODY_LIMITS.syncUnauthenticated)} khi mã truy cập gửi trong trường \`session\` thay vì tiêu đề Authorization). Bản ghi sai bị từ chối riêng lẻ và được lưu để sửa, gửi lại; \`error_code\` = 0 chỉ khi mọi bản ghi được nhận.`,
          requestBody: { required: true, content: json(ref("Envelope")) },
          responses: { "200": ok("Kết quả từng bản ghi", ref("SyncResult")), ...errors(400, 401, 403, 413, 422) },
        },
      },
      "/indicators": {
        get: {
          operationId: "indicators",
          tags: ["Chỉ số"],
          summary: "Chỉ số theo kỳ, nhóm theo đơn vị, địa bàn, thủ tục, lĩnh vực (DATA.md §3)",
          description:
            "Cùng kết quả với `tthc evaluate --json`, trong phạm vi của người gọi. Kỳ dài hơn một năm và profile=766 là yêu cầu lớn (xếp hàng, hạn mức riêng).",
          parameters: parameters(indicatorsQuery),
          responses: {
            "200": ok("Bảng chỉ số (DATA.md §3); với profile=766 mỗi dòng có thêm index766", ref("Scorecard")),
            ...errors(401, 403, 404, 422),
          },
        },
      },
      "/steps": {
        get: {
          operationId: "steps",
          tags: ["Chỉ số"],
          summary: "Thời gian ở từng bước xử lý: theo phòng ban, cán bộ, bước của thủ tục (METHOD-STEPS)",
          description:
            "Các bước kết thúc trong kỳ của hồ sơ trong phạm vi người gọi: số bước, bước có hạn, đúng hạn, trễ, tỷ lệ và màu, trung vị và trung bình số ngày làm việc, số hồ sơ quá hạn có bước trễ; kèm dòng tổng. Theo cán bộ (by=officer) là dữ liệu cá nhân: chỉ quản trị, lãnh đạo tỉnh và quản lý cơ quan (trong phạm vi của mình); cán bộ chỉ thấy dòng của mình; mã truy cập API và tài khoản xem số liệu công khai bị từ chối; mỗi lần xem được ghi nhật ký.",
          parameters: parameters(stepsQuery),
          responses: { "200": ok("Bảng theo bước xử lý", ref("Steps")), ...errors(401, 403, 404, 422) },
        },
      },
      "/worklist": {
        get: {
          operationId: "worklist",
          tags: ["Chỉ số"],
          summary: "Cần ưu tiên: hồ sơ đang xử lý, sắp đến hạn trước, kèm giá trị của việc xử lý đúng hạn",
          description:
            "Hồ sơ đang xử lý trong phạm vi người gọi (tối đa 200, sắp theo thời gian còn lại rồi theo giá trị; hồ sơ đã quá hạn xếp sau), hạn, thời gian còn lại, phòng ban đang giữ, và số điểm tỷ lệ đúng hạn (METHOD §A.5) cùng điểm chỉ số 2.1 (766) của đơn vị trong kỳ sẽ mất nếu hồ sơ bị xử lý trễ.",
          parameters: parameters(worklistQuery),
          responses: { "200": ok("Danh sách cần ưu tiên", ref("Worklist")), ...errors(401, 403, 404, 422) },
        },
      },
      "/dossiers/{MaHoSo}/explain": {
        get: {
          operationId: "explainDossier",
          tags: ["Chỉ số"],
          summary: "Giải thích kết luận đúng hạn/quá hạn của một hồ sơ (METHOD §A)",
          description:
            "Mốc bắt đầu, kết thúc, hạn, kết luận và lý do, theo Công văn 200 và theo chỉ số 766, kèm kết luận của bộ tính SQL (phải trùng).",
          parameters: [
            {
              name: "MaHoSo",
              in: "path",
              required: true,
              schema: { type: "string", minLength: 1, maxLength: 100, pattern: STORABLE_TEXT },
            },
            ...parameters(periodQuery),
          ],
          responses: { "200": ok("Giải thích", ref("Explanation")), ...errors(401, 403, 404, 422) },
        },
      },
      "/import/{kind}": {
        post: {
          operationId: "importReference",
          tags: ["Danh mục"],
          summary: "Nhập dữ liệu danh mục từ CSV hoặc XLSX (quản trị)",
          description: `Tệp tối đa ${MiB(BODY_LIMITS.import)}, gửi dạng multipart (trường file) hoặc nguyên thân. Dòng sai được báo theo số dòng; các dòng đúng vẫn được nhập.`,
          parameters: [
            { name: "kind", in: "path", required: true, schema: { enum: Object.keys(REFERENCE_KINDS) } },
            ...parameters(importQuery),
          ],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["file"],
                  properties: { file: { type: "string", format: "binary", maxLength: BODY_LIMITS.import } },
                },
              },
              "text/csv": { schema: { type: "string", maxLength: BODY_LIMITS.import, pattern: STORABLE_TEXT } },
            },
          },
          responses: {
            "200": ok("Báo cáo: số dòng thêm, sửa, giữ nguyên, lỗi từng dòng và khóa lặp", ref("ImportReport")),
            ...errors(401, 403, 404, 413, 422),
          },
        },
      },
      "/quarantine": {
        get: {
          operationId: "listQuarantine",
          tags: ["Rà soát"],
          summary: "Bản ghi đồng bộ bị từ chối trong phạm vi",
          description: "Mới nhất trước; mỗi bản ghi kèm lỗi từng trường như khi bị từ chối.",
          parameters: parameters(quarantineQuery),
          responses: { "200": ok("Danh sách", ref("QuarantineList")), ...errors(401, 403, 422) },
        },
      },
      "/quarantine/{id}/resend": {
        post: {
          operationId: "resendQuarantined",
          tags: ["Rà soát"],
          summary: "Gửi lại bản ghi đã sửa",
          description: `Thân là bản ghi đã sửa, cùng loại với bản ghi bị từ chối (tối đa ${RECORD_LIMITS.bytes / 1024} KiB). Còn lỗi: 422, bản ghi vẫn chờ sửa với lỗi mới.`,
          parameters: [{ name: "id", in: "path", required: true, schema: positiveId("bản ghi chờ sửa") }],
          requestBody: { required: true, content: json({ anyOf: SERVICES.map(ref) }) },
          responses: { "200": ok("Đã nhận", ref("ResendResult")), ...errors(400, 401, 403, 404, 413, 422) },
        },
      },
      "/tokens": {
        get: {
          operationId: "listTokens",
          tags: ["Quản trị"],
          summary: "Mã truy cập của đơn vị",
          description: "Các mã trong phạm vi của người gọi, không kèm giá trị mã.",
          responses: { "200": ok("Danh sách", ref("TokenList")), ...errors(401, 403) },
        },
        post: {
          operationId: "createToken",
          tags: ["Quản trị"],
          summary: "Tạo mã truy cập (chỉ hiển thị một lần)",
          description: `Thân tối đa ${BODY_LIMITS.token / 1024} KiB.`,
          requestBody: { required: true, content: json(ref("TokenInput")) },
          responses: { "201": ok("Mã mới", ref("TokenCreated")), ...errors(400, 401, 403, 404, 413, 422) },
        },
      },
      "/tokens/{id}": {
        delete: {
          operationId: "revokeToken",
          tags: ["Quản trị"],
          summary: "Thu hồi mã truy cập",
          description: "Mã bị thu hồi không dùng được nữa; mã ngoài phạm vi là 404.",
          parameters: [{ name: "id", in: "path", required: true, schema: positiveId("mã truy cập") }],
          responses: { "204": { description: "Đã thu hồi", headers: rateHeaders }, ...errors(401, 403, 404) },
        },
      },
      "/events": {
        get: {
          operationId: "events",
          tags: ["Chỉ số"],
          summary: "Luồng cập nhật trực tiếp (server-sent events)",
          description: `Sự kiện \`ready\`, rồi \`changed\` (thời điểm, ms) mỗi khi dữ liệu được ghi. Tối đa ${MAX_STREAMS} luồng mở cùng lúc cho mỗi mã truy cập hoặc người dùng.`,
          // A stream has no length: its schema states the form of its lines, not a size.
          responses: {
            "200": ok(
              "text/event-stream",
              { description: "Các dòng `event:`/`data:`; dòng `: ping` mỗi 25 giây" },
              "text/event-stream",
            ),
            ...errors(401, 403),
          },
        },
      },
      "/reports/scorecard.xlsx": {
        get: {
          operationId: "scorecardWorkbook",
          tags: ["Chỉ số"],
          summary: "Bảng chỉ số theo cấp dưới dạng Excel",
          description:
            "Dòng đầu là đơn vị được chọn, sau đó các đơn vị con trực tiếp; profile=766 thêm các trang tính chỉ số 766. Là yêu cầu lớn (xếp hàng, hạn mức riêng).",
          parameters: parameters(workbookQuery),
          responses: {
            "200": ok(
              "Tệp Excel",
              { type: "string", format: "binary", maxLength: 256 * 1024 * 1024 },
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            ...errors(401, 403, 404, 422),
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "openapi",
          tags: ["Tài liệu"],
          security: [],
          summary: "Tài liệu OpenAPI này",
          description: "Công khai, không cần đăng nhập; tính theo địa chỉ người gọi.",
          responses: { "200": ok("OpenAPI 3.1", { type: "object", required: ["openapi", "paths"] }), ...errors() },
        },
      },
    },
  };
}
