import Link from "next/link";
import { competitionRanks } from "@/lib/method/i766/score";
import { getDb } from "@/lib/data/db";
import { getIndicators, getIndicatorsForPeriods } from "@/lib/data/indicators";
import { portalSummary } from "@/lib/data/tree";
import type { Caller } from "@/lib/data/scope";
import type { ScorecardRow } from "@/lib/engine/scorecard";
import { formatCount, formatDateTime, formatDay, formatRate } from "@/lib/format";
import { makePeriod } from "@/lib/method/period";
import { localDate } from "@/lib/method/time";
import { trendMonths, monthLabel } from "@/lib/ui/period";
import { BandBadge } from "./_components/band-badge";
import { IndicatorCards } from "./_components/indicator-cards";
import { TrendChart, type TrendPoint } from "./_components/trend-chart";

export const dynamic = "force-dynamic";

const PUBLIC: Caller = { kind: "public" };

/**
 * The public scorecard, as the seed asks results to be published: the province's
 * headline figures for the year to date, its departments and its communes ranked by the
 * on-time rate with their bands, and the 12-month trend. Aggregate figures only: no
 * dossier codes, no personal data.
 */
export default async function HomePage() {
  const { orm } = await getDb();
  const now = new Date();
  const today = localDate(now);
  const period = makePeriod(`${today.slice(0, 4)}-01-01`, today, now);
  const province = await portalSummary(orm);
  const months = trendMonths(period, now);
  const [card, tier, trend] = await Promise.all([
    getIndicators(orm, PUBLIC, { period, by: "all" }),
    province.code ? getIndicators(orm, PUBLIC, { period, by: "agency", filter: { parent: province.code } }) : null,
    getIndicatorsForPeriods(orm, PUBLIC, { periods: months, by: "all" }),
  ]);
  const points: TrendPoint[] = months.map((m, i) => ({
    month: monthLabel(m),
    "Đúng hạn": trend[i].rows[0]?.onTime.rate ?? null,
  }));
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-semibold">{province.name ?? "Chưa có dữ liệu đơn vị"}</h1>
        <p className="mt-1 text-gray-600">
          Kết quả giải quyết thủ tục hành chính từ ngày {formatDay(period.from)} đến ngày {formatDay(period.to)}, tính
          theo thời gian thực ({formatCount(province.units)} cơ quan, đơn vị). Số liệu tính đến{" "}
          {formatDateTime(period.asOf)}.
        </p>
      </section>
      {card.rows[0] ? <IndicatorCards row={card.rows[0]} /> : <p>Chưa có dữ liệu.</p>}
      <TrendChart title="Tỷ lệ hồ sơ đúng hạn, 12 tháng" data={points} series="Đúng hạn" color="emerald" />
      {tier && (
        <div className="grid gap-4 lg:grid-cols-2">
          <PublicRanking title="Sở, ban, ngành" rows={tier.rows.filter((r) => r.kind === "so_nganh")} />
          <PublicRanking title="Xã, phường" rows={tier.rows.filter((r) => r.kind === "xa" || r.kind === "huyen")} />
        </div>
      )}
      <p className="text-sm text-gray-600">
        Cán bộ các cơ quan{" "}
        <Link className="text-blue-700 underline" href="/login">
          đăng nhập
        </Link>{" "}
        để xem chi tiết đến từng hồ sơ.
      </p>
    </div>
  );
}

/**
 * A tier by the on-time rate: the five best and the five worst first (who needs help is
 * seen at a glance, without scrolling), the whole tier one click away. Places are
 * competition ranks (1, 1, 3), as on the ranking page; units without dossiers come last.
 */
function PublicRanking({ title, rows }: { title: string; rows: ScorecardRow[] }) {
  const sorted = [...rows].sort(
    (a, b) => (b.onTime.rate ?? -1) - (a.onTime.rate ?? -1) || a.name.localeCompare(b.name, "vi"),
  );
  const ranks = competitionRanks(rows.map((r) => ({ key: r.key, total: r.onTime.rate })));
  const rated = sorted.filter((r) => r.onTime.rate !== null);
  const best = rated.slice(0, 5);
  const worst = rated.length > 5 ? rated.slice(-Math.min(5, rated.length - 5)).reverse() : [];
  const list = (items: ScorecardRow[], label: string) => (
    <ol className="space-y-1 text-sm" aria-label={label}>
      {items.map((r) => (
        <li key={r.key} className="flex items-center justify-between gap-2 border-t border-gray-100 pt-1">
          <span>
            <span className="mr-2 text-gray-500 tabular-nums">{ranks.get(r.key)?.position ?? "—"}</span>
            {r.name}
          </span>
          <span className="flex shrink-0 items-center gap-2 whitespace-nowrap tabular-nums">
            {r.onTime.band !== "white" && formatRate(r.onTime.rate)}
            <BandBadge band={r.onTime.band} indicator="onTime" />
          </span>
        </li>
      ))}
    </ol>
  );
  return (
    <section className="rounded-lg border border-gray-200 bg-white p-3" data-public-ranking={title}>
      <h2 className="mb-2 text-lg font-semibold">
        {title} ({sorted.length})
      </h2>
      <h3 className="text-sm font-medium text-emerald-800">Cao nhất</h3>
      {list(best, `${title}: cao nhất`)}
      {worst.length > 0 && (
        <div data-worst>
          <h3 className="mt-3 text-sm font-medium text-red-800">Thấp nhất</h3>
          {list(worst, `${title}: thấp nhất`)}
        </div>
      )}
      <details className="mt-3">
        <summary className="cursor-pointer text-sm text-blue-700 underline">Xem toàn bộ {sorted.length} đơn vị</summary>
        {list(sorted, `Xếp hạng ${title}`)}
      </details>
    </section>
  );
}
