import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { listFeedback766ForCaller } from "@/lib/data/records766";
import { resolveUnit } from "@/lib/data/tree";
import { isFeedbackIndicator766, type Feedback766Item } from "@/lib/engine/records-list766";
import { formatDateTime, formatDay } from "@/lib/format";
import { INDICATORS } from "@/lib/method/i766/points";
import { INDICATOR_COUNTS } from "@/lib/ui/words766";
import { periodFromParams, periodLabel, qs } from "@/lib/ui/period";
import { requirePage, orNotFound } from "@/lib/page";
import { PeriodPicker } from "../../../_components/period-picker";
import { Pager, RecordsHeader } from "../records";

export const metadata: Metadata = { title: "Phản ánh, kiến nghị của chỉ số 766" };

const PAGE = 50;
const day = (d: string | null) => (d ? formatDay(d) : "—");

/** What a PAKN missed (§5.2: lateness; §5.3: also dissatisfaction and repeated complaints). */
function why(f: Feedback766Item): string {
  const reasons = [
    !f.onTime && (f.handledOn ? `xử lý xong ngày ${day(f.handledOn)}, quá hạn ${day(f.due)}` : `chưa xử lý xong, đã quá hạn ${day(f.due)}`),
    Number(f.dislikes ?? 0) > Number(f.likes ?? 0) && "số không hài lòng nhiều hơn hài lòng",
    f.complainedAgain && "bị khiếu nại lại",
  ].filter(Boolean) as string[];
  return reasons.join("; ").replace(/^./, (c) => c.toUpperCase());
}

/** The PAKN behind 5.2 and 5.3 of the 766 index: those that cost points first. */
export default async function Feedback766Page({ searchParams }: { searchParams: Promise<{ from?: string; to?: string; unit?: string; i?: string; all?: string; page?: string }> }) {
  const sp = await searchParams;
  const { orm, caller } = await requirePage("dossiers:read");
  if (!sp.i || !isFeedbackIndicator766(sp.i)) notFound();
  const indicator = sp.i;
  const period = periodFromParams(sp);
  const unit = await orNotFound(resolveUnit(orm, caller, sp.unit));
  const all = sp.all === "1";
  const page = Math.max(1, Number(sp.page) || 1);
  const result = await orNotFound(listFeedback766ForCaller(orm, caller, { period, unit: unit?.code, indicator, missedOnly: !all, limit: PAGE, offset: (page - 1) * PAGE }));
  const keep = { from: period.from, to: period.to, unit: unit?.code, i: indicator, all: all ? "1" : undefined };
  return (
    <div className="space-y-4">
      <RecordsHeader period={period} unit={unit} title={`${indicator} ${INDICATORS[indicator].name}`} about={`${INDICATOR_COUNTS[indicator]} · ${periodLabel(period)}`}
        counted={result.counted} total={result.total} noun="phản ánh, kiến nghị" all={all} toggle={`/chi-so-766/pakn${qs({ ...keep, all: all ? undefined : "1", page: undefined })}`} />
      <PeriodPicker path="/chi-so-766/pakn" period={period} keep={{ unit: unit?.code, i: indicator, all: all ? "1" : undefined }} />
      {result.items.length === 0 ? (
        <p className="rounded border border-gray-200 bg-white p-4 text-gray-600">{all ? "Không có phản ánh, kiến nghị nào trong kỳ." : "Không có phản ánh, kiến nghị nào không đạt."}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <table className="min-w-full text-sm" data-feedback766={indicator}>
            <thead className="bg-gray-50 text-left text-gray-700">
              <tr><th className="px-2 py-2">Mã</th><th className="px-2 py-2">Đơn vị</th><th className="px-2 py-2">Tiếp nhận</th><th className="px-2 py-2">Xử lý xong</th><th className="px-2 py-2">Hài lòng / không</th><th className="px-2 py-2">Hồ sơ</th><th className="px-2 py-2">Kết quả</th></tr>
            </thead>
            <tbody>
              {result.items.map((f) => (
                <tr key={f.code} className="border-t border-gray-100 align-top">
                  <td className="px-2 py-1.5">{f.code}</td>
                  <td className="px-2 py-1.5">{f.unitName}</td>
                  <td className="px-2 py-1.5 tabular-nums">{formatDateTime(new Date(f.receivedMs))}</td>
                  <td className="px-2 py-1.5 tabular-nums">{day(f.handledOn)}</td>
                  <td className="px-2 py-1.5 tabular-nums">{f.likes ?? "—"} / {f.dislikes ?? "—"}</td>
                  <td className="px-2 py-1.5">{f.dossier ? <Link className="text-blue-700 hover:underline" href={`/ho-so/${encodeURIComponent(f.dossier)}${qs({ from: period.from, to: period.to })}`}>{f.dossier}</Link> : "—"}</td>
                  <td className="px-2 py-1.5">{f.counted ? <span className="text-emerald-800">Đạt</span> : <span className="text-red-800">{why(f)}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pages={Math.max(1, Math.ceil((all ? result.total : result.total - result.counted) / PAGE))} href={(n) => `/chi-so-766/pakn${qs({ ...keep, page: n })}`} />
    </div>
  );
}
