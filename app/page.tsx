import Link from "next/link";
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
  const points: TrendPoint[] = months.map((m, i) => ({ month: monthLabel(m), "Đúng hạn": trend[i].rows[0]?.onTime.rate ?? null }));
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
      <TrendChart title="Tỷ lệ hồ sơ đúng hạn, 12 tháng" data={points} series="Đúng hạn" color="emerald" />
      {tier && (
        <div className="grid gap-4 lg:grid-cols-2">
          <PublicRanking title="Sở, ban, ngành" rows={tier.rows.filter((r) => r.kind === "so_nganh")} />
          <PublicRanking title="Xã, phường" rows={tier.rows.filter((r) => r.kind === "xa" || r.kind === "huyen")} />
        </div>
      )}
      <p className="text-sm text-gray-600">Cán bộ các cơ quan <Link className="text-blue-700 underline" href="/login">đăng nhập</Link> để xem chi tiết đến từng hồ sơ.</p>
    </div>
  );
}

/** A tier ranked by the on-time rate, ties by name; units without dossiers last. */
function PublicRanking({ title, rows }: { title: string; rows: ScorecardRow[] }) {
  const sorted = [...rows].sort((a, b) => (b.onTime.rate ?? -1) - (a.onTime.rate ?? -1) || a.name.localeCompare(b.name, "vi"));
  return (
    <section className="rounded-lg border border-gray-200 bg-white p-3" data-public-ranking={title}>
      <h2 className="mb-2 text-lg font-semibold">{title} ({sorted.length})</h2>
      {/* Scrolls on its own: reachable by keyboard (tab to it, then arrows). */}
      <ol className="max-h-96 space-y-1 overflow-y-auto text-sm" tabIndex={0} aria-label={`Xếp hạng ${title}`}>
        {sorted.map((r, i) => (
          <li key={r.key} className="flex items-center justify-between gap-2 border-t border-gray-100 pt-1">
            <span><span className="mr-2 text-gray-500 tabular-nums">{r.onTime.rate === null ? "—" : i + 1}</span>{r.name}</span>
            <span className="flex items-center gap-2 tabular-nums">
              {r.onTime.band !== "white" && formatRate(r.onTime.rate)}
              <BandBadge band={r.onTime.band} indicator="onTime" />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
