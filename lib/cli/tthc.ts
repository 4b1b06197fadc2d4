/**
 * The `tthc` command: the portal's engine over a data folder (DATA.md §2) loaded into an
 * in-memory embedded database, or over the portal's own database (`--portal`). It acts
 * as the system (unscoped): it calls lib/engine and lib/store, never the server-only
 * data layer of lib/data.
 *   tthc evaluate --data DIR --from YYYY-MM-DD --to YYYY-MM-DD [--by …] [--json]
 *   tthc explain  --data DIR --from … --to … MaHoSo [--json]
 *   tthc audit    --data DIR [--json]
 *   tthc verify   --portal [--from … --to …] [--repair] [--json]
 */
import { parseArgs } from "node:util";
import type { Database } from "@/db";
import { DatabaseLockedError } from "@/db/lock";
import { openConfiguredStore, openStore } from "@/lib/store/open";
import { countDefects } from "@/lib/engine/data-defects";
import { DEFECTS, DEFECT_KINDS } from "@/lib/method/defects";
import { explainDossier } from "@/lib/engine/explain";
import { unitIndex, ratingLabel, TIME_UNIT_766_LABELS, type ProcedureIndex766 } from "@/lib/method/i766/score";
import { GROUPS, type GroupId } from "@/lib/method/i766/points";
import { GROUP_BY, PROFILES, scorecard, type GroupBy, type Profile } from "@/lib/engine/scorecard";
import {
  DataFolderError,
  formatLoadError,
  formatRepeat,
  loadDataFolder,
  readDataFolder,
  type FolderRepeat,
} from "@/lib/ingest/folder";
import { fromDatabaseError, RuleError } from "@/lib/errors";
import {
  CURRENT_KINDS,
  makePeriod,
  periodAround,
  PeriodError,
  periodJson,
  type CurrentKind,
  type Period,
} from "@/lib/method/period";
import { formatRate } from "@/lib/method/rates";
import { formatPoints } from "@/lib/format";
import { formatLocalInstant } from "@/lib/method/time";
import { recordCheck, verify, type VerifyReport } from "@/lib/engine/verify";
import { bandCell, renderTable } from "./table";
import { stepFiguresOf, type StepFigures } from "@/lib/engine/step-figures";
import { STEP_GROUPINGS, type StepGrouping } from "@/lib/method/steps";
import { EVERY_UNIT } from "@/lib/engine/sql-util";
import { worklist, worklistJson, type Worklist } from "@/lib/engine/worklist";
import { timeLeftWords } from "@/lib/ui/words";

const USAGE = `Cách dùng / Usage:
  tthc evaluate --data DIR --from YYYY-MM-DD --to YYYY-MM-DD [--by all|agency|area|procedure|field|sector] [--profile 200|766] [--json]
  tthc explain  --data DIR --from YYYY-MM-DD --to YYYY-MM-DD MaHoSo [--json]
  tthc audit    --data DIR [--json]
  tthc verify   --portal [--from YYYY-MM-DD --to YYYY-MM-DD] [--repair] [--json]
  tthc steps    --data DIR --from YYYY-MM-DD --to YYYY-MM-DD [--by department|officer|procedure-step] [--json]
  tthc worklist --data DIR [--period week|month|quarter|year] [--unit MaDonVi] [--json]

  --data DIR   a data folder (DATA.md §2), loaded into an in-memory database
  --portal     instead of --data: the portal's own database (DATABASE_URL, else .data/pglite)`;

export class UsageError extends Error {}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  color: boolean;
  now: Date;
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof DataFolderError) {
      io.err(`Dữ liệu không hợp lệ (${e.errors.length} lỗi) / Invalid data (${e.errors.length} error(s)):`);
      for (const x of e.errors.slice(0, 200)) io.err(`  ${formatLoadError(x)}`);
      if (e.errors.length > 200) io.err(`  … và ${e.errors.length - 200} lỗi khác / and ${e.errors.length - 200} more`);
      printRepeats(e.repeats, io);
      return 2;
    }
    if (e instanceof PeriodError) {
      io.err(`Kỳ báo cáo không hợp lệ: ${e.vi} / Invalid period: ${e.en}`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}`);
      return 64;
    }
    if (e instanceof DatabaseLockedError) {
      io.err(e.message);
      return 2;
    }
    const rule = e instanceof RuleError ? e : fromDatabaseError(e);
    if (rule) {
      io.err(`Dữ liệu không hợp lệ: ${rule.vi} / Invalid data: ${rule.en}`);
      return 2;
    }
    // A bug: one line, never a stack trace (TTHC_DEBUG=1 would be the place to add one).
    io.err(`Lỗi nội bộ / Internal error: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
    return 1;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h") {
    io.out(USAGE);
    return command ? 0 : 64;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        data: { type: "string" },
        portal: { type: "boolean", default: false },
        from: { type: "string" },
        to: { type: "string" },
        by: { type: "string", default: "agency" },
        json: { type: "boolean", default: false },
        profile: { type: "string", default: "200" },
        repair: { type: "boolean", default: false },
        period: { type: "string", default: "month" },
        unit: { type: "string" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (!values.data && !values.portal)
    throw new UsageError("Thiếu --data DIR hoặc --portal / Missing --data DIR or --portal");
  const source = values.data ?? null;
  const period = () => {
    if (!values.from || !values.to) throw new UsageError("Thiếu --from hoặc --to / Missing --from or --to");
    return makePeriod(values.from, values.to, io.now);
  };

  switch (command) {
    case "evaluate": {
      const by = values.by as GroupBy;
      if (!GROUP_BY.includes(by))
        throw new UsageError(`--by phải là một trong / must be one of: ${GROUP_BY.join(", ")}`);
      const profile = values.profile as Profile;
      if (!PROFILES.includes(profile))
        throw new UsageError(`--profile phải là một trong / must be one of: ${PROFILES.join(", ")}`);
      const p = period();
      return withDatabase(source, io, async (db) => {
        const card = await scorecard(db.orm, { period: p, by, scope: EVERY_UNIT, profile });
        io.out(values.json ? JSON.stringify(card, null, 2) : renderScorecard(card, p, io.color));
        return 0;
      });
    }
    case "explain": {
      const code = positionals[0];
      if (!code) throw new UsageError("Thiếu MaHoSo / Missing MaHoSo");
      const p = period();
      return withDatabase(source, io, async (db) => {
        const e = await explainDossier(db.orm, code, p, EVERY_UNIT);
        if (!e) {
          io.err(`Không tìm thấy hồ sơ "${code}" / Dossier "${code}" not found`);
          return 1;
        }
        io.out(values.json ? JSON.stringify(e, null, 2) : renderExplanation(e));
        return 0;
      });
    }
    case "steps": {
      // METHOD-STEPS S.3; the default grouping of the API (department), not evaluate's.
      const by = (values.by === "agency" ? "department" : values.by) as StepGrouping;
      if (!STEP_GROUPINGS.includes(by))
        throw new UsageError(`--by phải là một trong / must be one of: ${STEP_GROUPINGS.join(", ")}`);
      const p = period();
      return withDatabase(source, io, async (db) => {
        // [decision] The CLI holds the database itself: it reads as the system (METHOD-STEPS S.4 governs persons).
        const figures = await stepFiguresOf(db.orm, { period: p, by, scope: EVERY_UNIT });
        io.out(
          values.json
            ? JSON.stringify({ period: periodJson(p), by, ...figures }, null, 2)
            : renderSteps(figures, by, io.color),
        );
        return 0;
      });
    }
    case "worklist": {
      // "Cần ưu tiên" (issue #25): the open dossiers now, and what each is worth in the period holding today.
      const kind = values.period as CurrentKind;
      if (!CURRENT_KINDS.includes(kind))
        throw new UsageError(`--period phải là một trong / must be one of: ${CURRENT_KINDS.join(", ")}`);
      const p = periodAround(kind, io.now);
      return withDatabase(source, io, async (db) => {
        const list = await worklist(db.orm, { period: p, scope: EVERY_UNIT, filter: { unit: values.unit } });
        io.out(values.json ? JSON.stringify(worklistJson(p, list), null, 2) : renderWorklist(list));
        return 0;
      });
    }
    case "audit":
      return withDatabase(
        source,
        io,
        async (db, repeats) => {
          const rows = await countDefects(db.orm, { scope: EVERY_UNIT, sample: 1_000_000 });
          if (values.json) io.out(JSON.stringify({ defects: DEFECTS_JSON, units: rows, repeats }, null, 2));
          else {
            io.out(renderDefects(rows));
            if (repeats.length)
              io.out(
                `\nKhoá lặp (${repeats.length}) / Repeated keys:\n${repeats.map((r) => `  ${formatRepeat(r)}`).join("\n")}`,
              );
          }
          return 0;
        },
        { quiet: true },
      );
    case "verify": {
      // The portal's own database: a data folder just loaded has nothing to verify.
      if (!values.portal)
        throw new UsageError(
          "verify đọc cơ sở dữ liệu của cổng: dùng --portal / verify reads the portal's database: use --portal",
        );
      if (Boolean(values.from) !== Boolean(values.to))
        throw new UsageError(
          "Cần cả --from và --to, hoặc không có cả hai (toàn bộ) / Give both --from and --to, or neither (everything)",
        );
      const range = values.from && values.to ? { from: period().from, to: period().to } : null;
      return withDatabase(null, io, async (db) => {
        const started = performance.now();
        const report = await verify(db.orm, range, { repair: values.repair, now: io.now });
        await recordCheck(db.orm, report, "cli", performance.now() - started);
        io.out(values.json ? JSON.stringify(report, null, 2) : renderVerify(report));
        // 0: nothing differs (now); 3: differences found and left (run again with --repair).
        return report.rollupDifferences.length || report.factDifferences.length ? 3 : 0;
      });
    }
    default:
      throw new UsageError(`Lệnh không rõ "${command}" / Unknown command "${command}"`);
  }
}

function printRepeats(repeats: FolderRepeat[], io: Io) {
  if (!repeats.length) return;
  io.err(`Lưu ý: ${repeats.length} khoá lặp (DATA.md §2) / Note: ${repeats.length} repeated key(s):`);
  for (const r of repeats.slice(0, 50)) io.err(`  ${formatRepeat(r)}`);
  if (repeats.length > 50) io.err(`  … và ${repeats.length - 50} khoá khác / and ${repeats.length - 50} more`);
}

const DEFECTS_JSON = Object.fromEntries(
  DEFECT_KINDS.map((k) => [k, { vi: DEFECTS[k].vi, en: DEFECTS[k].en, clause: DEFECTS[k].clause }]),
);

/**
 * A data folder in a fresh in-memory database, or (null) the portal's own database.
 * The folder's repeated keys are told on stderr (the audit lists them itself).
 */
async function withDatabase(
  dir: string | null,
  io: Io,
  fn: (db: Database, repeats: FolderRepeat[]) => Promise<number>,
  opts: { quiet?: boolean } = {},
): Promise<number> {
  const folder = dir === null ? null : readDataFolder(dir);
  if (folder && !opts.quiet) printRepeats(folder.repeats, io);
  const db = folder ? await openStore({ memory: true }) : await openConfiguredStore();
  try {
    if (folder) await loadDataFolder(db, folder, io.now);
    return await fn(db, folder?.repeats ?? []);
  } finally {
    await db.close();
  }
}

type Card = Awaited<ReturnType<typeof scorecard>>;

function renderScorecard(card: Card, p: Period, color: boolean): string {
  const head = `Kỳ ${p.from} → ${p.to} (tính đến ${formatLocalInstant(p.asOf)}), theo ${card.by}`;
  // METHOD-766 §0.4, §7: the index scores units, and by procedure gives the average time;
  // a field or a sector has none, so its table is METHOD's.
  if (card.profile === "766" && card.rows.some((r) => r.index766))
    return `${head}, Bộ chỉ số 766 (100 điểm)\n\n${render766(card)}`;
  const rows = card.rows.map((r) => [
    r.key,
    r.name.length > 40 ? `${r.name.slice(0, 39)}…` : r.name,
    r.onTime.population.toLocaleString("vi-VN"),
    bandCell(formatRate(r.onTime.rate), r.onTime.band, color),
    bandCell(formatRate(r.online.level34Rate), r.online.band, color),
    formatRate(r.online.channels.onlineRate),
    bandCell(formatRate(r.payment.rate), r.payment.band, color),
    r.feedback.total.toLocaleString("vi-VN"),
    r.sync.message ? `${formatRate(r.sync.rate)} (${r.sync.message})` : formatRate(r.sync.rate),
  ]);
  return `${head}\n\n${renderTable(
    [
      "Mã",
      "Tên",
      "Hồ sơ (A)",
      "A. Đúng hạn",
      "B. DVCTT mức 3+4",
      "B. Nộp trực tuyến",
      "C. Thanh toán TT",
      "D. PAKN",
      "Đ. Đồng bộ",
    ],
    rows,
    [false, false, true, true, true, true, true, true, false],
  )}`;
}

/**
 * METHOD-766 §7 as a table: the total, its rating and rank, and each group's points of
 * its maximum; by procedure, the average processing time (2.2).
 */
/** A movement against the previous period (METHOD-766 §0.5) with its sign; none is "—". */
const signed = (v: number | null, f: (n: number) => string) =>
  v === null ? "—" : v > 0 ? `+${f(v)}` : v < 0 ? `−${f(-v)}` : f(0);

function render766(card: Card): string {
  if (card.by === "procedure") {
    return renderTable(
      ["Mã", "Tên", "Hồ sơ", "Thời gian giải quyết bình quân"],
      card.rows.map((r) => {
        const t = (r.index766 as ProcedureIndex766).averageTime;
        return [
          r.key,
          r.name.length > 40 ? `${r.name.slice(0, 39)}…` : r.name,
          t.dossiers.toLocaleString("vi-VN"),
          t.value === null ? "—" : `${formatPoints(t.value)} ${TIME_UNIT_766_LABELS[t.unit]}`,
        ];
      }),
      [false, false, true, true],
    );
  }
  const rows = card.rows.map((r) => {
    const x = unitIndex(r.index766)!;
    return [
      r.key,
      r.name.length > 40 ? `${r.name.slice(0, 39)}…` : r.name,
      formatPoints(x.total),
      ratingLabel(x.rating) ?? "—",
      x.rank ? `${x.rank.position}/${x.rank.of}` : "—",
      signed(x.change?.total ?? null, formatPoints),
      signed(x.change?.rank ?? null, String),
      ...(Object.keys(GROUPS) as GroupId[]).map((g) =>
        x.groups[g].score === null ? "—" : `${formatPoints(x.groups[g].score)}/${x.groups[g].max}`,
      ),
    ];
  });
  return renderTable(
    [
      "Mã",
      "Tên",
      "Tổng điểm",
      "Xếp loại",
      "Hạng",
      "± điểm",
      "± bậc",
      "1. Công khai",
      "2. Tiến độ",
      "3. Trực tuyến",
      "4. Số hóa",
      "5. Hài lòng",
    ],
    rows,
    [false, false, true, false, true, true, true, true, true, true, true, true],
  );
}

function renderExplanation(e: NonNullable<Awaited<ReturnType<typeof explainDossier>>>): string {
  const lines = [
    `Hồ sơ ${e.code} — ${e.unit.name ?? e.unit.code}`,
    `Thủ tục: ${e.procedure.code ?? "(trống)"} ${e.procedure.name ?? "(không có trong danh mục)"}`,
    `Trạng thái hiện tại: ${e.status.code} ${e.status.label}`,
    `Kỳ: ${e.period.from} → ${e.period.to}, tính đến ${e.period.asOf}`,
    "",
    `Bắt đầu: ${e.start.at ?? "không có"}${e.start.field ? ` (từ ${e.start.field})` : ""}`,
    `Kết thúc: ${e.end ? `${e.end.at} — ${e.end.statusLabel}` : "—"}`,
    `Thời hạn: ${e.deadline ? `${e.deadline.value} ${e.deadline.unitLabel}` : "không xác định"}${e.dueAt ? `; hạn cuối ${e.dueAt}` : ""}`,
    `Thời gian xử lý: ${e.elapsed ? `${Math.round(e.elapsed.value * 100) / 100} ${e.elapsed.unitLabel}` : "—"}`,
    `Kết luận: ${e.verdictLabel} — ${e.reason}`,
    `Căn cứ: ${e.clause}`,
    "",
    `Theo Chỉ số 766 (METHOD-766 §2.1): ${e.i766.verdictLabel} — ${e.i766.ruleLabel}`,
    `  Kết thúc: ${e.i766.end ? `${e.i766.end.at} — ${e.i766.end.label}` : "chưa kết thúc"}; yêu cầu bổ sung: ${e.i766.supplements}; chờ bổ sung: ${Math.round(e.i766.waitingMs / 3_600_000)} giờ${e.i766.due ? `; hạn so sánh ${e.i766.due}` : ""}`,
    "",
    "Tiến trình xử lý:",
    ...(e.steps.length
      ? e.steps.map((s) => `  ${s.at}  ${s.status} ${s.label}${s.handler ? ` — ${s.handler}` : ""}`)
      : ["  (không có)"]),
  ];
  return lines.join("\n");
}

const STEP_HEADINGS: Record<StepGrouping, string> = {
  department: "Phòng ban",
  officer: "Cán bộ",
  "procedure-step": "Thủ tục — bước",
};

/** METHOD-STEPS S.3 as a table: each row, then the totals the rows add up to (S.3.1). */
function renderSteps(f: StepFigures, by: StepGrouping, color: boolean): string {
  const line = (r: StepFigures["totals"], unit: string, name: string) => [
    unit,
    name.length > 40 ? `${name.slice(0, 39)}…` : name,
    n(r.steps),
    n(r.judged),
    n(r.onTime),
    n(r.late),
    r.rate === null ? bandCell("không có hạn", "white", color) : bandCell(formatRate(r.rate), r.band, color),
    r.daysMedian === null ? "—" : formatPoints(r.daysMedian),
    n(r.lateDossiers),
  ];
  return renderTable(
    [
      "Đơn vị",
      STEP_HEADINGS[by],
      "Bước",
      "Có hạn",
      "Đúng hạn",
      "Trễ",
      "Tỷ lệ đúng hạn",
      "Trung vị ngày",
      "Hồ sơ quá hạn",
    ],
    [...f.rows.map((r) => line(r, r.unit, r.name)), line(f.totals, "", "Tổng")],
    [false, false, true, true, true, true, false, true, true],
  );
}

function renderWorklist(list: Worklist): string {
  const worth = (v: number) => (v > 0 ? formatPoints(v) : "—");
  const table = renderTable(
    ["Hồ sơ", "Đơn vị", "Phòng ban", "Hạn", "Thời gian", "Mất nếu trễ: tỷ lệ (điểm %)", "Mất nếu trễ: 2.1 (766)"],
    list.items.map((x) => [
      x.code,
      x.unit.name ?? x.unit.code,
      x.department.name,
      x.dueMs === null ? "—" : formatLocalInstant(new Date(x.dueMs)).slice(0, 16).replace("T", " "),
      timeLeftWords(x.leftMs, x.leftWorkingDays),
      worth(x.worthRate),
      worth(x.worthPoints766),
    ]),
    [false, false, false, false, false, true, true],
  );
  return `${table}\n${n(list.total)} hồ sơ đang xử lý, ${n(list.atStake)} còn hạn trong kỳ, ${n(list.overdue)} đã quá hạn`;
}

function renderDefects(rows: Awaited<ReturnType<typeof countDefects>>): string {
  const withDefects = rows.filter((r) => DEFECT_KINDS.some((k) => r.counts[k] > 0));
  if (withDefects.length === 0) return "Không phát hiện lỗi dữ liệu / No data defects found.";
  const out: string[] = [];
  for (const r of withDefects) {
    out.push(`${r.unitCode} ${r.unitName ?? ""} — ${r.dossiers.toLocaleString("vi-VN")} hồ sơ`);
    for (const k of DEFECT_KINDS) {
      if (!r.counts[k]) continue;
      const ex = r.examples[k];
      out.push(`  ${String(r.counts[k]).padStart(6)}  ${DEFECTS[k].vi} / ${DEFECTS[k].en} (${DEFECTS[k].clause})`);
      out.push(`          ${ex.slice(0, 10).join(", ")}${ex.length > 10 ? `, … (+${ex.length - 10})` : ""}`);
    }
  }
  return out.join("\n");
}

const n = (x: number) => x.toLocaleString("vi-VN");

/** What `tthc verify` found, and what --repair did. */
function renderVerify(r: VerifyReport): string {
  const scope = r.range ? `${r.range.from} → ${r.range.to}` : "toàn bộ / everything";
  const lines = [
    `Kiểm tra số liệu / Verify: ${scope}`,
    `  Bảng tổng hợp / Rollup: ${n(r.rollupKeys)} khoá / keys, ${n(r.rollupDifferences.length)} sai lệch / differences`,
    `  Dữ kiện suy ra / Derived facts: ${n(r.dossiers)} hồ sơ / dossiers, ${n(r.factDifferences.length)} sai lệch / differences`,
  ];
  if (r.repaired)
    lines.push(
      `  Đã sửa / Repaired: ${n(r.repaired.rollupKeys)} khoá, ${n(r.repaired.dossiers)} hồ sơ / keys, dossiers (kết quả trên là sau khi sửa / the figures above are after the repair)`,
    );
  for (const d of r.rollupDifferences.slice(0, 50)) {
    const what = Object.entries(d.counters)
      .map(([c, [stored, expected]]) => `${c} ${stored} ≠ ${expected}`)
      .join(", ");
    lines.push(
      `  ${d.table} ${d.unit} ${d.procedure || "(không mã TTHC)"} ${d.key}: ${what} (lưu ≠ đúng / stored ≠ expected)`,
    );
  }
  for (const d of r.factDifferences.slice(0, 50)) {
    const what = Object.entries(d.columns)
      .map(([c, [stored, expected]]) => `${c} ${stored ?? "∅"} ≠ ${expected ?? "∅"}`)
      .join(", ");
    lines.push(`  hồ sơ / dossier ${d.code} (${d.unit}): ${what}`);
  }
  const more =
    r.rollupDifferences.length +
    r.factDifferences.length -
    Math.min(50, r.rollupDifferences.length) -
    Math.min(50, r.factDifferences.length);
  if (more > 0) lines.push(`  … và ${n(more)} sai lệch khác / and ${n(more)} more (--json lists all)`);
  if (!r.repaired && (r.rollupDifferences.length || r.factDifferences.length))
    lines.push("Sửa tại chỗ, khi cổng vẫn chạy / Repair in place, online: tthc verify --portal --repair");
  return lines.join("\n");
}
