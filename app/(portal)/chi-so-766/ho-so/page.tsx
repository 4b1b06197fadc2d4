import type { Metadata } from "next";
import Link from "next/link";
import { listDossiers766ForCaller } from "@/lib/data/dossiers";
import { resolveUnit } from "@/lib/data/tree";
import { isDossierIndicator766, type Dossier766Item, type DossierIndicator766 } from "@/lib/engine/dossier-list766";
import { formatDateTime } from "@/lib/format";
import { INDICATORS } from "@/lib/method/i766/points";
import { RULE_766_LABELS } from "@/lib/method/i766/ontime";
import { INDICATOR_COUNTS } from "@/lib/ui/words766";
import { periodFromParams, periodLabel, qs } from "@/lib/ui/period";
import { requirePage, orNotFound } from "@/lib/page";
import { notFound } from "next/navigation";
import { PeriodPicker } from "../../../_components/period-picker";
import { Pager, RecordsHeader } from "../records";

export const metadata: Metadata = { title: "Hồ sơ của chỉ số 766" };

const PAGE = 50;
type Search = Promise<{ from?: string; to?: string; unit?: string; i?: string; all?: string; page?: string }>;

/** Why a dossier does not count in the indicator's numerator, in an official's words. */
const WHY: Record<DossierIndicator766, (d: Dossier766Item) => string> = {
  "2.1": (d) => (d.rule === "two_supplements" || d.rule === "no_start" || d.rule === "no_deadline" ? RULE_766_LABELS[d.rule] : d.finished ? "Giải quyết quá hạn" : "Đang giải quyết, đã quá hạn"),
  "3.3": (d) => (!d.online ? "Không nộp trực tuyến" : "Thủ tục trả kết quả giấy: chưa có kết quả điện tử khi giải quyết xong"),
  "4.1": () => "Chưa cấp kết quả điện tử",
  "4.2": () => "Hồ sơ chưa được số hóa thành phần",
  "4.3": () => "Không tái sử dụng dữ liệu đã số hóa",
  "4.4": () => "Không khai thác dữ liệu từ cơ sở dữ liệu quốc gia",
  "4.5": () => "Không sử dụng dữ liệu dân cư (VNeID, CSDL quốc gia về dân cư)",
  "5.4": (d) => [!d.ok && "trễ hạn", d.dissatisfied && "bị đánh giá không hài lòng", d.named && "có phản ánh, kiến nghị"].filter(Boolean).join(", ").replace(/^./, (c) => c.toUpperCase()),
};

/** The dossiers behind one indicator of the 766 index: those that cost points first. */
export default async function Dossiers766Page({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const { orm, caller } = await requirePage("dossiers:read");
  if (!sp.i || !isDossierIndicator766(sp.i)) notFound();
  const indicator = sp.i;
  const period = periodFromParams(sp);
  const unit = await orNotFound(resolveUnit(orm, caller, sp.unit));
  const all = sp.all === "1";
  const page = Math.max(1, Number(sp.page) || 1);
  const result = await orNotFound(listDossiers766ForCaller(orm, caller, {
    period, unit: unit?.code, indicator, missedOnly: !all, limit: PAGE, offset: (page - 1) * PAGE,
  }));
  const shown = all ? result.total : result.total - result.counted;
  const pages = Math.max(1, Math.ceil(shown / PAGE));
  const keep = { from: period.from, to: period.to, unit: unit?.code, i: indicator, all: all ? "1" : undefined };
  const day = (ms: number | null) => (ms === null ? "—" : formatDateTime(new Date(ms)));
  return (
    <div className="space-y-4">
      <RecordsHeader period={period} unit={unit} title={`${indicator} ${INDICATORS[indicator].name}`} about={`${INDICATOR_COUNTS[indicator]} · ${periodLabel(period)}`}
        counted={result.counted} total={result.total} noun="hồ sơ" all={all} toggle={`/chi-so-766/ho-so${qs({ ...keep, all: all ? undefined : "1", page: undefined })}`} />
      <PeriodPicker path="/chi-so-766/ho-so" period={period} keep={{ unit: unit?.code, i: indicator, all: all ? "1" : undefined }} />
      {result.items.length === 0 ? (
        <p className="rounded border border-gray-200 bg-white p-4 text-gray-600">{all ? "Không có hồ sơ nào trong kỳ." : "Không có hồ sơ nào không đạt."}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <table className="min-w-full text-sm" data-dossiers766={indicator}>
            <thead className="bg-gray-50 text-left text-gray-700">
              <tr><th className="px-2 py-2">Mã hồ sơ</th><th className="px-2 py-2">Đơn vị</th><th className="px-2 py-2">Thủ tục</th><th className="px-2 py-2">Tiếp nhận</th><th className="px-2 py-2">Kết thúc</th><th className="px-2 py-2">Kết quả</th></tr>
            </thead>
            <tbody>
              {result.items.map((d) => (
                <tr key={d.code} className="border-t border-gray-100 align-top">
                  <td className="px-2 py-1.5"><Link className="text-blue-700 hover:underline" href={`/ho-so/${encodeURIComponent(d.code)}${qs({ from: period.from, to: period.to })}`}>{d.code}</Link></td>
                  <td className="px-2 py-1.5">{d.unitName}</td>
                  <td className="px-2 py-1.5">{d.procedureName ?? d.procedureCode ?? "—"}</td>
                  <td className="px-2 py-1.5 tabular-nums">{day(d.receivedMs)}</td>
                  <td className="px-2 py-1.5 tabular-nums">{day(d.endMs)}</td>
                  <td className="px-2 py-1.5">{d.counted ? <span className="text-emerald-800">Đạt</span> : <span className="text-red-800">{WHY[indicator](d)}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pages={pages} href={(n) => `/chi-so-766/ho-so${qs({ ...keep, page: n })}`} />
    </div>
  );
}
