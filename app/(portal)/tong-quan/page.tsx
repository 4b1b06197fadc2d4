import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getIndicators, getIndicatorsForPeriods } from "@/lib/data/indicators";
import { breadcrumb, hasChildUnits, resolveUnit } from "@/lib/data/tree";
import { standingOf } from "@/lib/data/standing";
import { allowed, type Caller } from "@/lib/data/scope";
import { formatCount, formatDateTime, formatRate } from "@/lib/format";
import { isRunning, type Period } from "@/lib/method/period";
import { periodFromParams, periodLabel, previousPeriod, qs, trendMonths, monthLabel } from "@/lib/ui/period";
import { getDb } from "@/lib/data/db";
import { requirePage, orNotFound, textParams } from "@/lib/page";
import { BandBadge } from "../../_components/band-badge";
import { Breadcrumb } from "../../_components/breadcrumb";
import { HowComputed } from "../../_components/how-computed";
import { PeriodEndForecast } from "../../_components/forecast";
import { IndicatorCards } from "../../_components/indicator-cards";
import { LiveRefresh } from "../../_components/live-refresh";
import { PeriodPicker } from "../../_components/period-picker";
import { TrendChart, type TrendPoint } from "../../_components/trend-chart";

export const metadata: Metadata = { title: "Tổng quan" };

type Search = Promise<{ from?: string; to?: string; unit?: string }>;

export default async function OverviewPage({ searchParams }: { searchParams: Search }) {
  const sp = textParams(await searchParams);
  const { orm, caller } = await requirePage();
  const period = periodFromParams(sp);
  const unit = await orNotFound(resolveUnit(orm, caller, sp.unit));
  const filter = unit ? { unit: unit.code } : {};
  // The period and the previous one together; the trend streams in after.
  const [[card, prev], trail, standing, tier, before] = await Promise.all([
    getIndicatorsForPeriods(orm, caller, { periods: [period, previousPeriod(period)], by: "all", filter }),
    unit ? breadcrumb(orm, caller, unit.code) : Promise.resolve([]),
    unit ? standingOf(orm, caller, unit.code, period) : Promise.resolve(null),
    unit ? hasChildUnits(orm, caller, unit.code, period) : Promise.resolve(true),
    unit ? standingOf(orm, caller, unit.code, previousPeriod(period)) : Promise.resolve(null),
  ]);
  const moved = standing && before ? before.rank - standing.rank : 0;
  const base = { from: period.from, to: period.to };
  // Counts link to the dossiers behind them only for roles that may open those.
  const dossiers = allowed(caller, "dossiers:read");
  const row = card.rows[0];
  return (
    <div className="space-y-5">
      <div>
        {trail.length > 1 && <Breadcrumb trail={trail} href={(code) => `/tong-quan${qs({ ...base, unit: code })}`} />}
        <h1 className="text-2xl font-semibold">Tổng quan — {unit?.name ?? "Toàn bộ"}</h1>
        <p className="text-sm text-gray-600">{periodLabel(period)}</p>
        <LiveRefresh asOf={formatDateTime(period.asOf)} />
      </div>
      <PeriodPicker path="/tong-quan" period={period} keep={{ unit: sp.unit }} />
      {standing && (
        <section className="rounded-lg border border-gray-200 bg-white p-4" data-standing>
          <h2 className="text-lg font-semibold">Vị trí của đơn vị</h2>
          <p className="mt-1">
            Xếp hạng tỷ lệ đúng hạn:{" "}
            <strong className="text-2xl tabular-nums" data-rank>
              {standing.rank}/{standing.of}
            </strong>{" "}
            trong các {standing.peers} cùng cấp · Đơn vị:{" "}
            <strong className="tabular-nums">{formatRate(standing.rate)}</strong> · {standing.provinceName}:{" "}
            <strong className="tabular-nums">{formatRate(standing.provinceRate)}</strong>
            {before && (
              <span className="ml-1 text-sm text-gray-700" data-moved={moved}>
                {moved > 0
                  ? `▲ tăng ${moved} bậc so với kỳ trước`
                  : moved < 0
                    ? `▼ giảm ${-moved} bậc so với kỳ trước`
                    : "· giữ nguyên so với kỳ trước"}
              </span>
            )}
          </p>
          <details className="mt-2" open={standing.tier.length <= 15} data-tier>
            <summary className="cursor-pointer text-sm font-medium">
              Các {standing.peers} cùng cấp ({standing.tier.length})
            </summary>
            <ol className="mt-1 text-sm" aria-label={`Xếp hạng các ${standing.peers}`}>
              {standing.tier.map((p) => (
                <li
                  key={p.key}
                  className={`flex items-center justify-between gap-2 border-t border-gray-100 px-1 py-1 ${p.own ? "bg-amber-50 font-semibold" : ""}`}
                  data-own={p.own || undefined}
                >
                  <span>
                    <span className="mr-2 tabular-nums text-gray-500" data-peer-rank>
                      {p.rate === null ? "—" : p.rank}
                    </span>
                    {p.name}
                    {p.own && <span className="ml-1 text-xs font-normal text-gray-600">(đơn vị của bạn)</span>}
                  </span>
                  <span className="flex shrink-0 items-center gap-2 whitespace-nowrap tabular-nums">
                    {p.band !== "white" && formatRate(p.rate)} <BandBadge band={p.band} indicator="onTime" />
                  </span>
                </li>
              ))}
            </ol>
          </details>
          <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <li>
              Đã xử lý quá hạn:{" "}
              {dossiers ? (
                <Link
                  className="text-blue-700 underline"
                  href={`/ho-so${qs({ ...base, unit: unit?.code, verdict: "late" })}`}
                >
                  {formatCount(row.onTime.late)} hồ sơ
                </Link>
              ) : (
                `${formatCount(row.onTime.late)} hồ sơ`
              )}
            </li>
            <li>
              Đang xử lý quá hạn:{" "}
              {dossiers ? (
                <Link
                  className="text-blue-700 underline"
                  href={`/ho-so${qs({ ...base, unit: unit?.code, verdict: "overdue" })}`}
                >
                  {formatCount(row.onTime.overdue)} hồ sơ
                </Link>
              ) : (
                `${formatCount(row.onTime.overdue)} hồ sơ`
              )}
            </li>
            {dossiers && (
              <li>
                <Link className="text-blue-700 underline" href={`/ra-soat${qs(base)}`}>
                  Lỗi dữ liệu làm giảm điểm
                </Link>
              </li>
            )}
            {dossiers && (
              <li>
                <Link className="text-blue-700 underline" href="/can-uu-tien">
                  Hồ sơ cần ưu tiên: sắp đến hạn và số điểm sẽ mất nếu trễ
                </Link>
              </li>
            )}
          </ul>
        </section>
      )}
      <IndicatorCards
        row={row}
        previous={prev.rows[0]}
        dossierHref={dossiers ? (q) => `/ho-so${qs({ ...base, unit: unit?.code, ...q })}` : undefined}
      />
      <nav aria-label="Xem chi tiết" className="flex flex-wrap gap-2 text-sm">
        {tier && (
          <Link
            className="rounded border border-gray-300 bg-white px-3 py-1"
            href={`/xep-hang${qs({ ...base, unit: unit?.code })}`}
          >
            Các đơn vị trực thuộc
          </Link>
        )}
        {/* The 766 index reads every dossier's history: its own page, so the overview stays fast. */}
        <Link
          className="rounded border border-gray-300 bg-white px-3 py-1"
          href={`/chi-so-766${qs({ ...base, unit: unit?.code })}`}
        >
          Chỉ số 766 (100 điểm)
        </Link>
        <Link
          className="rounded border border-gray-300 bg-white px-3 py-1"
          href={`/xep-hang${qs({ ...base, unit: unit?.code, view: "procedure" })}`}
        >
          Theo thủ tục
        </Link>
        <Link
          className="rounded border border-gray-300 bg-white px-3 py-1"
          href={`/xep-hang${qs({ ...base, unit: unit?.code, view: "field" })}`}
        >
          Theo lĩnh vực
        </Link>
        {dossiers && (
          <Link
            className="rounded border border-gray-300 bg-white px-3 py-1"
            href={`/ho-so${qs({ ...base, unit: unit?.code, verdict: "overdue" })}`}
          >
            Hồ sơ quá hạn
          </Link>
        )}
      </nav>
      {tier && (
        <Suspense
          fallback={
            <div className="h-40 animate-pulse rounded-lg bg-gray-100" aria-label="Đang tải các đơn vị cần quan tâm" />
          }
        >
          <Lowest caller={caller} period={period} unit={unit?.code} />
        </Suspense>
      )}
      {/* This week's and this month's end: beside the period they belong to, not a past one. */}
      {dossiers && isRunning(period) && (
        <Suspense
          fallback={<div className="h-24 animate-pulse rounded-lg bg-gray-100" aria-label="Đang tải dự báo cuối kỳ" />}
        >
          <PeriodEndForecast caller={caller} unit={unit?.code} />
        </Suspense>
      )}
      <HowComputed />
      <section>
        <h2 className="mb-2 text-lg font-semibold">Xu hướng 12 tháng</h2>
        <Suspense
          fallback={<div className="h-48 animate-pulse rounded-lg bg-gray-100" aria-label="Đang tải xu hướng" />}
        >
          <Trend caller={caller} period={period} unit={unit?.code} />
        </Suspense>
      </section>
    </div>
  );
}

const TIERS: Array<[string, (k: string | null) => boolean]> = [
  ["Sở, ban, ngành", (k) => k === "so_nganh"],
  ["Xã, phường", (k) => k === "xa" || k === "huyen"],
];

/**
 * Who needs help first: the five direct sub-units with the lowest on-time rate,
 * departments and communes apart (METHOD §A rates; units without dossiers have none),
 * the whole ranking one click away.
 */
async function Lowest({ caller, period, unit }: { caller: Caller; period: Period; unit?: string }) {
  const { orm } = await getDb(); // the page above has checked the caller
  let parent = unit;
  if (!parent) {
    const top = (await getIndicators(orm, caller, { period, by: "agency", filter: { topLevel: true } })).rows;
    if (top.length !== 1) return null;
    parent = top[0].key;
  }
  const rows = (await getIndicators(orm, caller, { period, by: "agency", filter: { parent } })).rows;
  const base = { from: period.from, to: period.to };
  const lists = TIERS.map(([title, inTier]) => {
    const rated = rows.filter((r) => inTier(r.kind) && r.onTime.rate !== null);
    return {
      title,
      lowest: [...rated]
        .sort((a, b) => a.onTime.rate! - b.onTime.rate! || a.name.localeCompare(b.name, "vi"))
        .slice(0, 5),
    };
  }).filter((l) => l.lowest.length > 0);
  if (!lists.length) return null;
  return (
    <section className="rounded-lg border border-gray-200 bg-white p-4" data-lowest>
      <h2 className="text-lg font-semibold">Đơn vị cần quan tâm</h2>
      <p className="text-sm text-gray-600">Tỷ lệ đúng hạn thấp nhất trong kỳ.</p>
      <div className="mt-2 grid gap-4 sm:grid-cols-2">
        {lists.map((l) => (
          <div key={l.title}>
            <h3 className="text-sm font-medium">{l.title}</h3>
            <ol className="text-sm">
              {l.lowest.map((r) => (
                <li key={r.key} className="flex items-center justify-between gap-2 border-t border-gray-100 py-1">
                  <Link className="text-blue-700 underline" href={`/tong-quan${qs({ ...base, unit: r.key })}`}>
                    {r.name}
                  </Link>
                  <span className="flex shrink-0 items-center gap-2 whitespace-nowrap tabular-nums">
                    {formatRate(r.onTime.rate)} <BandBadge band={r.onTime.band} indicator="onTime" />
                  </span>
                </li>
              ))}
            </ol>
          </div>
        ))}
      </div>
      <p className="mt-2 text-sm">
        <Link className="text-blue-700 underline" href={`/xep-hang${qs({ ...base, unit, sort: "A", dir: "asc" })}`}>
          Xem toàn bộ bảng xếp hạng
        </Link>
      </p>
    </section>
  );
}

async function Trend({ caller, period, unit }: { caller: Caller; period: Period; unit?: string }) {
  const months = trendMonths(period);
  const { orm } = await getDb(); // the page above has checked the caller
  // Twelve months at once (concurrent statements).
  const cards = await getIndicatorsForPeriods(orm, caller, {
    periods: months,
    by: "all",
    filter: unit ? { unit } : {},
  });
  const points: TrendPoint[] = months.map((m, i) => {
    const r = cards[i].rows[0];
    return {
      month: monthLabel(m),
      "Đúng hạn": r.onTime.rate,
      "Nộp trực tuyến": r.online.channels.onlineRate,
      "Thanh toán trực tuyến": r.payment.rate,
      "Đồng bộ": r.sync.rate,
    };
  });
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TrendChart title="A. Tỷ lệ hồ sơ đúng hạn" data={points} series="Đúng hạn" color="emerald" />
      <TrendChart title="B. Tỷ lệ hồ sơ nộp trực tuyến" data={points} series="Nộp trực tuyến" color="blue" />
      <TrendChart title="C. Tỷ lệ thanh toán trực tuyến" data={points} series="Thanh toán trực tuyến" color="amber" />
      <TrendChart title="Đ. Tỷ lệ hồ sơ đồng bộ" data={points} series="Đồng bộ" color="violet" />
    </div>
  );
}
