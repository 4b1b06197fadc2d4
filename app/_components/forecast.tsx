import Link from "next/link";
import type { Caller } from "@/lib/data/scope";
import { getDb } from "@/lib/data/db";
import { forecastForCaller } from "@/lib/data/dossiers";
import { formatCount, formatDateTime, formatPoints, formatRate } from "@/lib/format";
import { periodLabel, qs } from "@/lib/ui/period";

const range = (low: number | null, high: number | null, show: (v: number | null) => string) =>
  low === high ? show(high) : `${show(low)} – ${show(high)}`;

/**
 * "Dự báo cuối kỳ" (issue #25): this week's and this month's on-time rate and 766 total if
 * every dossier still at stake ends late, and if each ends by its due instant; the list of
 * those dossiers one click away. Streams in after the page (the caller is checked above).
 */
export async function PeriodEndForecast({
  caller,
  unit,
  show766 = true,
  after,
}: {
  caller: Caller;
  unit?: string;
  show766?: boolean;
  /** The page's main figure: computed first, since on the embedded database queries take turns. */
  after?: Promise<unknown>;
}) {
  await settled(after);
  const { orm } = await getDb();
  const forecasts = await forecastForCaller(orm, caller, unit);
  return (
    <section className="rounded-lg border border-gray-200 bg-white p-4" data-forecast>
      <h2 className="text-lg font-semibold">Dự báo cuối kỳ</h2>
      {/* A projection may be up to a minute old (lib/engine/worklist.ts): it says when it was computed. */}
      <p className="text-xs text-gray-600" data-forecast-at>
        Tính lúc {formatDateTime(new Date(Math.min(...forecasts.map((f) => f.period.asOf.getTime()))))}, cập nhật mỗi
        phút
      </p>
      <ul className="mt-2 space-y-2 text-sm">
        {forecasts.map((f) => (
          <li key={f.period.from} data-forecast-period={f.period.from}>
            <span className="font-medium">Cuối {periodLabel(f.period).toLowerCase()}:</span> tỷ lệ đúng hạn{" "}
            <strong className="tabular-nums">{range(f.onTime.low, f.onTime.high, formatRate)}</strong>
            {show766 && (
              <>
                ; chỉ số 766{" "}
                <strong className="tabular-nums">{range(f.total766.low, f.total766.high, formatPoints)}</strong> điểm
              </>
            )}
            .{" "}
            <Link
              className="text-blue-700 underline"
              href={`/can-uu-tien${qs({ unit, ky: f.kind === "week" ? "tuan" : "thang" })}`}
            >
              {formatCount(f.atStake)} hồ sơ còn hạn, hạn trong kỳ
            </Link>
          </li>
        ))}
      </ul>
      <details className="mt-2 text-sm text-gray-700">
        <summary className="cursor-pointer text-blue-700">Cách tính dự báo</summary>
        <p className="mt-1">
          Số thấp: mọi hồ sơ đang xử lý còn hạn và có hạn trước cuối kỳ đều bị xử lý trễ. Số cao: mỗi hồ sơ đó được xử
          lý xong đúng hạn. Hồ sơ đã quá hạn được tính là trễ trong cả hai trường hợp; hồ sơ có hạn sau cuối kỳ vẫn là
          đang trong hạn. Hồ sơ chưa tiếp nhận không được dự đoán. Với chỉ số 766, hồ sơ trễ làm giảm chỉ số 2.1 và 5.4
          (hồ sơ đúng hạn, không bị phản ánh); hạn tính theo quy tắc của Quyết định 766 (cộng thời gian chờ bổ sung).
        </p>
      </details>
    </section>
  );
}

/** Waits for `p` to settle, whatever its outcome (its own boundary shows its error). */
export const settled = (p?: Promise<unknown>) =>
  p
    ? p.then(
        () => undefined,
        () => undefined,
      )
    : undefined;
