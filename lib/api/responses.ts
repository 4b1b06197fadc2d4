/**
 * What every /api/v1 route answers, as zod schemas: the routes build their bodies typed by
 * these (`reply`), the OpenAPI document is generated from them, and every response of the
 * test suite is validated against that document (tests/helpers/api.ts). Objects are strict:
 * a field the document does not name is a contract break, caught in the tests.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { QUARANTINE_STATES, UNIT_KINDS } from "@/db/schema";
import { BAND_LABELS } from "@/lib/method/bands";
import { DEADLINE_UNIT_LABELS, VERDICT_LABELS } from "@/lib/method/ontime";
import { RULE_766_LABELS } from "@/lib/method/i766/ontime";
import { SYNC_MESSAGES } from "@/lib/method/sync";
import { SERVICES } from "@/lib/ingest/dvcqg";
import { REFERENCE_KINDS } from "@/lib/ingest/reference";
import { int, localDay, localInstant, text } from "@/lib/json-schema";
import { ERROR_STATUS } from "./errors";
import { index766Schema } from "./index766-schema";

const keys = <T extends object>(o: T) => Object.keys(o) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]];
const count = int(0, Number.MAX_SAFE_INTEGER);
/** A percentage, not rounded; null where METHOD §0.3 leaves it undefined (it may pass 100: §Đ.3.3). */
const rate = z.number().min(0).nullable();
const band = z.enum(keys(BAND_LABELS));
const day = localDay();
/** An instant in local time with its offset (METHOD §0.1), e.g. 2025-03-31T23:59:59.999+07:00. */
const instant = localInstant();
const code = text(100);
const name = text(1000);

export const fieldErrorSchema = z.strictObject({
  field: text(500).describe("Trường có lỗi (đường dẫn trong bản ghi)"),
  vi: text(2000).describe("Lý do, tiếng Việt"),
  en: text(2000).describe("Reason, in English"),
});

export const errorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(keys(ERROR_STATUS)),
      message: text(2000).describe("Thông báo tiếng Việt / English"),
      details: z.unknown().describe("Chi tiết: lỗi từng trường, hoặc null"),
    }),
  })
  .describe("Phong bì lỗi chung của mọi đường dẫn");

export const periodSchema = z.strictObject({
  from: day,
  to: day,
  asOf: instant.describe("Thời điểm tính của kỳ (METHOD §0.2)"),
});

// ── POST /sync ────────────────────────────────────────────────────────────────
export const recordResultSchema = z.strictObject({
  index: int(0, 4999).describe("Vị trí của bản ghi trong data"),
  MaHoSo: code.nullable(),
  status: z.enum(["ok", "rejected"]),
  errors: z.array(fieldErrorSchema).max(1000).optional(),
  quarantineId: int(1, Number.MAX_SAFE_INTEGER)
    .optional()
    .describe("Số của bản ghi bị từ chối trong danh sách chờ sửa (GET /quarantine)"),
});
export const syncResultSchema = z.strictObject({
  error_code: z.union([z.literal(0), z.literal(1)]).describe("0: mọi bản ghi được nhận; 1: có bản ghi bị từ chối"),
  message: text(1000),
  accepted: count,
  rejected: count,
  results: z.array(recordResultSchema).max(5000),
});

// ── GET /indicators (DATA.md §3) ─────────────────────────────────────────────
const onTime = z
  .strictObject({
    population: count,
    onTime: count,
    late: count,
    withinDeadline: count,
    overdue: count,
    inProgress: count,
    rate,
    band,
  })
  .describe("METHOD §A: tỷ lệ đúng hạn");
const online = z
  .strictObject({
    procedures: count,
    level4: count,
    level3: count,
    level4Rate: rate,
    level3Rate: rate,
    notProvidedRate: rate,
    level34Rate: rate,
    band,
    servicesWithDossiers: count,
    servicesWithDossiersRate: rate,
    servicesWithDossiersBySource: z.strictObject({ dvcqg: count, local: count }),
    channels: z.strictObject({
      received: count,
      online: count,
      direct: int(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
      postal: count,
      onlineRate: rate,
      directRate: z.number().nullable(),
      postalRate: rate,
    }),
    onlineInProgress: z.strictObject({
      total: count,
      withinDeadline: count,
      overdue: int(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
      withinDeadlineRate: rate,
      overdueRate: z.number().nullable(),
    }),
  })
  .describe("METHOD §B: dịch vụ công trực tuyến");
const payment = z
  .strictObject({
    proceduresWithPayments: count,
    proceduresWithFeeDossiers: count,
    proceduresWithPaymentsRate: rate,
    proceduresWithFeeData: count,
    proceduresWithCatalogueFee: count,
    feeIntegrationRate: rate,
    paidOnline: count,
    paidLocal: count,
    payableDossiers: count,
    paidAnyRoute: count,
    rate,
    band,
  })
  .describe("METHOD §C: thanh toán trực tuyến");
const feedback = z
  .strictObject({
    total: count,
    regulation: count,
    conduct: count,
    regulationRate: rate,
    conductRate: rate,
  })
  .describe("METHOD §D: phản ánh, kiến nghị");
const sync = z
  .strictObject({
    synced: count,
    reportedNational: count,
    reportedPortal: count,
    denominator: count,
    rate,
    notSyncedRate: rate,
    message: z.enum(Object.values(SYNC_MESSAGES) as [string, ...string[]]).nullable(),
  })
  .describe("METHOD §Đ: đồng bộ hồ sơ");
export const scorecardRowSchema = z.strictObject({
  key: name.describe("Mã đơn vị, địa bàn, thủ tục, lĩnh vực; ALL khi by=all"),
  name,
  kind: z.enum(UNIT_KINDS).nullable().describe("Cấp của đơn vị khi các dòng là đơn vị"),
  onTime,
  online,
  payment,
  feedback,
  sync,
  index766: index766Schema.optional(),
});
export const scorecardSchema = z.strictObject({
  period: periodSchema,
  by: z.enum(["all", "agency", "area", "procedure", "field", "sector"]),
  profile: z.enum(["200", "766"]).optional(),
  rows: z.array(scorecardRowSchema).max(1_000_000),
});

// ── GET /steps (METHOD-STEPS S.3) ─────────────────────────────────────────────
const stepRow = z.strictObject({
  key: text(1000).describe(
    "Khóa: tên phòng ban hoặc cán bộ (chữ thường, khoảng trắng gộp; rỗng khi chưa xác định) hoặc MaTTHC|TrangThai",
  ),
  name: text(1000),
  unit: text(1000).describe("MaDonVi của hồ sơ (rỗng ở dòng tổng)"),
  steps: count,
  judged: count.describe("Bước có hạn xử lý của bước"),
  onTime: count,
  late: count,
  rate: z.number().min(0).max(100).nullable().describe("Tỷ lệ bước đúng hạn (%); null khi không bước nào có hạn"),
  band: band.describe("Màu theo METHOD §0.4 của tỷ lệ đúng hạn"),
  daysMedian: z.number().min(0).nullable().describe("Trung vị số ngày làm việc giữ hồ sơ"),
  daysMean: z.number().min(0).nullable(),
  lateDossiers: count.describe("Hồ sơ quá hạn (METHOD §A) có ít nhất một bước trễ của dòng này"),
});
export const stepsSchema = z.strictObject({
  period: periodSchema,
  by: z.enum(["department", "officer", "procedure-step"]),
  rows: z.array(stepRow).max(1_000_000),
  totals: stepRow.describe("Tổng của mọi bước trong kỳ và phạm vi: các dòng cộng lại bằng tổng (S.3.1)"),
});

// ── GET /worklist ("Cần ưu tiên", issue #25) ─────────────────────────────────
const worklistItem = z.strictObject({
  code,
  unit: z.strictObject({ code, name: name.nullable() }),
  procedure: z.strictObject({ code: code.nullable(), name: name.nullable() }),
  department: z
    .strictObject({ key: name, name })
    .describe("Phòng ban đang giữ hồ sơ: của bước xử lý gần nhất (METHOD-STEPS S.1.2)"),
  start: instant.nullable(),
  dueAt: instant.nullable().describe("Hạn (METHOD §A.4); null: thiếu ngày tiếp nhận hoặc thời hạn, tính là quá hạn"),
  overdue: z.boolean(),
  dueInPeriod: z.boolean().describe("Còn hạn và hạn trước cuối kỳ: xử lý trễ sẽ làm giảm chỉ số của kỳ"),
  leftMinutes: int(-1_000_000_000, 1_000_000_000).nullable().describe("Số phút đến hạn; âm: đã quá hạn bấy nhiêu"),
  leftWorkingDays: int(-100_000, 100_000).nullable().describe("Số ngày làm việc từ hôm nay đến ngày hạn; âm: quá hạn"),
  worth: z
    .strictObject({
      rate: z
        .number()
        .min(0)
        .describe("Điểm phần trăm tỷ lệ đúng hạn (METHOD §A.5) của đơn vị trong kỳ mất đi nếu xử lý trễ"),
      points766: z.number().min(0).describe("Điểm chỉ số 2.1 (766) của đơn vị trong kỳ mất đi nếu xử lý trễ"),
    })
    .describe("Giá trị của việc xử lý đúng hạn: 0 khi đã quá hạn hoặc hạn sau cuối kỳ"),
});
export const worklistSchema = z.strictObject({
  period: periodSchema,
  total: count.describe("Hồ sơ đang xử lý trong phạm vi (với các bộ lọc)"),
  overdue: count,
  atStake: count.describe("Hồ sơ còn trong hạn, hạn trong kỳ: xử lý trễ sẽ làm giảm chỉ số của kỳ"),
  items: z.array(worklistItem).max(1000),
});

// ── GET /dossiers/{MaHoSo}/explain (METHOD §A) ───────────────────────────────
const verdict = z.enum(keys(VERDICT_LABELS));
export const explanationSchema = z.strictObject({
  period: periodSchema,
  code,
  unit: z.strictObject({ code, name: name.nullable() }),
  procedure: z.strictObject({ code: code.nullable(), name: name.nullable(), known: z.boolean() }),
  status: z.strictObject({ code: int(1, 10), label: name }),
  channel: int(1, 3).nullable(),
  inPopulation: z.boolean(),
  start: z.strictObject({
    at: instant.nullable(),
    source: z.enum(["received", "first_step"]).nullable(),
    field: name.nullable(),
  }),
  end: z
    .strictObject({ at: instant, status: int(1, 10).nullable(), statusLabel: name, source: z.enum(["event", "asOf"]) })
    .nullable(),
  deadline: z
    .strictObject({ value: z.number().min(0), unit: z.enum(keys(DEADLINE_UNIT_LABELS)), unitLabel: name })
    .nullable(),
  dueAt: instant.nullable().describe("Thời điểm cuối cùng còn đúng hạn (qua cả ngày nghỉ ngay sau ngày hạn)"),
  dueDate: day.nullable().describe("Ngày hạn như người đọc hiểu: ngày làm việc thứ N (METHOD §A.4, §A.6)"),
  elapsed: z.strictObject({ value: z.number(), unitLabel: name }).nullable(),
  verdict: verdict.nullable(),
  verdictLabel: name,
  clause: name,
  reason: text(4000),
  sqlVerdict: verdict.nullable(),
  i766: z.strictObject({
    verdict: verdict.nullable(),
    verdictLabel: name,
    rule: z.enum(keys(RULE_766_LABELS)),
    ruleLabel: name,
    end: z.strictObject({ at: instant, status: int(1, 10), label: name, bySupplement: z.boolean() }).nullable(),
    waitingMs: z.number().min(0),
    supplements: count,
    appointmentAt: instant.nullable(),
    due: instant.nullable(),
    sqlVerdict: verdict.nullable(),
  }),
  steps: z
    .array(
      z.strictObject({
        status: int(1, 10),
        label: name,
        at: instant,
        handler: name.nullable(),
        content: text(4000).nullable(),
      }),
    )
    .max(100_000),
});

// ── POST /import/{kind} ───────────────────────────────────────────────────────
export const importReportSchema = z.strictObject({
  kind: z.enum(keys(REFERENCE_KINDS)),
  dryRun: z.boolean(),
  rows: count,
  valid: count,
  inserted: count,
  updated: count,
  unchanged: count,
  errors: z.array(fieldErrorSchema.extend({ line: count })).max(10_000_000),
  repeats: z
    .array(z.strictObject({ line: count, earlierLine: count, key: name, rule: z.enum(["replaced", "merged"]) }))
    .max(10_000_000)
    .describe("Khóa gặp lại trong tệp: dòng sau thay dòng trước, hoặc các dòng thẩm quyền được gộp"),
});

// ── GET /quarantine, POST /quarantine/{id}/resend ────────────────────────────
export const quarantinedSchema = z.strictObject({
  id: int(1, Number.MAX_SAFE_INTEGER),
  receivedAt: instant,
  service: z.enum(SERVICES),
  unitCode: code.nullable().describe("Đơn vị mà bản ghi được gửi cho"),
  dossierCode: code.nullable(),
  payload: z.unknown().describe("Bản ghi như đã nhận (ký tự không lưu được hiện dạng \\u0000)"),
  errors: z.array(fieldErrorSchema).max(1000),
  state: z.enum(QUARANTINE_STATES),
});
export const quarantineListSchema = z.strictObject({ total: count, items: z.array(quarantinedSchema).max(500) });
export const resendResultSchema = z
  .strictObject({
    index: z.literal(0),
    MaHoSo: code.nullable(),
    status: z.literal("ok"),
  })
  .describe("Bản ghi đã được nhận; bản ghi còn lỗi được trả 422 với lỗi từng trường trong error.details");

// ── /tokens ───────────────────────────────────────────────────────────────────
export const tokenSchema = z.strictObject({
  id: int(1, Number.MAX_SAFE_INTEGER),
  name,
  unitCode: code,
  createdAt: instant,
  lastUsedAt: instant.nullable(),
  revokedAt: instant.nullable(),
});
export const tokenListSchema = z.strictObject({ items: z.array(tokenSchema).max(100_000) });
export const tokenCreatedSchema = z.strictObject({
  id: int(1, Number.MAX_SAFE_INTEGER),
  token: z
    .string()
    .min(20)
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/)
    .describe("Giá trị mã: chỉ hiển thị một lần"),
});

/**
 * A JSON response whose body the compiler holds to `schema` (dates written as the local
 * instants of METHOD §0.1). Not parsed at run time: the suite validates every response.
 */
export function reply<S extends z.ZodType>(_schema: S, body: z.input<S>, init?: ResponseInit): Response {
  return NextResponse.json(body, init);
}
