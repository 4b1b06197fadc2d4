import type { Metadata } from "next";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { getIndicatorsForPeriods } from "@/lib/data/indicators";
import { index766Of, type Standing766 } from "@/lib/data/standing";
import { breadcrumb, resolveUnit } from "@/lib/data/tree";
import { allowed, type Caller } from "@/lib/data/scope";
import { getDb } from "@/lib/data/db";
import { formatCount, formatDateTime, formatPoints, formatRate } from "@/lib/format";
import {
  GROUPS,
  INDICATORS,
  isDossierIndicator766,
  isFeedbackIndicator766,
  isProcedureIndicator766,
  type GroupId,
  type IndicatorId,
} from "@/lib/method/i766/points";
import { ratingSwatch } from "@/lib/ui/colors";
import { unitIndex, gainAtThreshold, type Index766, type IndicatorScore } from "@/lib/method/i766/score";
import { isRunning, type Period } from "@/lib/method/period";
import { INDICATOR_COUNTS } from "@/lib/ui/words766";

import { comparedWords, periodFromParams, periodLabel, qs, trendMonths, monthLabel } from "@/lib/ui/period";
import { requirePage, orNotFound, textParams } from "@/lib/page";
import { PeriodEndForecast, settled } from "../../_components/forecast";
import { Breadcrumb } from "../../_components/breadcrumb";
import { Computing } from "../../_components/computing";
import { LiveRefresh } from "../../_components/live-refresh";
import { Movement } from "../../_components/movement";
import { PeriodPicker } from "../../_components/period-picker";
import { TrendChart, type TrendPoint } from "../../_components/trend-chart";

export const metadata: Metadata = { title: "Chỉ số 766" };

type Search = Promise<{ from?: string; to?: string; unit?: string }>;
const GROUP_IDS = Object.keys(GROUPS) as GroupId[];

/**
 * A unit's 766 index (METHOD-766): the total out of 100 with its rating, its rank among
 * its peers, the five groups against their maxima, the indicators where it loses most
 * with the points reaching each threshold would bring, every indicator with its counts,
 * and the 12-month trend of the total.
 */
export default async function Index766Page({ searchParams }: { searchParams: Search }) {
  const sp = textParams(await searchParams);
  const { orm, caller } = await requirePage("scores:read");
  const period = periodFromParams(sp);
  const unit = await orNotFound(resolveUnit(orm, caller, sp.unit));
  const trail = unit ? await breadcrumb(orm, caller, unit.code) : [];
  const base = { from: period.from, to: period.to };
  // The unit's index first: the forecast and the trend wait for it, so that on the embedded
  // database (one connection, queries in turn) the main figure is not queued behind theirs.
  const standing = index766Of(orm, caller, unit?.code ?? null, period);
  return (
    <div className="space-y-5">
      <div>
        {trail.length > 1 && <Breadcrumb trail={trail} href={(code) => `/chi-so-766${qs({ ...base, unit: code })}`} />}
        <h1 className="text-2xl font-semibold">Chỉ số 766 — {unit?.name ?? "Toàn bộ"}</h1>
        <p className="text-sm text-gray-600">
          Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp (100 điểm) ·{" "}
          {periodLabel(period)}
        </p>
        <LiveRefresh asOf={formatDateTime(period.asOf)} />
      </div>
      <PeriodPicker path="/chi-so-766" period={period} keep={{ unit: sp.unit }} />
      <Suspense
        key={`${period.from}|${period.to}|${unit?.code}`}
        fallback={<Computing label="Đang tính chỉ số 766…" />}
      >
        <IndexView caller={caller} period={period} unit={unit?.code ?? null} standing={standing} />
      </Suspense>
      {/* This week's and this month's end: beside the period they belong to, not a past one. */}
      {allowed(caller, "dossiers:read") && isRunning(period) && (
        <Suspense
          fallback={<div className="h-24 animate-pulse rounded-lg bg-gray-100" aria-label="Đang tải dự báo cuối kỳ" />}
        >
          <PeriodEndForecast caller={caller} unit={unit?.code} after={standing} />
        </Suspense>
      )}
      <section>
        <h2 className="mb-2 text-lg font-semibold">Tổng điểm 12 tháng</h2>
        <Suspense
          fallback={<div className="h-48 animate-pulse rounded-lg bg-gray-100" aria-label="Đang tải xu hướng" />}
        >
          <Trend766 caller={caller} period={period} unit={unit?.code} after={standing} />
        </Suspense>
      </section>
      <p className="text-xs text-gray-500">
        Điểm mỗi chỉ số bằng điểm tối đa khi tỷ lệ đạt ngưỡng, dưới ngưỡng thì tính theo tỷ lệ. Chỉ số không phát sinh
        hoặc chưa có dữ liệu thì không tính; tổng điểm quy về thang 100 trên các chỉ số được tính. Số liệu của một đơn
        vị gồm cả các đơn vị trực thuộc.
      </p>
    </div>
  );
}

async function IndexView({
  caller,
  period,
  unit,
  standing,
}: {
  caller: Caller;
  period: Period;
  unit: string | null;
  standing: Promise<Standing766>;
}) {
  const { index, peers } = await standing;
  if (!index || index.total === null) {
    return (
      <p className="rounded border border-gray-200 bg-white p-4 text-gray-600" data-index766-total="">
        Chưa có dữ liệu để tính chỉ số trong kỳ.
      </p>
    );
  }
  const rating = ratingSwatch(index.rating)!;
  const base = { from: period.from, to: period.to };
  // The records behind an indicator: procedures for any role, dossiers and PAKN for roles that may read them.
  const readsRecords = allowed(caller, "dossiers:read");
  const recordsHref = (id: string) => {
    const list = isProcedureIndicator766(id)
      ? "thu-tuc"
      : readsRecords && isDossierIndicator766(id)
        ? "ho-so"
        : readsRecords && isFeedbackIndicator766(id)
          ? "pakn"
          : null;
    return list && `/chi-so-766/${list}${qs({ ...base, unit: unit ?? undefined, i: id })}`;
  };
  // What to fix, one click away: the records behind an indicator, or for 1.4 (sync) the data review that lists the gaps.
  const fixHref = (id: string) => recordsHref(id) ?? (id === "1.4" && readsRecords ? `/ra-soat${qs(base)}` : null);
  const losses = GROUP_IDS.flatMap(
    (g) => Object.entries(index.groups[g].indicators) as Array<[IndicatorId, IndicatorScore]>,
  )
    .filter(([, s]) => s.applicable && gainAtThreshold(s) > 1e-9)
    .sort(([, a], [, b]) => gainAtThreshold(b) - gainAtThreshold(a))
    .slice(0, 5);
  return (
    <div className="space-y-5">
      <section className="flex flex-wrap items-center gap-6 rounded-lg border border-gray-200 bg-white p-4">
        <div>
          <p className="text-sm text-gray-600">Tổng điểm</p>
          <p className="text-4xl font-semibold tabular-nums" data-index766-total={index.total}>
            {formatPoints(index.total)}
            <span className="text-lg text-gray-500">/100</span>
          </p>
        </div>
        <div>
          <p className="text-sm text-gray-600">Xếp loại</p>
          <p className="flex items-center gap-2 text-xl font-semibold" data-rating={index.rating}>
            <span aria-hidden className="inline-block h-5 w-5 rounded" style={{ background: rating.hex }} />
            {rating.label}
          </p>
        </div>
        {index.rank && peers && (
          <div>
            <p className="text-sm text-gray-600">Xếp hạng trong các {peers}</p>
            <p className="text-3xl font-semibold tabular-nums" data-rank766>
              {index.rank.position}/{index.rank.of}
            </p>
          </div>
        )}
        {index.change && (index.change.total !== null || index.change.rank !== null) && (
          <div data-change766>
            <p className="text-sm text-gray-600">So với {comparedWords(index.change.previous)}</p>
            <p className="flex flex-wrap items-baseline gap-x-3 text-lg tabular-nums">
              {index.change.total !== null && (
                <span data-change-total={index.change.total}>
                  <Movement value={index.change.total} unit="points" />
                  {Math.abs(index.change.total) >= 0.005 && " điểm"}
                </span>
              )}
              {index.change.rank !== null && (
                <span data-change-rank={index.change.rank}>
                  <Movement value={index.change.rank} unit="places" />
                </span>
              )}
            </p>
          </div>
        )}
      </section>

      <section aria-label="Điểm theo nhóm" className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 className="mb-3 text-lg font-semibold">Điểm theo nhóm chỉ số</h2>
        <ul className="space-y-2">
          {GROUP_IDS.map((g) => {
            const x = index.groups[g];
            const share = x.score === null || x.max === 0 ? 0 : (x.score / x.max) * 100;
            return (
              <li key={g} data-group={g}>
                {/* The points and their move stay on one line; the group's name wraps (a phone's width). */}
                <div className="flex justify-between gap-2 text-sm">
                  <span className="min-w-0">
                    {g}. {GROUPS[g].name}
                  </span>
                  <span className="shrink-0 whitespace-nowrap tabular-nums">
                    {x.score === null ? "Không áp dụng" : `${formatPoints(x.score)} / ${formatPoints(x.max)} điểm`}
                    <Movement value={index.change?.groups[g]} unit="points" className="ml-2 text-xs" />
                  </span>
                </div>
                <div
                  className="mt-1 h-3 w-full rounded bg-gray-100"
                  role="img"
                  aria-label={`${GROUPS[g].name}: ${formatRate(share)}`}
                >
                  <div
                    className="h-3 rounded"
                    style={{ width: `${share}%`, background: ratingSwatch(index.rating)!.hex }}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      </section>

      {losses.length > 0 && (
        <section className="rounded-lg border border-amber-200 bg-amber-50 p-4" data-losses>
          <h2 className="text-lg font-semibold">Chỉ số mất nhiều điểm nhất</h2>
          <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm">
            {losses.map(([id, s]) => (
              <li key={id} data-loss={id}>
                {fixHref(id) ? (
                  <Link className="font-semibold text-blue-700 underline" href={fixHref(id)!}>
                    {id} {INDICATORS[id].name}
                  </Link>
                ) : (
                  <strong>
                    {id} {INDICATORS[id].name}
                  </strong>
                )}
                : đạt {formatRate(s.ratio)} — nếu đạt ngưỡng {formatRate(s.threshold)} sẽ được thêm{" "}
                <strong>{formatPoints(gainAtThreshold(s))} điểm</strong>
                {index.max < 100 && <> (tổng điểm tăng {formatPoints((gainAtThreshold(s) * 100) / index.max)})</>}
              </li>
            ))}
          </ol>
        </section>
      )}

      {GROUP_IDS.map((g) => (
        <GroupTable
          key={g}
          g={g}
          index={index}
          recordsHref={recordsHref}
          // §2.2 carries no points: it is read by procedure, on a page of its own.
          more={
            g === "2" ? (
              <Link
                className="text-sm text-blue-700 underline"
                href={`/chi-so-766/thoi-gian${qs({ ...base, unit: unit ?? undefined })}`}
              >
                2.2 Thời gian giải quyết trung bình theo từng thủ tục (không tính điểm)
              </Link>
            ) : null
          }
        />
      ))}
    </div>
  );
}

function GroupTable({
  g,
  index,
  recordsHref,
  more,
}: {
  g: GroupId;
  index: Index766;
  recordsHref: (id: string) => string | null;
  more?: ReactNode;
}) {
  const group = index.groups[g];
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold">
        {g}. {GROUPS[g].name}{" "}
        <span className="text-sm font-normal text-gray-600">
          ({group.score === null ? "không áp dụng" : `${formatPoints(group.score)} / ${formatPoints(group.max)} điểm`})
        </span>
      </h2>
      <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
        <table className="min-w-full text-sm" data-group-table={g}>
          <thead className="bg-gray-50 text-left text-gray-700">
            <tr>
              <th className="px-2 py-2">Chỉ số</th>
              <th className="px-2 py-2">Tỷ lệ</th>
              <th className="px-2 py-2">Ngưỡng</th>
              <th className="px-2 py-2">Điểm</th>
            </tr>
          </thead>
          <tbody>
            {(Object.entries(group.indicators) as Array<[IndicatorId, IndicatorScore]>).map(([id, s]) => {
              const link = s.applicable ? recordsHref(id) : null;
              return (
                <tr key={id} className="border-t border-gray-100 align-top" data-indicator={id}>
                  <td className="px-2 py-2">
                    <div className="font-medium">
                      {id} {INDICATORS[id].name}
                    </div>
                    <div className="text-xs text-gray-600">{INDICATOR_COUNTS[id]}</div>
                  </td>
                  <td className="px-2 py-2 tabular-nums">
                    {s.applicable ? (
                      formatRate(s.ratio)
                    ) : (
                      <span className="text-gray-500">
                        {s.denominator === null ? "Chưa có dữ liệu" : "Không phát sinh"}
                      </span>
                    )}
                    {s.denominator !== null && s.numerator !== null && s.denominator > 0 && (
                      <div className="text-xs text-gray-500">
                        {formatCount(s.numerator)} / {formatCount(s.denominator)}
                        {link && (
                          <>
                            {" "}
                            ·{" "}
                            <Link className="text-blue-700 underline" href={link}>
                              {isProcedureIndicator766(id)
                                ? "xem thủ tục"
                                : isFeedbackIndicator766(id)
                                  ? "xem phản ánh"
                                  : "xem hồ sơ"}
                            </Link>
                          </>
                        )}
                      </div>
                    )}
                  </td>
                  <td className="px-2 py-2 tabular-nums">{formatRate(s.threshold)}</td>
                  <td className="px-2 py-2 tabular-nums">
                    {s.score === null ? "—" : `${formatPoints(s.score)} / ${formatPoints(s.max)}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {more}
    </section>
  );
}

async function Trend766({
  caller,
  period,
  unit,
  after,
}: {
  caller: Caller;
  period: Period;
  unit?: string;
  after: Promise<unknown>;
}) {
  await settled(after);
  const months = trendMonths(period);
  const { orm } = await getDb(); // the page above has checked the caller
  const cards = await getIndicatorsForPeriods(orm, caller, {
    periods: months,
    by: "all",
    filter: unit ? { unit } : {},
    profile: "766",
  });
  const points: TrendPoint[] = months.map((m, i) => ({
    month: monthLabel(m),
    "Tổng điểm": unitIndex(cards[i].rows[0]?.index766)?.total ?? null,
  }));
  return (
    <TrendChart
      title="Tổng điểm chỉ số 766 (thang 100)"
      data={points}
      series="Tổng điểm"
      color="emerald"
      unit="points"
    />
  );
}
