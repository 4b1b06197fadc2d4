import { getDb } from "@/lib/data/db";
import { getIndicators } from "@/lib/data/indicators";
import { portalSummary } from "@/lib/data/tree";
import { formatCount, formatDateTime, formatDay } from "@/lib/format";
import { makePeriod } from "@/lib/method/period";
import { localDate } from "@/lib/method/time";
import { IndicatorCards } from "./_components/indicator-cards";

export const dynamic = "force-dynamic";

/** The public front page: the province's headline figures for the year to date. */
export default async function HomePage() {
  const { orm } = await getDb();
  const now = new Date();
  const today = localDate(now);
  const period = makePeriod(`${today.slice(0, 4)}-01-01`, today, now);
  const card = await getIndicators(orm, { kind: "public" }, { period, by: "all" });
  const province = await portalSummary(orm);
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-semibold">{province.name ?? "Chưa có dữ liệu đơn vị"}</h1>
        <p className="mt-1 text-gray-600">
          Kết quả giải quyết thủ tục hành chính từ ngày {formatDay(period.from)} đến ngày {formatDay(period.to)}, tính theo
          thời gian thực ({formatCount(province.units)} cơ quan, đơn vị). Số liệu tính đến {formatDateTime(period.asOf)}.
        </p>
      </section>
      {card.rows[0] ? <IndicatorCards row={card.rows[0]} /> : <p>Chưa có dữ liệu.</p>}
    </div>
  );
}
