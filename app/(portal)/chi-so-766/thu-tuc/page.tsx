import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listProcedures766ForCaller } from "@/lib/data/records766";
import { resolveUnit } from "@/lib/data/tree";
import { isProcedureIndicator766, type Procedure766Item, type ProcedureIndicator766 } from "@/lib/engine/records-list766";
import { formatCount, formatDay } from "@/lib/format";
import { INDICATORS } from "@/lib/method/i766/points";
import { INDICATOR_COUNTS } from "@/lib/ui/words766";
import { periodFromParams, periodLabel, qs } from "@/lib/ui/period";
import { requirePage, orNotFound } from "@/lib/page";
import { PeriodPicker } from "../../../_components/period-picker";
import { RecordsHeader, Pager } from "../records";

export const metadata: Metadata = { title: "Thủ tục của chỉ số 766" };

const PAGE = 50;
const day = (d: string | null) => (d ? formatDay(d) : "—");

/** What a procedure missed, in an official's words, with the dates it was held to. */
const WHY: Record<ProcedureIndicator766, (p: Procedure766Item) => string> = {
  "1.1": (p) => `Công bố ngày ${day(p.announcedOn)}, chậm hơn ngày ${day(p.announceBy)} (5 ngày làm việc trước ngày hiệu lực)`,
  "1.2": (p) => (p.madePublicOn ? `Công khai ngày ${day(p.madePublicOn)}, chậm hơn ngày ${day(p.publishBy)}` : `Chưa công khai; hạn ngày ${day(p.publishBy)}`),
  "1.3": () => "Chưa công khai đầy đủ các bộ phận",
  "3.1": () => "Chưa cung cấp dịch vụ công trực tuyến",
};
const LEVEL: Record<number, string> = { 4: "Toàn trình", 3: "Một phần" };

/** The procedures behind an indicator of group 1 (and 3.1) of the 766 index: those that cost points first. */
export default async function Procedures766Page({ searchParams }: { searchParams: Promise<{ from?: string; to?: string; unit?: string; i?: string; all?: string; page?: string }> }) {
  const sp = await searchParams;
  const { orm, caller } = await requirePage("scores:read");
  if (!sp.i || !isProcedureIndicator766(sp.i)) notFound();
  const indicator = sp.i;
  const period = periodFromParams(sp);
  const unit = await orNotFound(resolveUnit(orm, caller, sp.unit));
  const all = sp.all === "1";
  const page = Math.max(1, Number(sp.page) || 1);
  const result = await orNotFound(listProcedures766ForCaller(orm, caller, { period, unit: unit?.code, indicator, missedOnly: !all, limit: PAGE, offset: (page - 1) * PAGE }));
  const keep = { from: period.from, to: period.to, unit: unit?.code, i: indicator, all: all ? "1" : undefined };
  return (
    <div className="space-y-4">
      <RecordsHeader period={period} unit={unit} title={`${indicator} ${INDICATORS[indicator].name}`} about={`${INDICATOR_COUNTS[indicator]} · ${periodLabel(period)}`}
        counted={result.counted} total={result.total} noun="thủ tục" all={all} toggle={`/chi-so-766/thu-tuc${qs({ ...keep, all: all ? undefined : "1", page: undefined })}`} />
      <PeriodPicker path="/chi-so-766/thu-tuc" period={period} keep={{ unit: unit?.code, i: indicator, all: all ? "1" : undefined }} />
      {result.items.length === 0 ? (
        <p className="rounded border border-gray-200 bg-white p-4 text-gray-600">{all ? "Không có thủ tục nào." : "Không có thủ tục nào không đạt."}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <table className="min-w-full text-sm" data-procedures766={indicator}>
            <thead className="bg-gray-50 text-left text-gray-700">
              <tr><th className="px-2 py-2">Thủ tục</th><th className="px-2 py-2">Ngày công bố</th><th className="px-2 py-2">Ngày hiệu lực</th><th className="px-2 py-2">Ngày công khai</th><th className="px-2 py-2">Mức độ trực tuyến</th><th className="px-2 py-2">Kết quả</th></tr>
            </thead>
            <tbody>
              {result.items.map((p) => (
                <tr key={p.code} className="border-t border-gray-100 align-top">
                  <td className="px-2 py-1.5">{p.name} <span className="text-xs text-gray-500">{p.code}</span></td>
                  <td className="px-2 py-1.5 tabular-nums">{day(p.announcedOn)}</td>
                  <td className="px-2 py-1.5 tabular-nums">{day(p.effectiveOn)}</td>
                  <td className="px-2 py-1.5 tabular-nums">{day(p.madePublicOn)}</td>
                  <td className="px-2 py-1.5">{p.level ? LEVEL[p.level] : "Chưa cung cấp"}</td>
                  <td className="px-2 py-1.5">{p.counted ? <span className="text-emerald-800">Đạt</span> : <span className="text-red-800">{WHY[indicator](p)}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pages={Math.max(1, Math.ceil((all ? result.total : result.total - result.counted) / PAGE))} href={(n) => `/chi-so-766/thu-tuc${qs({ ...keep, page: n })}`} />
      <p className="text-xs text-gray-500">Số thủ tục: {formatCount(result.total)}; thủ tục thuộc thẩm quyền của nhiều đơn vị được tính một lần.</p>
    </div>
  );
}
