/**
 * DATA.md §1: the records one-stop systems send to DVCQG (`DongBoHoSoMC`,
 * `CapNhatTienDoHoSoMC`), validated and mapped to rows. Real senders send every
 * scalar as a string, empty strings for absent values and fields we do not use:
 * all of that is accepted, and the record is kept whole as received.
 */
import { z } from "zod";
import type { DossierRow, StepRow } from "@/lib/store/writes";
import { feeStateOf } from "@/lib/method/payment";
import { isStatusCode } from "@/lib/method/status";
import { INSTANT_PATTERN, parseInstant } from "@/lib/method/time";
import { charCount, chars, documented, longerThan, NOT_BLANK, STORABLE_TEXT } from "@/lib/json-schema";
import { RECORD_LIMITS, recordBoundsError } from "./bounds";
import { fieldErrors, msg, quoted, type FieldError } from "./errors";
import { quickDossier } from "./fast";

const scalar = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

/*
 * What the API document says of each field (lib/json-schema.ts): the same limits, stated
 * the way a sender reads them. Where the server is lenient (spaces around a value, "01" for
 * a status) the document states the plain form; whatever the document calls valid, the
 * server accepts (tests/api/contract.test.ts).
 */
const DATE_TEXT = "Ngày giờ yyyyMMddHHmmss (giờ Việt Nam) hoặc ISO 8601, năm 1900–2100; rỗng hoặc null = không có";
const instantJson = (required: boolean) =>
  required
    ? {
        type: "string",
        maxLength: 40,
        pattern: INSTANT_PATTERN,
        description: DATE_TEXT.replace("; rỗng hoặc null = không có", "; bắt buộc"),
        examples: ["20250303090000", "2025-03-03T09:00:00+07:00"],
      }
    : {
        type: ["string", "null"],
        maxLength: 40,
        pattern: `${INSTANT_PATTERN.slice(0, -1)}|^$`,
        description: DATE_TEXT,
        examples: ["20250303090000", "", null],
      };
const textJson = (max: number) => ({
  type: ["string", "number", "null"],
  maxLength: max,
  pattern: STORABLE_TEXT,
  description: `Văn bản, tối đa ${max} ký tự`,
});
const codeJson = (allowed: readonly string[]) => ({
  enum: [...allowed, ...allowed.filter((c) => /^[0-9]+$/.test(c)).map(Number), "", null],
});
const STATUS_CODES = Array.from({ length: 10 }, (_, i) => i + 1);
/** MaHoSo: 1–100 characters, not blank. */
const dossierCodeJson = {
  type: ["string", "number"],
  minLength: 1,
  maxLength: 100,
  pattern: NOT_BLANK,
  description: "Mã hồ sơ (1–100 ký tự; một số được đọc như chuỗi)",
  examples: ["000.00.12.H22-250303-0001"],
};

/** A date-time: `yyyyMMddHHmmss` (local) or ISO 8601; "" or absent = no value. */
const toInstant = (v: string | null | undefined, ctx: z.RefinementCtx) => {
  const d = parseInstant(v ?? null);
  if (d === undefined) {
    ctx.addIssue({
      code: "custom",
      message: msg(
        `Ngày giờ không hợp lệ ${quoted(v)}, cần yyyyMMddHHmmss hoặc ISO 8601, năm 1900–2100`,
        `Invalid date-time ${quoted(v)}, expected yyyyMMddHHmmss or ISO 8601, years 1900–2100`,
      ),
    });
    return z.NEVER;
  }
  return d;
};
const instantField = documented(z.union([z.string(), z.null()]).optional().transform(toInstant), instantJson(false));

const statusField = (name: string) =>
  documented(
    z
      .union([z.string(), z.number()], {
        error: msg(`${name} phải là mã trạng thái 1–10`, `${name} must be a status code 1–10`),
      })
      .transform((v, ctx) => {
        const n = Number(String(v).trim());
        if (String(v).trim() === "" || !isStatusCode(n)) {
          ctx.addIssue({
            code: "custom",
            message: msg(
              `Mã trạng thái không hợp lệ ${quoted(v)} (cần 1–10)`,
              `Unknown status code ${quoted(v)} (expected 1–10)`,
            ),
          });
          return z.NEVER;
        }
        return n;
      }),
    {
      enum: [...STATUS_CODES.map(String), ...STATUS_CODES],
      description: "Mã trạng thái 1–10 (research/domain.md §1.2)",
    },
  );

const optionalCode = (allowed: readonly string[], vi: string, en: string) =>
  documented(
    z
      .union([z.string(), z.number(), z.null()])
      .optional()
      .transform((v, ctx) => {
        const s = v == null ? "" : String(v).trim();
        if (s === "") return null;
        if (!allowed.includes(s)) {
          ctx.addIssue({ code: "custom", message: msg(`${vi} ${quoted(s)}`, `${en} ${quoted(s)}`) });
          return z.NEVER;
        }
        return s;
      }),
    codeJson(allowed),
  );

/** Optional text; longer than `max` is an error (never cut: a cut code would name another record). */
const text = (max: number) =>
  documented(
    z
      .union([z.string(), z.number(), z.null()])
      .optional()
      .transform((v, ctx) => {
        const s = v == null ? "" : String(v).trim();
        if (longerThan(s, max)) {
          ctx.addIssue({
            code: "custom",
            message: msg(
              `Quá dài (${charCount(s)} ký tự, tối đa ${max})`,
              `Too long (${charCount(s)} characters, max ${max})`,
            ),
          });
          return z.NEVER;
        }
        return s === "" ? null : s;
      }),
    textJson(max),
  );

const dossierCode = documented(
  scalar.pipe(
    z
      .string()
      .min(1, msg("MaHoSo trống", "MaHoSo is empty"))
      .refine(
        (s) => !longerThan(s, 100),
        msg("MaHoSo quá dài (tối đa 100 ký tự)", "MaHoSo too long (max 100 characters)"),
      ),
  ),
  dossierCodeJson,
);

/** A date-time that must be there (a step's ThoiDiemXuLy): absent, null or "" is an error. */
const requiredInstant = documented(
  z
    .union([z.string(), z.null()], { error: msg("Thiếu ThoiDiemXuLy", "ThoiDiemXuLy is missing") })
    .transform(toInstant)
    .refine((d) => d !== null, msg("Thiếu ThoiDiemXuLy", "ThoiDiemXuLy is missing")),
  instantJson(true),
);

export const stepSchema = z.looseObject({
  MaHoSo: dossierCode,
  TrangThai: statusField("TrangThai"),
  ThoiDiemXuLy: requiredInstant,
  NguoiXuLy: text(200),
  ChucDanh: text(200),
  PhongBanXuLy: text(300),
  NoiDungXuLy: text(2000),
  NgayBatDau: instantField,
  NgayKetThucTheoQuyDinh: instantField,
});

const feeLine = z.looseObject({
  Gia: documented(
    z
      .union([z.number(), z.string()])
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || String(v).trim() === "") return 0;
        const n = Number(String(v).trim());
        if (!Number.isFinite(n) || n < 0) {
          ctx.addIssue({
            code: "custom",
            message: msg(
              `Gia không hợp lệ ${quoted(v)} (cần số ≥ 0)`,
              `Invalid Gia ${quoted(v)} (expected a number ≥ 0)`,
            ),
          });
          return z.NEVER;
        }
        return n;
      }),
    {
      anyOf: [
        { type: "number", minimum: 0, maximum: 1e15 },
        { type: "string", maxLength: 20, pattern: "^([0-9]{1,15}(\\.[0-9]{1,4})?)?$" },
      ],
      description: "Số tiền (đồng), ≥ 0; rỗng = 0",
    },
  ),
});

/** Steps embedded in a dossier may omit MaHoSo: it is the dossier's. */
const embeddedStep = stepSchema.extend({
  MaHoSo: documented(scalar.optional(), {
    ...dossierCodeJson,
    description: "Mã hồ sơ; bỏ trống = mã của hồ sơ chứa bước này",
  }),
});

export const dossierSchema = z.looseObject({
  MaHoSo: dossierCode,
  MaTTHC: text(50),
  MaDonVi: text(50),
  KenhThucHien: optionalCode(
    ["1", "2", "3"],
    "KenhThucHien phải là 1, 2, 3 hoặc để trống, nhận được",
    "KenhThucHien must be 1, 2, 3 or empty, got",
  ),
  NguonNop: optionalCode(
    ["DVCQG", "DIAPHUONG"],
    "NguonNop phải là DVCQG hoặc DIAPHUONG, nhận được",
    "NguonNop must be DVCQG or DIAPHUONG, got",
  ),
  TrangThaiHoSo: statusField("TrangThaiHoSo"),
  NgayNopHoSo: instantField,
  NgayTiepNhan: instantField,
  NgayHenTra: instantField,
  NgayTra: instantField,
  NgayKetThucXuLy: instantField,
  NgayTuChoi: instantField,
  ThoiDiemDongBo: instantField,
  // 0 and 3 are sent by some systems for "not paid online" (research/domain.md §1.3).
  DuocThanhToanTrucTuyen: optionalCode(
    ["0", "1", "2", "3"],
    "DuocThanhToanTrucTuyen phải là 1, 2 hoặc để trống, nhận được",
    "DuocThanhToanTrucTuyen must be 1, 2 or empty, got",
  ),
  DanhSachLePhi: z
    .array(feeLine, { error: msg("DanhSachLePhi phải là một mảng", "DanhSachLePhi must be an array") })
    .max(
      RECORD_LIMITS.feeLines,
      msg(
        `DanhSachLePhi: tối đa ${RECORD_LIMITS.feeLines} dòng`,
        `DanhSachLePhi: at most ${RECORD_LIMITS.feeLines} lines`,
      ),
    )
    .nullable()
    .optional(),
  QuaTrinhXuLy: z
    .array(embeddedStep, { error: msg("QuaTrinhXuLy phải là một mảng", "QuaTrinhXuLy must be an array") })
    .max(
      RECORD_LIMITS.steps,
      msg(`QuaTrinhXuLy: tối đa ${RECORD_LIMITS.steps} bước`, `QuaTrinhXuLy: at most ${RECORD_LIMITS.steps} steps`),
    )
    .nullable()
    .optional(),
});

export type DossierInput = z.infer<typeof dossierSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function toSteps(list: z.infer<typeof embeddedStep>[] | null | undefined): StepRow[] {
  return (list ?? []).map((s) => ({
    status: s.TrangThai,
    at: s.ThoiDiemXuLy!,
    handler: s.NguoiXuLy,
    title: s.ChucDanh,
    department: s.PhongBanXuLy,
    content: s.NoiDungXuLy,
    startedAt: s.NgayBatDau,
    stepDueAt: s.NgayKetThucTheoQuyDinh,
  }));
}

/**
 * One `DongBoHoSoMC` record → a dossier row. `defaultUnit` is the envelope's
 * `madonvi` or the token's agency (DATA.md §1).
 */
export function parseDossier(raw: unknown, defaultUnit: string | null): Parsed<DossierRow> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      errors: [{ field: "(bản ghi)", vi: "Bản ghi phải là một đối tượng JSON", en: "A record must be a JSON object" }],
    };
  }
  const bounds = recordBoundsError(raw);
  if (bounds) return { ok: false, errors: [bounds] };
  // The hand check takes the valid records; the schema judges the rest and names their errors.
  let d = quickDossier(raw as Record<string, unknown>);
  if (!d) {
    const r = dossierSchema.safeParse(raw);
    if (!r.success) return { ok: false, errors: fieldErrors(r.error, raw) };
    d = r.data;
  }
  const unitCode = d.MaDonVi ?? defaultUnit;
  if (!unitCode) {
    return {
      ok: false,
      errors: [
        { field: "MaDonVi", vi: "Thiếu MaDonVi (mã cơ quan giải quyết)", en: "MaDonVi (handling agency) is missing" },
      ],
    };
  }
  const fee = feeStateOf(d.DanhSachLePhi);
  const paid = d.DuocThanhToanTrucTuyen === "1" ? 1 : d.DuocThanhToanTrucTuyen === "2" ? 2 : null;
  return {
    ok: true,
    value: {
      code: d.MaHoSo,
      procedureCode: d.MaTTHC,
      unitCode,
      channel: d.KenhThucHien ? Number(d.KenhThucHien) : null,
      source: d.NguonNop,
      status: d.TrangThaiHoSo,
      submittedAt: d.NgayNopHoSo,
      receivedAt: d.NgayTiepNhan,
      appointmentAt: d.NgayHenTra,
      returnedAt: d.NgayTra,
      finishedAt: d.NgayKetThucXuLy,
      refusedAt: d.NgayTuChoi,
      paidOnline: paid,
      feeLines: fee.lines,
      feePositive: fee.positive,
      syncedAt: d.ThoiDiemDongBo,
      raw,
      steps: toSteps(d.QuaTrinhXuLy),
    },
  };
}

/** One `CapNhatTienDoHoSoMC` record → a step of an existing dossier. */
export function parseStep(raw: unknown): Parsed<StepRow & { dossierCode: string }> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      errors: [{ field: "(bản ghi)", vi: "Bản ghi phải là một đối tượng JSON", en: "A record must be a JSON object" }],
    };
  }
  const bounds = recordBoundsError(raw);
  if (bounds) return { ok: false, errors: [bounds] };
  const r = stepSchema.safeParse(raw);
  if (!r.success) return { ok: false, errors: fieldErrors(r.error, raw) };
  return { ok: true, value: { dossierCode: r.data.MaHoSo, ...toSteps([r.data])[0] } };
}

const STORABLE = new RegExp(STORABLE_TEXT, "u");
const STORABLE_ERROR = msg(
  "Có ký tự U+0000 hoặc nửa cặp mã UTF-16",
  "Contains U+0000 or half of a UTF-16 surrogate pair",
);

export const SERVICES = ["DongBoHoSoMC", "CapNhatTienDoHoSoMC"] as const;
export type Service = (typeof SERVICES)[number];

/** The DVCQG envelope. `session` and `madonvi` are what real senders put beside `data`. */
export const envelopeSchema = z.looseObject({
  service: z.enum(SERVICES, {
    error: msg(
      "service phải là DongBoHoSoMC hoặc CapNhatTienDoHoSoMC",
      "service must be DongBoHoSoMC or CapNhatTienDoHoSoMC",
    ),
  }),
  isUpdating: z.union([chars(0, 10).regex(STORABLE, STORABLE_ERROR), z.boolean()]).optional(),
  session: z
    .string()
    .max(200)
    .regex(
      /^[\x21-\x7e]*$/,
      msg("session phải là mã truy cập (ký tự ASCII in được)", "session must be an API token (printable ASCII)"),
    )
    .optional()
    .describe("Mã truy cập, khi không gửi trong tiêu đề Authorization (chỉ cho lô dưới 1 MB)"),
  madonvi: chars(0, 50)
    .regex(STORABLE, STORABLE_ERROR)
    .optional()
    .describe("Mã đơn vị mặc định cho các bản ghi không có MaDonVi; phải thuộc phạm vi của mã truy cập"),
  data: z.array(z.unknown(), { error: msg("data phải là một mảng bản ghi", "data must be an array of records") }),
});
