import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { redirect } from "next/navigation";
import { getIndicators } from "@/lib/data/indicators";
import { breadcrumb, hasChildUnits, resolveUnit } from "@/lib/data/tree";
import { allowed, type Caller } from "@/lib/data/scope";
import type { Period } from "@/lib/method/period";
import type { ScorecardRow } from "@/lib/engine/scorecard";
import { formatCount, formatDateTime, formatPoints, formatRate } from "@/lib/format";
import type { Band, BandedIndicator } from "@/lib/method/bands";
import { comparedWords, periodFromParams, periodLabel, qs } from "@/lib/ui/period";
import { getDb } from "@/lib/data/db";
import { requirePage, orNotFound, textParams } from "@/lib/page";
import { columnScore, comparedPeriod, NATIONAL_COLUMNS } from "@/lib/method/i766/movement";
import { formatLocalInstant } from "@/lib/method/time";
import { competitionRanks, unitIndex } from "@/lib/method/i766/score";
import { ratingSwatch } from "@/lib/ui/colors";
import { BandBadge } from "../../_components/band-badge";
import { Computing } from "../../_components/computing";
import { Movement } from "../../_components/movement";
import { Breadcrumb } from "../../_components/breadcrumb";
import { LiveRefresh } from "../../_components/live-refresh";
import { PeriodPicker } from "../../_components/period-picker";

export const metadata: Metadata = { title: "Bảng xếp hạng" };

type View = "units" | "i766" | "procedure" | "field" | "sector";
const ROW_HEADING: Record<View, string> = {
  units: "Đơn vị",
  i766: "Đơn vị",
  procedure: "Thủ tục",
  field: "Lĩnh vực",
  sector: "Ngành",
};
const VIEWS: ReadonlyArray<readonly [View, string]> = [
  ["units", "Đơn vị trực thuộc"],
  ["i766", "Chỉ số 766 (100 điểm)"],
  ["procedure", "Thủ tục"],
  ["field", "Lĩnh vực"],
  ["sector", "Ngành (phản ánh, kiến nghị)"],
];
const SECTION_ORDER = ["so_nganh", "huyen", "xa", "tinh"];
const SECTION_LABELS: Record<string, string> = {
  so_nganh: "Sở, ban, ngành",
  huyen: "UBND cấp huyện",
  xa: "UBND xã, phường",
  tinh: "Cấp tỉnh",
};
type Search = Promise<{ from?: string; to?: string; unit?: string; view?: View; sort?: string; dir?: string }>;

/** The sortable columns: the value each sorts on, and how it is shown. */
const COLUMNS: Array<{
  key: string;
  label: string;
  value: (r: ScorecardRow) => number | null;
  band?: (r: ScorecardRow) => Band;
  indicator?: BandedIndicator;
  count?: (r: ScorecardRow) => string;
}> = [
  {
    key: "A",
    label: "A. Đúng hạn",
    value: (r) => r.onTime.rate,
    band: (r) => r.onTime.band,
    indicator: "onTime",
    count: (r) => `${formatCount(r.onTime.population)} hồ sơ`,
  },
  {
    key: "B",
    label: "B. DVCTT toàn trình + một phần",
    value: (r) => r.online.level34Rate,
    band: (r) => r.online.band,
    indicator: "online",
    count: (r) => `${formatCount(r.online.procedures)} TTHC`,
  },
  {
    key: "B3",
    label: "B. Nộp trực tuyến",
    value: (r) => r.online.channels.onlineRate,
    count: (r) => `${formatCount(r.online.channels.received)} hồ sơ`,
  },
  {
    key: "C",
    label: "C. Thanh toán trực tuyến",
    value: (r) => r.payment.rate,
    band: (r) => r.payment.band,
    indicator: "payment",
    count: (r) => `${formatCount(r.payment.payableDossiers)} hồ sơ`,
  },
  { key: "D", label: "D. PAKN", value: (r) => r.feedback.total },
  { key: "Đ", label: "Đ. Đồng bộ", value: (r) => r.sync.rate },
];

export default async function RankingPage({ searchParams }: { searchParams: Search }) {
  const sp = textParams(await searchParams);
  const { orm, caller } = await requirePage();
  const period = periodFromParams(sp);
  const view: View = VIEWS.find(([v]) => v === sp.view)?.[0] ?? "units";
  const unit = await orNotFound(resolveUnit(orm, caller, sp.unit));
  // A unit with no tier below it (a commune) opens its own scorecard (or 766 index) instead of an empty table.
  if ((view === "units" || view === "i766") && unit && !(await hasChildUnits(orm, caller, unit.code, period))) {
    redirect(
      `${view === "i766" ? "/chi-so-766" : "/tong-quan"}${qs({ from: period.from, to: period.to, unit: unit.code })}`,
    );
  }
  const trail = unit ? await breadcrumb(orm, caller, unit.code) : [];
  const sortKey = COLUMNS.some((c) => c.key === sp.sort) ? sp.sort! : "A";
  const base = { from: period.from, to: period.to };
  const self = (o: Record<string, string | undefined>) =>
    `/xep-hang${qs({ ...base, unit: unit?.code, view: view === "units" ? undefined : view, sort: sortKey, dir: sp.dir, ...o })}`;

  return (
    <div className="space-y-4">
      <div>
        {trail.length > 0 && <Breadcrumb trail={trail} href={(code) => `/xep-hang${qs({ ...base, unit: code })}`} />}
        <h1 className="text-2xl font-semibold">Bảng xếp hạng — {unit?.name ?? "Toàn bộ"}</h1>
        <p className="text-sm text-gray-600">{periodLabel(period)}</p>
        <LiveRefresh asOf={formatDateTime(period.asOf)} />
      </div>
      <PeriodPicker
        path="/xep-hang"
        period={period}
        keep={{ unit: unit?.code, view: view === "units" ? undefined : view }}
      />
      <div className="no-print flex flex-wrap gap-2 text-sm" role="tablist">
        {VIEWS.map(([v, label]) => (
          <Link
            key={v}
            role="tab"
            aria-selected={view === v}
            href={self({ view: v === "units" ? undefined : v, sort: "A", dir: undefined })}
            className={`rounded px-3 py-1 ${view === v ? "bg-red-700 text-white" : "border border-gray-300 bg-white"}`}
          >
            {label}
          </Link>
        ))}
      </div>
      {/* The tables stream in: the page (and its not-found answer) is decided above. */}
      <Suspense key={self({})} fallback={<Computing label="Đang tính bảng xếp hạng…" />}>
        {view === "i766" ? (
          <Ranking766 caller={caller} period={period} unit={unit?.code} />
        ) : (
          <Ranking
            caller={caller}
            period={period}
            view={view}
            unit={unit?.code}
            sortKey={sortKey}
            dirParam={sp.dir}
            self={self}
          />
        )}
      </Suspense>
      <p className="text-xs text-gray-500">
        Số liệu của một đơn vị gồm hồ sơ của đơn vị đó và các đơn vị trực thuộc (tính từ hồ sơ, không lấy trung bình tỷ
        lệ của đơn vị con).
      </p>
    </div>
  );
}

async function Ranking({
  caller,
  period,
  view,
  unit,
  sortKey,
  dirParam,
  self,
}: {
  caller: Caller;
  period: Period;
  view: Exclude<View, "i766">;
  unit?: string;
  sortKey: string;
  dirParam?: string;
  self: (o: Record<string, string | undefined>) => string;
}) {
  const { orm } = await getDb(); // the page above has checked the caller
  const card = await getIndicators(
    orm,
    caller,
    view === "units"
      ? { period, by: "agency", filter: unit ? { parent: unit } : { topLevel: true } }
      : { period, by: view, filter: unit ? { unit } : {} },
  );
  const base = { from: period.from, to: period.to };
  const dossiers = allowed(caller, "dossiers:read");
  const dir = dirParam === "asc" ? 1 : -1;
  const col = COLUMNS.find((c) => c.key === sortKey)!;
  // Undefined rates sort last whatever the direction.
  const rows = [...card.rows].sort((a, b) => {
    const x = col.value(a),
      y = col.value(b);
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    return (x - y) * dir || a.name.localeCompare(b.name, "vi");
  });
  // A unit opens its tier; a procedure or field its dossiers, for roles that may read them.
  const nameOf = (r: ScorecardRow) =>
    view === "units" ? (
      <Link className="text-blue-700 hover:underline" href={`/xep-hang${qs({ ...base, unit: r.key })}`}>
        {r.name}
      </Link>
    ) : view === "procedure" && dossiers ? (
      <Link className="text-blue-700 hover:underline" href={`/ho-so${qs({ ...base, unit, procedure: r.key })}`}>
        {r.name}
        <span className="ml-1 text-xs text-gray-500">{r.key}</span>
      </Link>
    ) : (
      <span title={r.key}>{r.name}</span>
    );
  const sections =
    view === "units"
      ? // Departments and communes are ranked separately, as the national portal does.
        SECTION_ORDER.map((k) => ({ kind: k, rows: rows.filter((r) => (r.kind ?? "tinh") === k) })).filter(
          (x) => x.rows.length > 0,
        )
      : [{ kind: view, rows }];
  // Competition ranks on the sorted column (1, 1, 3): the rule of the overview's "k/N" (standing.ts), ties said in words.
  const places = new Map(
    sections.flatMap((sec) => [
      ...placesOf(sec.rows.map((r) => ({ key: r.key, total: col.value(r) === null ? null : col.value(r)! * -dir }))),
    ]),
  );

  return (
    <div className="space-y-4">
      {rows.length === 0 && (
        <p className="rounded border border-gray-200 bg-white p-4 text-gray-600">
          Không có đơn vị trực thuộc hoặc chưa có dữ liệu trong kỳ.
        </p>
      )}
      {view === "sector" && rows.length > 0 && <SectorTable rows={rows} />}
      {view !== "sector" &&
        sections.map((section) => (
          <section key={section.kind} className="space-y-2">
            {view === "units" && (
              <h2 className="text-lg font-semibold">
                {SECTION_LABELS[section.kind] ?? section.kind} ({section.rows.length})
              </h2>
            )}
            {/* On a phone: one card per unit, the on-time rate first. */}
            <ol className="space-y-2 sm:hidden" data-cards={section.kind}>
              {section.rows.map((r) => (
                <li key={r.key} className="rounded-lg border border-gray-200 bg-white p-3">
                  <div className="flex items-start justify-between gap-2">
                    <span className="text-sm text-gray-500 tabular-nums">
                      <Place place={places.get(r.key)} prefix="#" />
                    </span>
                    <span className="flex-1 font-medium">{nameOf(r)}</span>
                    <BandBadge band={r.onTime.band} indicator="onTime" />
                  </div>
                  <p className="mt-1 text-sm tabular-nums">
                    {r.onTime.band === "white" ? (
                      ""
                    ) : (
                      <>
                        Đúng hạn <strong>{formatRate(r.onTime.rate)}</strong> ·{" "}
                      </>
                    )}
                    Trực tuyến {formatRate(r.online.channels.onlineRate)} · Thanh toán{" "}
                    {r.payment.band === "white" ? "chưa có" : formatRate(r.payment.rate)} · Đồng bộ{" "}
                    {formatRate(r.sync.rate)}
                  </p>
                </li>
              ))}
            </ol>
            <div className="hidden overflow-x-auto rounded-lg border border-gray-200 bg-white sm:block">
              <table className="min-w-full text-sm" data-scorecard={section.kind}>
                <thead className="bg-gray-50 text-left text-gray-700">
                  <tr>
                    <th className="px-2 py-2">Hạng</th>
                    <th className="px-2 py-2">{ROW_HEADING[view]}</th>
                    {COLUMNS.map((c) => (
                      <th
                        key={c.key}
                        className="px-2 py-2"
                        aria-sort={c.key === sortKey ? (dir === 1 ? "ascending" : "descending") : undefined}
                      >
                        <Link
                          href={self({ sort: c.key, dir: c.key === sortKey && dir === -1 ? "asc" : undefined })}
                          className="hover:underline"
                        >
                          {c.label}
                          {c.key === sortKey ? (dir === 1 ? " ▲" : " ▼") : ""}
                        </Link>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {section.rows.map((r) => (
                    <tr key={r.key} className="border-t border-gray-100" data-row={r.key}>
                      <td className="px-2 py-2 tabular-nums" data-place>
                        <Place place={places.get(r.key)} />
                      </td>
                      <td className="px-2 py-2">{nameOf(r)}</td>
                      {COLUMNS.map((c) => (
                        <td key={c.key} className="px-2 py-2 tabular-nums">
                          <div className="flex flex-col items-start gap-0.5">
                            {c.band && c.indicator && c.band(r) === "white" ? (
                              <BandBadge band="white" indicator={c.indicator} />
                            ) : (
                              <>
                                <span>{c.key === "D" ? formatCount(r.feedback.total) : formatRate(c.value(r))}</span>
                                {c.band && c.indicator && <BandBadge band={c.band(r)} indicator={c.indicator} />}
                              </>
                            )}
                            {/* Reported totals are per unit: a procedure, a field or a sector has none, and no warning to show. */}
                            {c.key === "Đ" && view === "units" && r.sync.message && (
                              <span className="text-xs text-red-700">{r.sync.message}</span>
                            )}
                            {c.count && <span className="text-xs text-gray-500">{c.count(r)}</span>}
                          </div>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
    </div>
  );
}

/**
 * The 766 index (METHOD-766 §0.3–§0.4, §7): each tier of siblings ranked on its total out
 * of 100, with the rating in its colour and word and each group's points of its maximum.
 */
async function Ranking766({ caller, period, unit }: { caller: Caller; period: Period; unit?: string }) {
  const { orm } = await getDb(); // the page above has checked the caller
  const card = await getIndicators(orm, caller, {
    period,
    by: "agency",
    filter: unit ? { parent: unit } : { topLevel: true },
    profile: "766",
  });
  const base = { from: period.from, to: period.to };
  const p = comparedPeriod(period);
  const previous = {
    from: p.from,
    to: p.to,
    asOf: p.asOf.getTime() < p.endAt.getTime() ? formatLocalInstant(p.asOf) : undefined,
  };
  const total = (r: ScorecardRow) => unitIndex(r.index766)?.total ?? null;
  const rows = [...card.rows].sort((a, b) => (total(b) ?? -1) - (total(a) ?? -1) || a.name.localeCompare(b.name, "vi"));
  const sections = SECTION_ORDER.map((k) => ({ kind: k, rows: rows.filter((r) => (r.kind ?? "tinh") === k) })).filter(
    (x) => x.rows.length > 0,
  );
  // The index's own ranks (METHOD-766 §0.4), with ties said in words.
  const places = new Map(
    sections.flatMap((sec) => [...placesOf(sec.rows.map((r) => ({ key: r.key, total: total(r) })))]),
  );
  return (
    <div className="space-y-4">
      {rows.length === 0 && (
        <p className="rounded border border-gray-200 bg-white p-4 text-gray-600">
          Không có đơn vị trực thuộc hoặc chưa có dữ liệu trong kỳ.
        </p>
      )}
      {sections.map((section) => (
        <section key={section.kind} className="space-y-2">
          <h2 className="text-lg font-semibold">
            {SECTION_LABELS[section.kind] ?? section.kind} ({section.rows.length})
          </h2>
          <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
            <table className="min-w-full text-sm" data-index766={section.kind}>
              <thead className="bg-gray-50 text-left text-gray-700">
                <tr>
                  <th className="px-2 py-2">Hạng</th>
                  <th className="px-2 py-2">Đơn vị</th>
                  <th className="px-2 py-2">Tổng điểm</th>
                  <th className="px-2 py-2">Xếp loại</th>
                  {/* Each cell states the maximum that applies to its unit (an indicator not applicable leaves it).
                      On a phone the groups wait one tap away ("chi tiết"): rank, unit, total and rating fit the screen. */}
                  <th className="px-2 py-2">So với {comparedWords(previous)}</th>
                  {NATIONAL_COLUMNS.map((c) => (
                    <th key={c.key} className="hidden px-2 py-2 sm:table-cell">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {section.rows.map((r) => {
                  const x = unitIndex(r.index766);
                  const rating = ratingSwatch(x?.rating ?? null);
                  return (
                    <tr key={r.key} className="border-t border-gray-100" data-row={r.key}>
                      <td className="px-2 py-2 tabular-nums" data-rank766>
                        {x?.rank ? (
                          <Place place={{ ...x.rank, tied: places.get(r.key)?.tied ?? false }} withCount />
                        ) : (
                          "—"
                        )}
                      </td>
                      <td className="px-2 py-2">
                        <Link
                          className="text-blue-700 hover:underline"
                          href={`/xep-hang${qs({ ...base, unit: r.key, view: "i766" })}`}
                        >
                          {r.name}
                        </Link>
                        <Link
                          className="ml-2 text-xs text-blue-700 underline"
                          href={`/chi-so-766${qs({ ...base, unit: r.key })}`}
                          aria-label={`Chi tiết chỉ số 766 của ${r.name}`}
                        >
                          chi tiết
                        </Link>
                      </td>
                      <td className="px-2 py-2 font-semibold tabular-nums">{formatPoints(x?.total ?? null)}</td>
                      <td className="px-2 py-2">
                        {rating ? (
                          <span className="inline-flex items-center gap-1">
                            <span
                              aria-hidden
                              className="inline-block h-3 w-3 rounded-sm"
                              style={{ background: rating.hex }}
                            />
                            {rating.label}
                          </span>
                        ) : (
                          <span className="text-gray-500">Chưa có dữ liệu</span>
                        )}
                      </td>
                      <td className="px-2 py-2 tabular-nums" data-change766>
                        {x?.change && (x.change.total !== null || x.change.rank !== null) ? (
                          <div className="flex flex-col items-start gap-0.5">
                            <Movement value={x.change.total} unit="points" />
                            <Movement value={x.change.rank} unit="places" className="text-xs" />
                          </div>
                        ) : (
                          <span className="text-gray-500">—</span>
                        )}
                      </td>
                      {NATIONAL_COLUMNS.map((c) => {
                        const col = x ? columnScore(x, c.indicators) : null;
                        return (
                          <td
                            key={c.key}
                            className="hidden px-2 py-2 tabular-nums sm:table-cell"
                            data-column766={c.key}
                          >
                            {col?.score == null ? "—" : `${formatPoints(col.score)} / ${col.max}`}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <p className="text-xs text-gray-500">
        Tổng điểm tính trên các chỉ số áp dụng được với đơn vị, quy về thang 100; mỗi ô ghi điểm đạt trên điểm tối đa áp
        dụng được với đơn vị. Thay đổi so với {comparedWords(previous)}: ▲ tăng, ▼ giảm điểm hoặc bậc xếp hạng; kỳ đang
        diễn ra được so với cùng khoảng thời gian của kỳ trước.
      </p>
    </div>
  );
}

/** METHOD §D.2: PAKN by sector (ngành), the only figures a sector has; the rows add up to the whole. */
function SectorTable({ rows }: { rows: ScorecardRow[] }) {
  const sorted = [...rows].sort((a, b) => b.feedback.total - a.feedback.total || a.name.localeCompare(b.name, "vi"));
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="min-w-full text-sm" data-scorecard="sector">
        <thead className="bg-gray-50 text-left text-gray-700">
          <tr>
            <th className="px-2 py-2">Ngành</th>
            <th className="px-2 py-2">Phản ánh, kiến nghị</th>
            <th className="px-2 py-2">Về quy định hành chính</th>
            <th className="px-2 py-2">Về hành vi cán bộ, công chức</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.key} className="border-t border-gray-100" data-row={r.key}>
              <td className="px-2 py-2">{r.name}</td>
              <td className="px-2 py-2 tabular-nums">{formatCount(r.feedback.total)}</td>
              <td className="px-2 py-2 tabular-nums">
                {formatCount(r.feedback.regulation)} ({formatRate(r.feedback.regulationRate)})
              </td>
              <td className="px-2 py-2 tabular-nums">
                {formatCount(r.feedback.conduct)} ({formatRate(r.feedback.conductRate)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Competition ranks within one section, with whether another unit shares the place. */
function placesOf(
  list: Array<{ key: string; total: number | null }>,
): Map<string, { position: number; of: number; tied: boolean }> {
  const ranks = competitionRanks(list);
  const count = new Map<number, number>();
  for (const r of ranks.values()) count.set(r.position, (count.get(r.position) ?? 0) + 1);
  return new Map([...ranks].map(([k, r]) => [k, { ...r, tied: (count.get(r.position) ?? 0) > 1 }]));
}

/** A place: "2", or "2 đồng hạng" when another unit shares it; "k/N" when the count is asked for. */
function Place({
  place,
  prefix = "",
  withCount = false,
}: {
  place?: { position: number; of: number; tied: boolean };
  prefix?: string;
  withCount?: boolean;
}) {
  if (!place) return <>—</>;
  return (
    <>
      {prefix}
      {place.position}
      {withCount ? `/${place.of}` : ""}
      {place.tied ? <span className="ml-1 whitespace-nowrap text-xs text-gray-500">đồng hạng</span> : null}
    </>
  );
}
