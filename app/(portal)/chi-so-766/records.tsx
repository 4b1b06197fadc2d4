/**
 * What the lists behind a 766 indicator share (dossiers, procedures, PAKN): reading the
 * request, and the frame around the table — back to the index, the counts, the toggle
 * between what missed and everything, the period, the pages.
 */
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { resolveUnit } from "@/lib/data/tree";
import { formatCount } from "@/lib/format";
import { INDICATORS, type IndicatorId } from "@/lib/method/i766/points";
import { INDICATOR_COUNTS } from "@/lib/ui/words766";
import { periodFromParams, periodLabel, qs } from "@/lib/ui/period";
import { orNotFound, pageParam, requirePage, textParams } from "@/lib/page";
import type { Permission } from "@/lib/roles";
import { PeriodPicker } from "../../_components/period-picker";

export type RecordsSearch = Promise<{
  from?: string;
  to?: string;
  unit?: string;
  i?: string;
  all?: string;
  page?: string;
}>;
const PAGE = 50;

/** Who asks, for which indicator (another is "not found"), period, unit and page. */
export async function recordsRequest<I extends IndicatorId>(
  searchParams: RecordsSearch,
  permission: Permission,
  isIndicator: (id: string) => id is I,
) {
  const sp = textParams(await searchParams);
  const { orm, caller } = await requirePage(permission);
  if (!sp.i || !isIndicator(sp.i)) notFound();
  const indicator = sp.i;
  const period = periodFromParams(sp);
  const unit = await orNotFound(resolveUnit(orm, caller, sp.unit));
  const all = sp.all === "1";
  const page = pageParam(sp.page);
  return {
    orm,
    caller,
    indicator,
    period,
    unit,
    all,
    page,
    query: { period, unit: unit?.code, indicator, missedOnly: !all, limit: PAGE, offset: (page - 1) * PAGE },
  };
}
type RecordsRequest = Awaited<ReturnType<typeof recordsRequest>>;

/** Back to the unit's 766 index for the same period, from a page behind one of its figures. */
export function BackTo766({
  period,
  unit,
}: {
  period: { from: string; to: string };
  unit: { code: string; name: string } | null;
}) {
  return (
    <p className="text-sm">
      <Link
        className="text-blue-700 underline"
        href={`/chi-so-766${qs({ from: period.from, to: period.to, unit: unit?.code })}`}
      >
        ‹ Chỉ số 766{unit ? ` — ${unit.name}` : ""}
      </Link>
    </p>
  );
}

export function RecordsFrame({
  path,
  req,
  counted,
  total,
  noun,
  children,
}: {
  path: string;
  req: RecordsRequest;
  counted: number;
  total: number;
  noun: string;
  children: ReactNode;
}) {
  const { period, unit, indicator, all, page } = req;
  const keep = { from: period.from, to: period.to, unit: unit?.code, i: indicator, all: all ? "1" : undefined };
  const pages = Math.max(1, Math.ceil((all ? total : total - counted) / PAGE));
  return (
    <div className="space-y-4">
      <BackTo766 period={period} unit={unit} />
      <h1 className="text-2xl font-semibold">
        {indicator} {INDICATORS[indicator].name}
      </h1>
      <p className="text-sm text-gray-600">
        {INDICATOR_COUNTS[indicator]} · {periodLabel(period)}
      </p>
      <p data-counts766>
        Đạt <strong className="tabular-nums">{formatCount(counted)}</strong> /{" "}
        <strong className="tabular-nums">{formatCount(total)}</strong> {noun}; không đạt{" "}
        <strong className="tabular-nums">{formatCount(total - counted)}</strong>.{" "}
        <Link className="text-blue-700 underline" href={`${path}${qs({ ...keep, all: all ? undefined : "1" })}`}>
          {all ? `Chỉ xem ${noun} không đạt` : `Xem tất cả ${noun}`}
        </Link>
      </p>
      <PeriodPicker path={path} period={period} keep={{ unit: unit?.code, i: indicator, all: keep.all }} />
      {(all ? total : total - counted) === 0 ? (
        <p className="rounded border border-gray-200 bg-white p-4 text-gray-600">
          {all ? `Không có ${noun} nào trong kỳ.` : `Không có ${noun} nào không đạt.`}
        </p>
      ) : page > pages ? (
        <p className="rounded border border-gray-200 bg-white p-4 text-gray-600">
          Không có trang {page}.{" "}
          <Link className="text-blue-700 underline" href={`${path}${qs(keep)}`}>
            Về trang đầu
          </Link>
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">{children}</div>
      )}
      {pages > 1 && (
        <nav className="flex items-center gap-2 text-sm" aria-label="Trang">
          {page > 1 && (
            <Link className="rounded border px-2 py-1" href={`${path}${qs({ ...keep, page: page - 1 })}`}>
              ‹ Trước
            </Link>
          )}
          <span>
            Trang {page}/{pages}
          </span>
          {page < pages && (
            <Link className="rounded border px-2 py-1" href={`${path}${qs({ ...keep, page: page + 1 })}`}>
              Sau ›
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
