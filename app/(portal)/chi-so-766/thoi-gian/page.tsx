import type { Metadata } from "next";
import { getIndicators } from "@/lib/data/indicators";
import { resolveUnit } from "@/lib/data/tree";
import { formatCount } from "@/lib/format";
import type { ProcedureIndex766, TimeUnit766 } from "@/lib/method/i766/score";
import { periodFromParams, periodLabel } from "@/lib/ui/period";
import { orNotFound, requirePage, textParams } from "@/lib/page";
import { PeriodPicker } from "../../../_components/period-picker";
import { BackTo766 } from "../records";

export const metadata: Metadata = { title: "Thời gian giải quyết trung bình" };

type Search = Promise<{ from?: string; to?: string; unit?: string }>;

const UNIT_WORDS: Record<TimeUnit766, string> = { hours: "giờ", working_days: "ngày làm việc", days: "ngày" };
const decimal = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * METHOD-766 §2.2 (no points): for each procedure of the unit, the mean time from the start
 * of processing to the result, less the waits for supplements, over the dossiers finished
 * (Đã xử lý xong or Đã trả kết quả) that started in the period, in the procedure's own
 * deadline unit. Read from the 766 rollup (kept on write), the most handled first.
 */
export default async function AverageTime766Page({ searchParams }: { searchParams: Search }) {
  const sp = textParams(await searchParams);
  const { orm, caller } = await requirePage("scores:read");
  const period = periodFromParams(sp);
  const unit = await orNotFound(resolveUnit(orm, caller, sp.unit));
  const card = await getIndicators(orm, caller, {
    period,
    by: "procedure",
    filter: unit ? { unit: unit.code } : {},
    profile: "766",
  });
  // A procedure counted only under METHOD's own rules (a draft's, say) has no 766 figure.
  const procedures = card.rows
    .flatMap((r) =>
      r.index766 ? [{ code: r.key, name: r.name, time: (r.index766 as ProcedureIndex766).averageTime }] : [],
    )
    .filter((r) => r.time.dossiers > 0)
    .sort((a, b) => b.time.dossiers - a.time.dossiers || a.code.localeCompare(b.code));
  const dossiers = procedures.reduce((n, p) => n + p.time.dossiers, 0);
  return (
    <div className="space-y-4">
      <BackTo766 period={period} unit={unit ?? null} />
      <h1 className="text-2xl font-semibold">2.2 Thời gian giải quyết trung bình</h1>
      <p className="text-sm text-gray-600">
        Theo từng thủ tục, trên các hồ sơ bắt đầu giải quyết trong kỳ và đã xử lý xong hoặc đã trả kết quả, đã trừ thời
        gian chờ bổ sung; tính theo đơn vị thời hạn của thủ tục. Không tính điểm. · {periodLabel(period)}
      </p>
      <PeriodPicker path="/chi-so-766/thoi-gian" period={period} keep={{ unit: unit?.code }} />
      {procedures.length === 0 ? (
        <p className="rounded border border-gray-200 bg-white p-4 text-gray-600" data-average-time="">
          Không có hồ sơ nào bắt đầu giải quyết trong kỳ và đã có kết quả.
        </p>
      ) : (
        <>
          <p className="text-sm" data-average-time={dossiers}>
            <strong className="tabular-nums">{formatCount(procedures.length)}</strong> thủ tục,{" "}
            <strong className="tabular-nums">{formatCount(dossiers)}</strong> hồ sơ.
          </p>
          <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
            <table className="min-w-full text-sm">
              <thead className="bg-gray-50 text-left text-gray-700">
                <tr>
                  <th className="px-2 py-2">Thủ tục</th>
                  <th className="whitespace-nowrap px-2 py-2 text-right">Số hồ sơ</th>
                  <th className="px-2 py-2 text-right">Thời gian trung bình</th>
                </tr>
              </thead>
              <tbody>
                {procedures.map((p) => (
                  <tr key={p.code} className="border-t border-gray-100 align-top" data-procedure={p.code}>
                    <td className="px-2 py-1.5">
                      {p.name} <span className="text-xs text-gray-500">{p.code}</span>
                    </td>
                    <td className="px-2 py-1.5 text-right tabular-nums">{formatCount(p.time.dossiers)}</td>
                    <td className="px-2 py-1.5 text-right tabular-nums whitespace-nowrap">
                      {decimal.format(p.time.value ?? 0)} {UNIT_WORDS[p.time.unit]}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
