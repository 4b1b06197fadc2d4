import type { Metadata } from "next";
import { getIndicators } from "@/lib/data/indicators";
import { resolveUnit, placeName } from "@/lib/data/tree";
import type { ScorecardRow } from "@/lib/engine/scorecard";
import { formatCount, formatDateTime, formatDay, formatPoints, formatRate } from "@/lib/format";
import { ratingLabel, unitIndex } from "@/lib/method/i766/score";
import { localDate } from "@/lib/method/time";
import { BAND_LABELS, bandWord } from "@/lib/method/bands";
import { periodFromParams, periodLabel, qs } from "@/lib/ui/period";
import { requirePage, orNotFound, textParams } from "@/lib/page";
import { PeriodPicker } from "../../_components/period-picker";
import { PrintButton } from "../../_components/print-button";

export const metadata: Metadata = { title: "Báo cáo" };

const TIERS: ReadonlyArray<[string, string]> = [
  ["so_nganh", "sở, ban, ngành"],
  ["huyen", "huyện"],
  ["xa", "xã, phường"],
  ["tinh", "tỉnh, thành phố"],
];

/** The print-friendly report to the provincial People's Committee, and the Excel workbook. */
export default async function ReportPage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string; to?: string; unit?: string; profile?: string }>;
}) {
  const sp = textParams(await searchParams);
  // With the 766 index: its total in the summary and each unit's total, rating and rank in the tables.
  const profile = sp.profile === "766" ? "766" : undefined;
  const period = periodFromParams(sp);
  const { orm, caller } = await requirePage();
  const unit = await orNotFound(resolveUnit(orm, caller, sp.unit));
  const [total, card] = await Promise.all([
    getIndicators(orm, caller, { period, by: "all", filter: unit ? { unit: unit.code } : {}, profile }),
    getIndicators(orm, caller, {
      period,
      by: "agency",
      filter: unit ? { parent: unit.code } : { topLevel: true },
      profile,
    }),
  ]);
  const i766 = (r: ScorecardRow) => unitIndex(r.index766);
  const rating = (r: ScorecardRow) => ratingLabel(i766(r)?.rating ?? null) ?? "Chưa có dữ liệu";
  const t = total.rows[0];
  // Departments and communes in tables of their own, as the national ranking lays them out;
  // ties by name ([decision] the portal holds no population figures to break them first).
  const byRate = (a: ScorecardRow, b: ScorecardRow) =>
    (b.onTime.rate ?? -1) - (a.onTime.rate ?? -1) || a.name.localeCompare(b.name, "vi");
  const tiers = TIERS.map(([kind, label]) => ({
    label,
    rows: card.rows.filter((r) => (r.kind ?? "tinh") === kind).sort(byRate),
  })).filter((x) => x.rows.length > 0);
  const name = unit?.name ?? "Toàn quốc";
  // Signed in the province's place, whichever of its units the report is of.
  const place = (await placeName(orm, unit?.code ?? null)) ?? name;
  const now = new Date();
  const [d, m, y] = formatDay(localDate(now)).split("/");
  return (
    <article className="space-y-4">
      <div className="no-print flex flex-wrap items-center gap-2">
        <PeriodPicker path="/bao-cao" period={period} keep={{ unit: sp.unit, profile }} />
        <a
          className="rounded bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white"
          href={`/api/v1/reports/scorecard.xlsx${qs({ from: period.from, to: period.to, unit: unit?.code })}`}
          data-excel
        >
          Tải Excel
        </a>
        <a
          className="rounded border border-emerald-700 px-3 py-1.5 text-sm font-medium text-emerald-800"
          href={`/api/v1/reports/scorecard.xlsx${qs({ from: period.from, to: period.to, unit: unit?.code, profile: "766" })}`}
          data-excel766
        >
          Tải Excel kèm chỉ số 766
        </a>
        <a
          className="rounded border border-gray-300 bg-white px-3 py-1.5 text-sm"
          href={`/bao-cao${qs({ from: period.from, to: period.to, unit: unit?.code, profile: profile ? undefined : "766" })}`}
        >
          {profile ? "Bỏ Chỉ số 766 khỏi báo cáo" : "Thêm Chỉ số 766 vào báo cáo"}
        </a>
        <PrintButton />
      </div>
      <header className="grid grid-cols-2 gap-4 text-center text-sm">
        <div>
          <p className="font-semibold uppercase">{name}</p>
          <p className="mx-auto mt-1 w-24 border-t border-gray-900" />
        </div>
        <div>
          <p className="font-semibold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
          <p className="font-semibold">Độc lập - Tự do - Hạnh phúc</p>
          <p className="mx-auto mt-1 w-40 border-t border-gray-900" />
          <p className="mt-2 italic">
            {place}, ngày {d} tháng {m} năm {y}
          </p>
        </div>
      </header>
      <div className="text-center">
        <h1 className="mt-2 text-xl font-bold uppercase">Báo cáo kết quả giải quyết thủ tục hành chính</h1>
        <p>
          {periodLabel(period)} (số liệu tính đến {formatDateTime(period.asOf)})
        </p>
      </div>
      <section className="text-sm leading-relaxed">
        <h2 className="font-semibold">I. Kết quả chung</h2>
        <p>
          1. Tiến độ giải quyết: tiếp nhận và xử lý {formatCount(t.onTime.population)} hồ sơ; đã xử lý đúng hạn{" "}
          {formatCount(t.onTime.onTime)}, quá hạn {formatCount(t.onTime.late)}; đang xử lý trong hạn{" "}
          {formatCount(t.onTime.withinDeadline)}, quá hạn {formatCount(t.onTime.overdue)}. Tỷ lệ đúng hạn{" "}
          <strong>{formatRate(t.onTime.rate)}</strong> ({bandWord(t.onTime.band, "onTime").toLowerCase()}).
        </p>
        <p>
          2. Dịch vụ công trực tuyến: {formatCount(t.online.level4)} thủ tục toàn trình và{" "}
          {formatCount(t.online.level3)} thủ tục một phần trên {formatCount(t.online.procedures)} thủ tục thuộc thẩm
          quyền (<strong>{formatRate(t.online.level34Rate)}</strong>); hồ sơ nộp trực tuyến chiếm{" "}
          {formatRate(t.online.channels.onlineRate)}.
        </p>
        <p>
          3. Thanh toán trực tuyến qua Cổng DVCQG: <strong>{formatRate(t.payment.rate)}</strong> (
          {formatCount(t.payment.paidOnline)}/{formatCount(t.payment.payableDossiers)} hồ sơ).
        </p>
        <p>
          4. Phản ánh, kiến nghị: {formatCount(t.feedback.total)} (quy định hành chính{" "}
          {formatCount(t.feedback.regulation)}, hành vi cán bộ {formatCount(t.feedback.conduct)}).
        </p>
        <p>
          5. Đồng bộ hồ sơ: <strong>{formatRate(t.sync.rate)}</strong>
          {t.sync.message ? ` — ${t.sync.message}` : ""}.
        </p>
        {profile && (
          <p data-report766>
            6. Chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg):{" "}
            <strong>{formatPoints(i766(t)?.total ?? null)}</strong>/100 điểm, xếp loại <strong>{rating(t)}</strong>.
          </p>
        )}
      </section>
      {tiers.map((tier, n) => (
        <section key={tier.label} className="break-inside-avoid-page">
          <h2 className="mb-2 text-sm font-semibold">
            {["II", "III", "IV", "V"][n]}. Kết quả của các {tier.label} (sắp theo tỷ lệ đúng hạn)
          </h2>
          {/* On a phone the table scrolls in its own box (the first two columns stay in view); on paper it fits the page. */}
          <div
            className="overflow-x-auto print:overflow-visible"
            tabIndex={0}
            role="region"
            aria-label={`Bảng kết quả các ${tier.label}`}
          >
            <table className="w-full border-collapse text-xs" data-report-tier={tier.label}>
              <thead>
                <tr className="bg-gray-100">
                  {[
                    "STT",
                    "Đơn vị",
                    "Hồ sơ",
                    "A. Đúng hạn",
                    "B. Mức 3+4",
                    "B. Trực tuyến",
                    "C. Thanh toán",
                    "D. PAKN",
                    "Đ. Đồng bộ",
                    ...(profile ? ["Chỉ số 766", "Xếp loại", "Hạng"] : []),
                  ].map((h) => (
                    <th key={h} className="border border-gray-400 px-1 py-1">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {tier.rows.map((r, i) => (
                  <tr key={r.key}>
                    <td className="border border-gray-400 px-1 text-center">{i + 1}</td>
                    <td className="border border-gray-400 px-1">{r.name}</td>
                    <td className="border border-gray-400 px-1 text-right">{formatCount(r.onTime.population)}</td>
                    <td className="border border-gray-400 px-1 text-right">
                      {r.onTime.band === "white"
                        ? bandWord("white", "onTime")
                        : `${formatRate(r.onTime.rate)} (${BAND_LABELS[r.onTime.band]})`}
                    </td>
                    <td className="border border-gray-400 px-1 text-right">
                      {r.online.band === "white" ? bandWord("white", "online") : formatRate(r.online.level34Rate)}
                    </td>
                    <td className="border border-gray-400 px-1 text-right">
                      {formatRate(r.online.channels.onlineRate)}
                    </td>
                    <td className="border border-gray-400 px-1 text-right">
                      {r.payment.band === "white" ? bandWord("white", "payment") : formatRate(r.payment.rate)}
                    </td>
                    <td className="border border-gray-400 px-1 text-right">{formatCount(r.feedback.total)}</td>
                    <td className="border border-gray-400 px-1 text-right">{formatRate(r.sync.rate)}</td>
                    {profile && (
                      <>
                        <td className="border border-gray-400 px-1 text-right">
                          {formatPoints(i766(r)?.total ?? null)}
                        </td>
                        <td className="border border-gray-400 px-1">{rating(r)}</td>
                        <td className="border border-gray-400 px-1 text-right">
                          {i766(r)?.rank ? `${i766(r)!.rank!.position}/${i766(r)!.rank!.of}` : "—"}
                        </td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </article>
  );
}
