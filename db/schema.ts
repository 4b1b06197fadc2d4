/**
 * The data model of the portal (DATA.md §1–2). Column names follow the English
 * identifiers; the DVCQG field each one holds is named beside it.
 *
 * Per-dossier facts that do not depend on the reporting period (start, end events,
 * due instant — METHOD §A.2–A.4) are stored on the dossier row and maintained on
 * write by `lib/engine/derive-sql.ts`, so a scorecard is one scan of this table.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  doublePrecision,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** The closed vocabularies of text columns: typed in TypeScript, held by a CHECK in the database. */
export const UNIT_KINDS = ["tinh", "so_nganh", "huyen", "xa"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const DEADLINE_UNITS = ["hour", "working_day", "day", "month", "year"] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];
export const CALENDAR_KINDS = ["off", "makeup"] as const;
export const REPORT_SOURCES = ["bcqg", "thongke"] as const;
export const ROLES = ["admin", "leader", "agency_manager", "agency_staff", "viewer"] as const;
export type Role = (typeof ROLES)[number];
export const QUARANTINE_STATES = ["open", "resent", "discarded"] as const;
export type QuarantineState = (typeof QUARANTINE_STATES)[number];

/** `column in ('a', 'b', …)` over one of the vocabularies above (constants, never input). */
const oneOf = (column: AnyPgColumn, values: readonly string[]) =>
  sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(", "))})`;

/**
 * Administrative areas and agencies as one tree (DATA.md §2 donvi):
 * tinh → so_nganh | huyen → xa before 1/7/2025, tinh → so_nganh | xa after.
 * `validFrom`/`validTo` let both generations live side by side.
 */
export const units = pgTable(
  "units",
  {
    code: text("code").primaryKey(), // MaDonVi
    name: text("name").notNull(), // TenDonVi
    kind: text("kind", { enum: UNIT_KINDS }).notNull(), // LoaiDonVi
    parentCode: text("parent_code"), // MaDonViCha
    areaCode: text("area_code"), // MaDiaBan: the area unit this agency serves
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
  },
  (t) => [index("units_parent_idx").on(t.parentCode), check("units_kind_check", oneOf(t.kind, UNIT_KINDS))],
);

/** Every (ancestor, descendant) pair of the unit tree, itself included at depth 0. */
export const unitClosure = pgTable(
  "unit_closure",
  {
    ancestorCode: text("ancestor_code").notNull(),
    descendantCode: text("descendant_code").notNull(),
    depth: integer("depth").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ancestorCode, t.descendantCode] }),
    index("unit_closure_descendant_idx").on(t.descendantCode),
  ],
);

/** The procedure catalogue (CSDLQG), DATA.md §2 thutuc. */
export const procedures = pgTable(
  "procedures",
  {
    code: text("code").primaryKey(), // MaTTHC
    name: text("name").notNull(), // TenTTHC
    fieldCode: text("field_code"), // MaLinhVuc
    fieldName: text("field_name"), // TenLinhVuc
    deadlineValue: numeric("deadline_value", { mode: "number" }), // ThoiHan, null when not stated
    deadlineUnit: text("deadline_unit", { enum: DEADLINE_UNITS }), // DonViTinh
    hasFee: boolean("has_fee").notNull().default(false), // CoPhiLePhi
    /**
     * METHOD-766 §6's optional columns as the file gave them: a key per column the file
     * carried (NgayHieuLuc, NgayCongBo, NgayCongKhai, DayDuBoPhan, KetQuaGiay), null for an
     * empty cell. An absent key is an absent column, which §6 reads differently from empty.
     */
    i766: jsonb("i766")
      .$type<Record<string, string | null>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [check("procedures_deadline_unit_check", oneOf(t.deadlineUnit, DEADLINE_UNITS))],
);

/** Procedures under each agency's authority, DATA.md §2 thamquyen. */
export const authorities = pgTable(
  "authorities",
  {
    provinceCode: text("province_code").notNull(), // distribution column (docs/scale.md)
    unitCode: text("unit_code").notNull(),
    procedureCode: text("procedure_code").notNull(),
    onlineLevel: smallint("online_level"), // 4 (toàn trình), 3 (một phần) or null
    paymentIntegrated: boolean("payment_integrated").notNull().default(false), // TichHopThanhToan
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.unitCode, t.procedureCode] })],
);

/** Exceptions to the Monday–Friday week (METHOD §0.6). */
export const calendarExceptions = pgTable(
  "calendar_exceptions",
  {
    day: date("day").primaryKey(),
    kind: text("kind", { enum: CALENDAR_KINDS }).notNull(),
    name: text("name").notNull(),
    source: text("source"), // the document that announced it
    builtin: boolean("builtin").notNull().default(false),
  },
  (t) => [check("calendar_exceptions_kind_check", oneOf(t.kind, CALENDAR_KINDS))],
);

/**
 * The materialised working-day calendar: `ord` counts the working days up to and
 * including `day`, so the working days in (a, b] are ord(b) − ord(a) (METHOD §A.4).
 */
export const workDays = pgTable(
  "work_days",
  {
    day: date("day").primaryKey(),
    working: boolean("working").notNull(),
    ord: integer("ord").notNull(),
  },
  (t) => [
    uniqueIndex("work_days_working_ord_idx")
      .on(t.ord)
      .where(sql`working`),
  ],
);

export const dossiers = pgTable(
  "dossiers",
  {
    /** The province (root of the unit tree) of the unit: the distribution column (docs/scale.md). */
    provinceCode: text("province_code").notNull(),
    id: bigint("id", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    code: text("code").notNull(), // MaHoSo
    procedureCode: text("procedure_code"), // MaTTHC
    unitCode: text("unit_code").notNull(), // MaDonVi
    channel: smallint("channel"), // KenhThucHien: 1 direct, 2 online, 3 postal, null = direct
    source: text("source"), // NguonNop: DVCQG | DIAPHUONG
    status: smallint("status").notNull(), // TrangThaiHoSo
    submittedAt: ts("submitted_at"), // NgayNopHoSo
    receivedAt: ts("received_at"), // NgayTiepNhan
    appointmentAt: ts("appointment_at"), // NgayHenTra
    returnedAt: ts("returned_at"), // NgayTra
    finishedAt: ts("finished_at"), // NgayKetThucXuLy
    refusedAt: ts("refused_at"), // NgayTuChoi
    paidOnline: smallint("paid_online"), // DuocThanhToanTrucTuyen: 1 DVCQG, 2 local gateway
    feeLines: smallint("fee_lines").notNull().default(0), // number of DanhSachLePhi lines
    feePositive: boolean("fee_positive").notNull().default(false), // some line has Gia > 0
    syncedAt: ts("synced_at").notNull(), // ThoiDiemDongBo
    raw: jsonb("raw")
      .notNull()
      .default(sql`'{}'::jsonb`), // the record as received
    updatedAt: ts("updated_at").notNull().defaultNow(),
    // Derived, period-independent (METHOD §A.2–A.4), maintained on write:
    startAt: ts("start_at"), // §A.3
    startSource: text("start_source"), // received | first_step | null
    doneAt: ts("done_at"), // earliest Đã xử lý xong (9)
    closedAt: ts("closed_at"), // earliest other terminal event (3, 7, 8, 10, NgayTuChoi)
    closedStatus: smallint("closed_status"),
    dueAt: ts("due_at"), // last on-time instant; null when the deadline is unknown
    // METHOD-766 §2.1 over every event (lib/method/i766/ontime.ts history766), maintained on
    // write: valid for any as-of instant on or after the last event, which is every read of
    // a current period and most reads of past ones; others read the steps.
    history766: boolean("history766").notNull().default(false), // the four below are set
    end766At: ts("end766_at"),
    end766Status: smallint("end766_status"),
    wait766Ms: doublePrecision("wait766_ms"),
    supplements766: smallint("supplements766"),
    supp766At: ts("supp766_at"), // the first supplement request (Yêu cầu bổ sung)
    lastEventAt: ts("last_event_at"), // the latest step or NgayTuChoi; null without any
    // The rollup's exceptions (lib/engine/rollup.ts): no start, or events out of order. A
    // stored column, so that the planner estimates it from its own statistics (the function
    // inlined into a query was estimated at ~74 % of rows, and the partial index went unused).
    irregular: boolean("irregular").generatedAlwaysAs(sql`dossier_irregular(status, start_at, done_at, closed_at)`),
    // The 766 rollup's exceptions (lib/engine/rollup766.ts, migration 0020): a supplement
    // request, an end outranked later, no start, or no stored history or flags.
    irregular766: boolean("irregular766").generatedAlwaysAs(
      sql`dossier_irregular766(status, start_at, done_at, closed_at, history766, end766_at, end766_status, wait766_ms, supplements766, supp766_at, record766)`,
    ),
    // One supplement request answered: the answer, and §2.1's due instant with the wait added.
    resume766At: ts("resume766_at").generatedAlwaysAs(
      sql`case when supplements766 = 1 and wait766_ms > 0 then plus_ms(supp766_at, wait766_ms) end`,
    ),
    due766At: ts("due766_at").generatedAlwaysAs(
      sql`case when supplements766 = 1 and wait766_ms > 0 then plus_ms(due766(appointment_at, due_at), wait766_ms) end`,
    ),
    // METHOD-766 §6's flags of the record (lib/method/i766/record.ts); null until computed
    // (a dossier written before migration 0010 is read from its raw record).
    record766: smallint("record766"),
    // METHOD-766 §2.2's time in working days, for a dossier finished with 9 or 10: a stored
    // fact because it reads the calendar (db/migrations/0022; refreshed on a calendar change).
    elapsed766Days: integer("elapsed766_days"),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    uniqueIndex("dossiers_code_idx").on(t.provinceCode, t.code),
    index("dossiers_unit_procedure_idx").on(t.unitCode, t.procedureCode),
    index("dossiers_received_idx").on(t.receivedAt),
    index("dossiers_start_idx").on(t.startAt),
    index("dossiers_procedure_idx").on(t.procedureCode),
  ],
);

/** Process history (CapNhatTienDoHoSoMC / QuaTrinhXuLy), identified by (dossier, status, time). */
export const processSteps = pgTable(
  "process_steps",
  {
    provinceCode: text("province_code").notNull(),
    dossierId: bigint("dossier_id", { mode: "number" }).notNull(),
    status: smallint("status").notNull(), // TrangThai
    at: ts("at").notNull(), // ThoiDiemXuLy
    handler: text("handler"), // NguoiXuLy
    title: text("title"), // ChucDanh
    department: text("department"), // PhongBanXuLy
    content: text("content"), // NoiDungXuLy
    startedAt: ts("started_at"), // NgayBatDau
    stepDueAt: ts("step_due_at"), // NgayKetThucTheoQuyDinh
    // Kept on write beside the dossier's derived facts (lib/engine/derive-sql.ts,
    // STEP_DERIVED_COLUMNS), so the process view reads one index (process_steps_unit_at_idx,
    // db/migrations/0015), not windows over every step; null for status 1 (no handling step).
    heldFrom: ts("held_from"), // METHOD-STEPS S.1.3
    heldDays: integer("held_days"), // S.1.4
    late: boolean("late"), // S.1.5
    unitCode: text("unit_code"), // the dossier's MaDonVi
    procedureCode: text("procedure_code"), // the dossier's MaTTHC
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.dossierId, t.status, t.at] }),
    foreignKey({ columns: [t.provinceCode, t.dossierId], foreignColumns: [dossiers.provinceCode, dossiers.id] })
      .onDelete("cascade")
      .onUpdate("cascade"),
  ],
);

/**
 * The dossier rollup (METHOD §A–§C counts as prefix sums; lib/engine/rollup.ts says how a
 * scorecard reads it): for each (agency, procedure) and local day, how many dossiers have
 * each key instant on that day, weighted by the flags the rules count. Maintained by a
 * trigger on `dossiers` (db/migrations/0007) in the writing transaction, so a read never
 * sees a dossier without its rollup. `dossier_months` and `dossier_years` hold the same
 * sums by month and by year, so a prefix reads a few rows per pair. A key may hold more than one row for a moment: a
 * writer merges the rows of the keys it touches except those another writer holds, so
 * that writers never wait for each other (reads sum the rows of a key anyway).
 */
export const ROLLUP_COUNTERS = [
  // At NgayTiepNhan (§B.3, §C.3–C.4, §Đ.1).
  "r_received",
  "r_online",
  "r_online_dvcqg",
  "r_online_local",
  "r_postal",
  "r_fee",
  "r_paid_any",
  "r_payable",
  "r_paid_dvcqg",
  "r_paid_local",
  // At the start (§A.3); k = has a due instant, c = online (KenhThucHien 2).
  "s_pop",
  "s_k",
  "s_c",
  "s_kc",
  // At the end (§A.2): ok = ended within the deadline.
  "e_n",
  "e_ok",
  "e_k",
  "e_c",
  "e_kc",
  // At max(start, due + 1 ms) and max(end, due + 1 ms): the open-and-within terms (§A.4).
  "sk_k",
  "sk_kc",
  "ek_k",
  "ek_kc",
] as const;
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];
/** A rollup's counters as integer columns (bigint where summed milliseconds), 0 by default, in the list's order. */
const counterColumns =
  <K extends string>(names: readonly K[], big: readonly K[] = []) =>
  () =>
    Object.fromEntries(
      names.map((c) => [
        c,
        big.includes(c) ? bigint(c, { mode: "number" }).notNull().default(0) : integer(c).notNull().default(0),
      ]),
    ) as unknown as {
      [P in K]: ReturnType<typeof integer> | ReturnType<typeof bigint>;
    };
const rollupCounters = counterColumns(ROLLUP_COUNTERS);

/**
 * A rollup table: a row per (province, agency, procedure, bucket) with the counters. Day
 * and month tables are also read by their bucket (a range of days, one month of every pair).
 */
function rollupTable<C extends Record<string, ReturnType<typeof integer> | ReturnType<typeof bigint>>>(
  name: string,
  bucket: "day" | "month" | "year",
  counters: () => C,
) {
  return pgTable(
    name,
    {
      provinceCode: text("province_code").notNull(),
      unitCode: text("unit_code").notNull(),
      pc: text("pc").notNull(),
      bucket: date(bucket).notNull(),
      ...counters(),
    },
    (t) => [
      index(`${name}_key_idx`).on(t.provinceCode, t.unitCode, t.pc, t.bucket),
      ...(bucket === "year" ? [] : [index(`${name}_${bucket}_idx`).on(t.bucket)]),
    ],
  );
}

export const dossierDays = rollupTable("dossier_days", "day", rollupCounters);

export const dossierMonths = rollupTable("dossier_months", "month", rollupCounters);

/** The same sums by year (db/migrations/0021), so that a prefix reads at most six months of its year. */
export const dossierYears = rollupTable("dossier_years", "year", rollupCounters);

/**
 * The 766 rollup (METHOD-766's dossier counts as prefix sums; lib/engine/rollup766.ts
 * says how a scorecard reads them), kept like METHOD's by a trigger on `dossiers`
 * (db/migrations/0020), in tables of its own so that METHOD's rollup is untouched.
 */
export const ROLLUP766_COUNTERS = [
  // At the §3 receipt (NgayTiepNhan, else NgayNopHoSo): received, online, online with an
  // electronic result and finished (9/10) by the final end, fee, payable, paid online.
  "g3_received",
  "g3_online",
  "g3_online_result",
  "g3_fee",
  "g3_payable",
  "g3_paid_dvcqg",
  "g3_paid_local",
  "g3_paid_fee",
  // At NgayTiepNhan (§4): received, finished (by the final end), with an electronic
  // result, digitised, reused, shared, of a citizen, of a citizen identified.
  "g4_received",
  "g4_finished",
  "g4_eresult",
  "g4_digitised",
  "g4_reused",
  "g4_shared",
  "g4_citizen",
  "g4_population",
  // §2.1 at the start, the 766 end and max(start | end, due + 1 ms); k = has a due
  // instant, ok = ended by it, kept = not rated dissatisfied (§5.4).
  "s_pop",
  "s_k",
  "s_k_kept",
  "e_n",
  "e_ok",
  "e_k",
  "e_ok_kept",
  "e_k_kept",
  "sk_k",
  "sk_k_kept",
  "ek_k",
  "ek_k_kept",
  // §2.2 at the start (db/migrations/0022): finished with 9 or 10 by the final end, and its
  // time in milliseconds (bigint) and in working days.
  "t22",
  "t22_ms",
  "t22_wd",
] as const;
export type Rollup766Counter = (typeof ROLLUP766_COUNTERS)[number];
const rollup766Counters = counterColumns(ROLLUP766_COUNTERS, ["t22_ms"]);

export const dossier766Days = rollupTable("dossier766_days", "day", rollup766Counters);

export const dossier766Months = rollupTable("dossier766_months", "month", rollup766Counters);

export const dossier766Years = rollupTable("dossier766_years", "year", rollup766Counters);

/** Feedback and petitions (PAKN), DATA.md §2 pakn. */
export const feedback = pgTable(
  "feedback",
  {
    provinceCode: text("province_code").notNull(),
    code: text("code").notNull(), // MaPAKN
    receivedAt: ts("received_at").notNull(), // NgayTiepNhan
    kind: smallint("kind").notNull(), // PhanLoai: 1 regulation, 2 conduct
    unitCode: text("unit_code").notNull(), // MaDonVi
    sector: text("sector"), // Nganh
    field: text("field"), // LinhVuc
    /** METHOD-766 §6's optional columns (NgayXuLyXong, SoThich, SoKhongThich, KhieuNaiLai, MaHoSo) as for procedures. */
    i766: jsonb("i766")
      .$type<Record<string, string | null>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.code] }),
    index("feedback_unit_idx").on(t.unitCode, t.receivedAt),
    // METHOD-766 §5.4: the dossiers a PAKN names.
    index("feedback_dossier_idx")
      .on(t.provinceCode, sql`(${t.i766}->>'MaHoSo')`)
      .where(sql`${t.i766} ? 'MaHoSo'`),
  ],
);

/** Reported totals (METHOD §Đ.1), DATA.md §2 baocao. */
export const reportedTotals = pgTable(
  "reported_totals",
  {
    provinceCode: text("province_code").notNull(),
    unitCode: text("unit_code").notNull(),
    fromDay: date("from_day").notNull(), // TuNgay
    toDay: date("to_day").notNull(), // DenNgay
    source: text("source", { enum: REPORT_SOURCES }).notNull(),
    received: integer("received").notNull(), // SoHoSoTiepNhan
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.unitCode, t.fromDay, t.toDay, t.source] }),
    check("reported_totals_source_check", oneOf(t.source, REPORT_SOURCES)),
  ],
);

export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    username: text("username").notNull().unique(),
    email: text("email").unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(), // permissions: lib/roles.ts
    unitCode: text("unit_code").notNull(),
    disabled: boolean("disabled").notNull().default(false),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedUntil: ts("locked_until"),
    /** Raised on a password reset or disable: every session signed before is refused. */
    sessionVersion: integer("session_version").notNull().default(0),
    /** A password someone else set or published (demo, first administrator, reset): changed at first sign-in. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [check("users_role_check", oneOf(t.role, ROLES))],
);

export const apiTokens = pgTable("api_tokens", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(), // sha256 of the token; the token is shown once
  unitCode: text("unit_code").notNull(), // the subtree this token may read and write
  createdBy: integer("created_by"),
  createdAt: ts("created_at").notNull().defaultNow(),
  lastUsedAt: ts("last_used_at"),
  revokedAt: ts("revoked_at"),
});

/** Records rejected by validation, kept verbatim to be corrected and resent. */
export const rejectedRecords = pgTable(
  "rejected_records",
  {
    /** The province of the unit it was filed under ('' when none is known). */
    provinceCode: text("province_code").notNull(),
    id: bigint("id", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    receivedAt: ts("received_at").notNull().defaultNow(),
    service: text("service").notNull(),
    unitCode: text("unit_code"), // the scope it was sent under
    dossierCode: text("dossier_code"),
    payload: jsonb("payload").notNull(),
    errors: jsonb("errors").notNull(),
    state: text("state", { enum: QUARANTINE_STATES }).notNull().default("open"),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    index("rejected_unit_idx").on(t.unitCode, t.state),
    check("rejected_records_state_check", oneOf(t.state, QUARANTINE_STATES)),
  ],
);

export const auditLog = pgTable("audit_log", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  at: ts("at").notNull().defaultNow(),
  actor: text("actor").notNull(),
  action: text("action").notNull(),
  target: text("target"),
  details: jsonb("details"),
});

/**
 * The results of `tthc verify` and of the nightly check (lib/engine/verify.ts): whether the
 * rollup and the dossiers' derived facts equal their definitions, shown on /quan-tri.
 */
export const integrityChecks = pgTable("integrity_checks", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  at: ts("at").notNull().defaultNow(),
  trigger: text("trigger").notNull(), // nightly | cli
  rangeFrom: date("range_from"), // null: everything
  rangeTo: date("range_to"),
  rollupKeys: integer("rollup_keys").notNull(),
  rollupDifferences: integer("rollup_differences").notNull(),
  dossiers: integer("dossiers").notNull(),
  factDifferences: integer("fact_differences").notNull(),
  repaired: jsonb("repaired"), // { rollupKeys, dossiers } when --repair ran
  sample: jsonb("sample"), // the first differences found
  ms: integer("ms").notNull(),
});

/** Facts about the database itself, by key ("demo": what the demo seed left, lib/demo/guard.ts). */
export const portalMeta = pgTable("portal_meta", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  at: ts("at").notNull().defaultNow(),
});

/**
 * METHOD-766 §6: the optional columns each reference file kind ("thutuc", "pakn") has
 * carried in any import (migration 0014) — what tells "columns absent" from "nothing to count".
 */
export const carriedColumns = pgTable(
  "carried_columns",
  {
    file: text("file").notNull(),
    columnName: text("column_name").notNull(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "carried_columns_pk", columns: [t.file, t.columnName] })],
);

export type Unit = typeof units.$inferSelect;
export type NewUnit = typeof units.$inferInsert;
export type Procedure = typeof procedures.$inferSelect;
export type NewProcedure = typeof procedures.$inferInsert;
export type Authority = typeof authorities.$inferSelect;
export type CalendarException = typeof calendarExceptions.$inferSelect;
export type Dossier = typeof dossiers.$inferSelect;
export type NewDossier = typeof dossiers.$inferInsert;
export type ProcessStep = typeof processSteps.$inferSelect;
export type Feedback = typeof feedback.$inferSelect;
export type ReportedTotal = typeof reportedTotals.$inferSelect;
export type User = typeof users.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type RejectedRecord = typeof rejectedRecords.$inferSelect;

/**
 * Alerts (issue #25): what each user asked to be told, one row per user. `dueSoonHours`
 * null is off. The inbox is always on; e-mail goes to users.email when `email`; a webhook
 * (JSON POST signed with HMAC-SHA256 by `webhookSecret`) to `webhookUrl` when set.
 */
export const alertSettings = pgTable("alert_settings", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  dueSoonHours: integer("due_soon_hours"),
  overdue: boolean("overdue").notNull().default(false),
  lateReceipt: boolean("late_receipt").notNull().default(false),
  /** The unit's on-time band (METHOD §A.5) or 766 rating fell since the last evaluation. */
  bandDrop: boolean("band_drop").notNull().default(false),
  /** The Monday digest: rank and movement, the week's forecast, the top of the worklist, the slowest department. */
  digest: boolean("digest").notNull().default(false),
  email: boolean("email").notNull().default(false),
  webhookUrl: text("webhook_url"),
  webhookSecret: text("webhook_secret"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/**
 * The inbox: one row per (user, kind, subject, event) — the idempotency key that keeps an
 * alert from being raised twice however often the rules are evaluated.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    event: text("event").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    href: text("href"),
    createdAt: ts("created_at").notNull().defaultNow(),
    readAt: ts("read_at"),
  },
  (t) => [
    uniqueIndex("notifications_key_idx").on(t.userId, t.kind, t.subject, t.event),
    index("notifications_unread_idx").on(t.userId, t.createdAt),
  ],
);

/** Deliveries beyond the inbox (e-mail, webhook): at least once, each committed as sent on its own. */
export const outbox = pgTable(
  "outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    notificationId: bigint("notification_id", { mode: "number" })
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    channel: text("channel").notNull(), // email | webhook
    state: text("state").notNull().default("pending"), // pending | sent | failed
    attempts: integer("attempts").notNull().default(0),
    nextAt: ts("next_at").notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: ts("sent_at"),
  },
  (t) => [uniqueIndex("outbox_key_idx").on(t.notificationId, t.channel), index("outbox_due_idx").on(t.state, t.nextAt)],
);

/** Each subscriber's unit as last evaluated (the band-drop alert compares with it). */
export const alertStanding = pgTable("alert_standing", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  period: text("period").notNull(),
  band: text("band"),
  rating: text("rating"),
  at: ts("at").notNull().defaultNow(),
});
