/**
 * The scorecard as an Excel workbook (exceljs): a summary sheet and one sheet per
 * indicator group, with the METHOD §0.4 bands as cell colours and in words; under the
 * 766 profile, a sheet of totals with ratings and ranks and one sheet per 766 group.
 */
import ExcelJS from "exceljs";
import { formatDateTime, formatDay } from "@/lib/format";
import type { Scorecard, ScorecardRow } from "@/lib/engine/scorecard";
import { BAND_LABELS, type Band } from "@/lib/method/bands";
import { BAND_COLORS, ratingSwatch } from "@/lib/ui/colors";
import { GROUPS, INDICATORS, INDICATOR_IDS, type GroupId } from "@/lib/method/i766/points";
import { unitIndex } from "@/lib/method/i766/score";
import { columnScore, NATIONAL_COLUMNS } from "@/lib/method/i766/movement";

/** A cell's colour and the word for it (a band, a rating). */
interface Swatch {
  hex: string;
  text: string;
  label: string;
}
type Col = {
  header: string;
  width: number;
  value: (r: ScorecardRow) => string | number | null;
  percent?: boolean;
  /** A change, written with its sign (+1,25 / −0,50). */
  signed?: boolean;
  /** The cell's colour, its word written in a column of its own headed `swatchHeader`. */
  swatch?: (r: ScorecardRow) => Swatch | null;
  swatchHeader?: string;
};
type Sheet = { name: string; title: string; cols: Col[] };

const pct = (v: number | null) => (v === null ? null : v / 100);
const banded =
  (band: (r: ScorecardRow) => Band) =>
  (r: ScorecardRow): Swatch => ({ ...BAND_COLORS[band(r)], label: BAND_LABELS[band(r)] });

const SHEETS: Sheet[] = [
  {
    name: "Tổng hợp",
    title: "Tổng hợp các nhóm chỉ số",
    cols: [
      {
        header: "A. Tỷ lệ đúng hạn",
        width: 16,
        value: (r) => pct(r.onTime.rate),
        swatch: banded((r) => r.onTime.band),
        percent: true,
      },
      {
        header: "B. DVCTT toàn trình + một phần",
        width: 18,
        value: (r) => pct(r.online.level34Rate),
        swatch: banded((r) => r.online.band),
        percent: true,
      },
      { header: "B. Nộp trực tuyến", width: 14, value: (r) => pct(r.online.channels.onlineRate), percent: true },
      {
        header: "C. Thanh toán trực tuyến",
        width: 16,
        value: (r) => pct(r.payment.rate),
        swatch: banded((r) => r.payment.band),
        percent: true,
      },
      { header: "D. Số PAKN", width: 10, value: (r) => r.feedback.total },
      { header: "Đ. Tỷ lệ đồng bộ", width: 14, value: (r) => pct(r.sync.rate), percent: true },
    ],
  },
  {
    name: "A. Tiến độ",
    title: "A. Tiến độ giải quyết (Phụ lục Công văn 200/VPCP-KSTT, mục A)",
    cols: [
      { header: "Hồ sơ tiếp nhận và xử lý", width: 14, value: (r) => r.onTime.population },
      { header: "Đã xử lý đúng hạn", width: 12, value: (r) => r.onTime.onTime },
      { header: "Đã xử lý quá hạn", width: 12, value: (r) => r.onTime.late },
      { header: "Đang xử lý trong hạn", width: 12, value: (r) => r.onTime.withinDeadline },
      { header: "Đang xử lý quá hạn", width: 12, value: (r) => r.onTime.overdue },
      {
        header: "Tỷ lệ đúng hạn",
        width: 12,
        value: (r) => pct(r.onTime.rate),
        swatch: banded((r) => r.onTime.band),
        percent: true,
      },
    ],
  },
  {
    name: "B. Trực tuyến",
    title: "B. Chất lượng cung cấp dịch vụ công trực tuyến (Phụ lục Công văn 200/VPCP-KSTT, mục B)",
    cols: [
      { header: "TTHC thuộc thẩm quyền", width: 12, value: (r) => r.online.procedures },
      { header: "Toàn trình (mức 4)", width: 12, value: (r) => r.online.level4 },
      { header: "Một phần (mức 3)", width: 12, value: (r) => r.online.level3 },
      {
        header: "Tỷ lệ mức 3 + 4",
        width: 12,
        value: (r) => pct(r.online.level34Rate),
        swatch: banded((r) => r.online.band),
        percent: true,
      },
      {
        header: "DVCTT có phát sinh hồ sơ",
        width: 14,
        value: (r) => pct(r.online.servicesWithDossiersRate),
        percent: true,
      },
      { header: "Hồ sơ tiếp nhận", width: 12, value: (r) => r.online.channels.received },
      { header: "Trực tuyến", width: 12, value: (r) => pct(r.online.channels.onlineRate), percent: true },
      { header: "Trực tiếp", width: 12, value: (r) => pct(r.online.channels.directRate), percent: true },
      { header: "Bưu chính", width: 12, value: (r) => pct(r.online.channels.postalRate), percent: true },
      {
        header: "Trực tuyến đang xử lý quá hạn",
        width: 14,
        value: (r) => pct(r.online.onlineInProgress.overdueRate),
        percent: true,
      },
    ],
  },
  {
    name: "C. Thanh toán",
    title: "C. Thanh toán trực tuyến (Phụ lục Công văn 200/VPCP-KSTT, mục C)",
    cols: [
      {
        header: "TTHC có giao dịch thanh toán",
        width: 14,
        value: (r) => pct(r.payment.proceduresWithPaymentsRate),
        percent: true,
      },
      { header: "TTHC tích hợp phí", width: 14, value: (r) => pct(r.payment.feeIntegrationRate), percent: true },
      { header: "Hồ sơ thanh toán qua DVCQG", width: 14, value: (r) => r.payment.paidOnline },
      { header: "Hồ sơ thuộc TTHC đã tích hợp", width: 14, value: (r) => r.payment.payableDossiers },
      { header: "Qua cổng địa phương", width: 12, value: (r) => r.payment.paidLocal },
      {
        header: "Tỷ lệ thanh toán trực tuyến",
        width: 14,
        value: (r) => pct(r.payment.rate),
        swatch: banded((r) => r.payment.band),
        percent: true,
      },
    ],
  },
  {
    name: "D. PAKN",
    title: "D. Phản ánh, kiến nghị (Phụ lục Công văn 200/VPCP-KSTT, mục D)",
    cols: [
      { header: "Tổng số", width: 10, value: (r) => r.feedback.total },
      { header: "Về quy định hành chính", width: 14, value: (r) => r.feedback.regulation },
      { header: "Về hành vi cán bộ", width: 14, value: (r) => r.feedback.conduct },
      { header: "Tỷ lệ quy định", width: 12, value: (r) => pct(r.feedback.regulationRate), percent: true },
      { header: "Tỷ lệ hành vi", width: 12, value: (r) => pct(r.feedback.conductRate), percent: true },
    ],
  },
  {
    name: "Đ. Đồng bộ",
    title: "Đ. Tỷ lệ hồ sơ đồng bộ (Phụ lục Công văn 200/VPCP-KSTT, mục Đ)",
    cols: [
      { header: "Hồ sơ đã đồng bộ", width: 12, value: (r) => r.sync.synced },
      { header: "Báo cáo quốc gia", width: 12, value: (r) => r.sync.reportedNational },
      { header: "Báo cáo thống kê", width: 12, value: (r) => r.sync.reportedPortal },
      { header: "Tỷ lệ đồng bộ", width: 12, value: (r) => pct(r.sync.rate), percent: true },
      { header: "Thông báo", width: 36, value: (r) => r.sync.message },
    ],
  },
];

/** METHOD-766 §0.3: the rating's colour and word. */
const rated = (r: ScorecardRow): Swatch | null => {
  const x = ratingSwatch(unitIndex(r.index766)?.rating ?? null);
  return x && { hex: x.hex, text: x.text, label: x.label };
};
const groupScore = (g: GroupId) => (r: ScorecardRow) => unitIndex(r.index766)?.groups[g].score ?? null;

/** The 766 index (METHOD-766 §7): totals with ratings and ranks, then a sheet per group with every indicator. */
const SHEETS_766: Sheet[] = [
  {
    name: "766. Tổng điểm",
    title: "Chỉ số 766 — tổng điểm, xếp loại và xếp hạng (thang 100)",
    cols: [
      {
        header: "Tổng điểm",
        width: 10,
        value: (r) => unitIndex(r.index766)?.total ?? null,
        swatch: rated,
        swatchHeader: "Xếp loại",
      },
      {
        header: "Xếp hạng",
        width: 10,
        value: (r) => {
          const rank = unitIndex(r.index766)?.rank;
          return rank ? `${rank.position}/${rank.of}` : null;
        },
      },
      // METHOD-766 §0.5: the movement against the previous period of the same kind (+ up, − down).
      {
        header: "Tổng điểm tăng (+) / giảm (−) so với kỳ trước",
        width: 14,
        value: (r) => unitIndex(r.index766)?.change?.total ?? null,
        signed: true,
      },
      {
        header: "Số bậc xếp hạng tăng (+) / giảm (−)",
        width: 12,
        value: (r) => unitIndex(r.index766)?.change?.rank ?? null,
        signed: true,
      },
      // §3: the national layout, group 3 as DVCTT and thanh toán; each cell's maximum is on the group's sheet.
      ...NATIONAL_COLUMNS.map((c): Col => ({
        header: `${c.label}: điểm`,
        width: 14,
        value: (r) => {
          const x = unitIndex(r.index766);
          return x ? columnScore(x, c.indicators).score : null;
        },
      })),
    ],
  },
  ...(Object.keys(GROUPS) as GroupId[]).map((g): Sheet => ({
    name: `766. Nhóm ${g}`,
    title: `Chỉ số 766 — ${g}. ${GROUPS[g].name} (${GROUPS[g].max} điểm)`,
    cols: [
      { header: "Điểm nhóm", width: 10, value: groupScore(g) },
      { header: "Điểm tối đa được tính", width: 12, value: (r) => unitIndex(r.index766)?.groups[g].max ?? null },
      ...INDICATOR_IDS.filter((id) => INDICATORS[id].group === g).flatMap((id): Col[] => {
        const ind = (r: ScorecardRow) => unitIndex(r.index766)?.groups[g].indicators[id];
        return [
          {
            header: `${id} ${INDICATORS[id].name}: tỷ lệ (ngưỡng ${INDICATORS[id].threshold} %)`,
            width: 16,
            value: (r) => pct(ind(r)?.ratio ?? null),
            percent: true,
          },
          {
            header: `${id}: số đạt / tổng`,
            width: 12,
            value: (r) => (ind(r)?.denominator == null ? null : `${ind(r)!.numerator} / ${ind(r)!.denominator}`),
          },
          { header: `${id}: điểm (tối đa ${INDICATORS[id].max})`, width: 10, value: (r) => ind(r)?.score ?? null },
        ];
      }),
    ],
  })),
];

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

/**
 * Text that came from outside (unit and procedure names and codes from imports) and looks
 * like a formula to a spreadsheet (= + - @, tab, carriage return first) is written after
 * an apostrophe, so that neither Excel nor a CSV made from the sheet runs it.
 */
export const guardText = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/**
 * The workbook's file name: the unit, the period and the profile, so that two downloads
 * (another period, or with the 766 index) never take the same name. ASCII only: a name in
 * Content-Disposition that every browser saves as written.
 */
export function workbookFileName(
  unitCode: string | null,
  period: { from: string; to: string },
  profile: "200" | "766" = "200",
): string {
  const unit = unitCode ? `-${unitCode.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 60)}` : "";
  return `bang-chi-so${unit}-${period.from}-den-${period.to}${profile === "766" ? "-chi-so-766" : ""}.xlsx`;
}

/** The workbook of a tier: `title` names the unit; the period and as-of are written as an official reads them (vi-VN). */
export async function scorecardWorkbook(
  card: Scorecard,
  title: string,
  period: { from: string; to: string; asOf: Date },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Chỉ số TTHC";
  wb.created = new Date();
  for (const sheet of card.profile === "766" ? [...SHEETS, ...SHEETS_766] : SHEETS) {
    const ws = wb.addWorksheet(sheet.name);
    ws.addRow([guardText(`${title} — ${sheet.title}`)]).font = { bold: true, size: 13 };
    ws.addRow([
      `Kỳ từ ngày ${formatDay(period.from)} đến ngày ${formatDay(period.to)}; số liệu tính đến ${formatDateTime(period.asOf)}`,
    ]);
    ws.addRow([]);
    const bandCols = sheet.cols.filter((c) => c.swatch);
    const header = ws.addRow([
      "STT",
      "Mã",
      "Tên",
      ...sheet.cols.map((c) => c.header),
      ...bandCols.map((c) => c.swatchHeader ?? `Màu: ${c.header}`),
    ]);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: "middle" };
    ws.columns = [
      { width: 5 },
      { width: 16 },
      { width: 40 },
      ...sheet.cols.map((c) => ({ width: c.width })),
      ...bandCols.map(() => ({ width: 14 })),
    ];
    card.rows.forEach((r, i) => {
      const row = ws.addRow([
        i + 1,
        guardText(r.key),
        guardText(r.name),
        ...sheet.cols.map((c) => c.value(r)),
        ...bandCols.map((c) => c.swatch!(r)?.label ?? ""),
      ]);
      sheet.cols.forEach((c, j) => {
        const cell = row.getCell(4 + j);
        if (c.percent) cell.numFmt = "0.00%";
        else if (c.signed)
          cell.numFmt = typeof cell.value === "number" && Number.isInteger(cell.value) ? "+0;-0;0" : "+0.00;-0.00;0.00";
        else if (typeof cell.value === "number" && !Number.isInteger(cell.value)) cell.numFmt = "0.00";
        const swatch = c.swatch?.(r);
        if (swatch) {
          cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(swatch.hex) } };
          cell.font = { color: { argb: argb(swatch.text) } };
        }
      });
    });
    ws.views = [{ state: "frozen", ySplit: 4, xSplit: 3 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
