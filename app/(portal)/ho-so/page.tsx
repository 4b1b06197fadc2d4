import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { listDossiersForCaller } from "@/lib/data/dossiers";
import { proceduresForPicker, unitsForCaller } from "@/lib/data/unit-list";
import { formatCount, formatDateTime } from "@/lib/format";
import { REASON_LABELS, REASONS, VERDICT_LABELS, type Verdict } from "@/lib/method/ontime";
import { STATUS, STATUS_LABELS } from "@/lib/method/status";
import { periodFromParams, periodLabel, qs } from "@/lib/ui/period";
import { pageParam, requirePage, orNotFound, textParams } from "@/lib/page";
import { PeriodPicker } from "../../_components/period-picker";
import { Choice } from "../../_components/choice";

export const metadata: Metadata = { title: "Hồ sơ" };

const PAGE = 50;
const CHANNELS: Record<string, string> = { "1": "Trực tiếp", "2": "Trực tuyến", "3": "Bưu chính" };
type Search = Promise<{
  from?: string;
  to?: string;
  unit?: string;
  procedure?: string;
  verdict?: string;
  channel?: string;
  reason?: string;
  sort?: string;
  set?: string;
  page?: string;
  code?: string;
}>;

const SELECT = "max-w-[16rem] rounded border border-gray-300 px-1 py-1 text-sm";

const late = (ms: number | null) => {
  if (ms === null || ms <= 0) return "";
  const days = ms / 86_400_000;
  return days >= 1 ? `trễ ${formatCount(Math.ceil(days))} ngày` : `trễ ${formatCount(Math.ceil(ms / 3_600_000))} giờ`;
};

/** Columns a phone leaves out (the dossier's own page, one tap away, has them): code, procedure, verdict and reason stay. */
const CELL = "hidden sm:table-cell";
const WIDE = `${CELL} px-2 py-2`;

export default async function DossiersPage({ searchParams }: { searchParams: Search }) {
  const sp = textParams(await searchParams);
  // Looking a dossier up by its code goes straight to its explanation (which checks the scope).
  if (sp.code?.trim()) redirect(`/ho-so/${encodeURIComponent(sp.code.trim())}${qs({ from: sp.from, to: sp.to })}`);
  const { orm, caller } = await requirePage("dossiers:read");
  const period = periodFromParams(sp);
  const verdict = sp.verdict && sp.verdict in VERDICT_LABELS ? (sp.verdict as Verdict) : undefined;
  const channel =
    sp.channel === "1" || sp.channel === "2" || sp.channel === "3" ? (Number(sp.channel) as 1 | 2 | 3) : undefined;
  const reason = REASONS.find((r) => r === sp.reason);
  const sort = sp.sort === "lateness" ? "lateness" : "due";
  const page = pageParam(sp.page);
  const set = sp.set === "received" ? "received" : "population";
  const [result, unitList, procedureList] = await Promise.all([
    orNotFound(
      listDossiersForCaller(orm, caller, {
        period,
        unit: sp.unit || undefined,
        procedure: sp.procedure || undefined,
        verdict,
        channel,
        reason,
        sort,
        set,
        limit: PAGE,
        offset: (page - 1) * PAGE,
      }),
    ),
    unitsForCaller(orm, caller),
    proceduresForPicker(orm),
  ]);
  const keep = {
    from: period.from,
    to: period.to,
    unit: sp.unit || undefined,
    procedure: sp.procedure || undefined,
    verdict,
    channel: sp.channel || undefined,
    reason,
    sort: sort === "lateness" ? sort : undefined,
    set: set === "received" ? set : undefined,
  };
  const pages = Math.max(1, Math.ceil(result.total / PAGE));
  const unitName = unitList.find((u) => u.code === sp.unit)?.name;
  const procedureName = procedureList.find((p) => p.code === sp.procedure)?.name;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Hồ sơ</h1>
        <p className="text-sm text-gray-600">
          {periodLabel(period)} ·{" "}
          {set === "received" ? "hồ sơ có ngày tiếp nhận trong kỳ" : "hồ sơ tiếp nhận và xử lý trong kỳ"}
          {unitName && <> · {unitName}</>}
          {procedureName && <> · {procedureName}</>}
        </p>
      </div>
      <PeriodPicker
        path="/ho-so"
        period={period}
        keep={{ ...keep, from: undefined, to: undefined } as Record<string, string | undefined>}
      />
      <form className="no-print flex flex-wrap items-end gap-2 text-sm" action="/ho-so">
        {Object.entries({ from: period.from, to: period.to, set: keep.set }).map(([k, v]) =>
          v ? <input key={k} type="hidden" name={k} value={v} /> : null,
        )}
        <Choice label="Đơn vị" name="unit" value={sp.unit} options={unitList.map((u) => [u.code, u.name])} />
        <Choice
          label="Thủ tục"
          name="procedure"
          value={sp.procedure}
          options={procedureList.map((p) => [p.code, p.name])}
        />
        <Choice label="Kết luận" name="verdict" value={verdict} options={Object.entries(VERDICT_LABELS)} />
        <Choice label="Lý do" name="reason" value={reason} options={REASONS.map((r) => [r, REASON_LABELS[r]])} />
        <Choice label="Kênh" name="channel" value={sp.channel} options={Object.entries(CHANNELS)} />
        <label className="flex flex-col text-xs text-gray-600">
          Sắp xếp
          <select name="sort" defaultValue={sort} className={SELECT}>
            <option value="due">Theo hạn xử lý</option>
            <option value="lateness">Trễ nhiều nhất trước</option>
          </select>
        </label>
        <button className="rounded border border-gray-300 bg-white px-3 py-1">Lọc</button>
      </form>
      <form className="no-print flex items-end gap-2 text-sm" action="/ho-so" role="search">
        <input type="hidden" name="from" value={period.from} />
        <input type="hidden" name="to" value={period.to} />
        <label className="flex flex-col text-xs text-gray-600">
          Tra cứu theo mã hồ sơ
          <input name="code" placeholder="Mã hồ sơ" className="rounded border border-gray-300 px-2 py-1 text-sm" />
        </label>
        <button className="rounded border border-gray-300 bg-white px-3 py-1">Xem</button>
      </form>
      <p className="text-sm" data-total={result.total}>
        {formatCount(result.total)} hồ sơ
      </p>
      <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-gray-50 text-left text-gray-700">
            <tr>
              <th className="px-2 py-2">Mã hồ sơ</th>
              <th className={WIDE}>Đơn vị</th>
              <th className="px-2 py-2">Thủ tục</th>
              <th className={WIDE}>Kênh</th>
              <th className={WIDE}>Bắt đầu</th>
              <th className={WIDE}>Hạn</th>
              <th className={WIDE}>Kết thúc</th>
              <th className="px-2 py-2">Kết luận</th>
              <th className="px-2 py-2">Lý do</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((d) => (
              <tr key={d.code} className="border-t border-gray-100 align-top" data-reason={d.reason ?? ""}>
                <td className="px-2 py-1.5">
                  <Link
                    className="text-blue-700 hover:underline"
                    href={`/ho-so/${encodeURIComponent(d.code)}${qs({ from: period.from, to: period.to })}`}
                  >
                    {d.code}
                  </Link>
                </td>
                <td className={`${CELL} px-2 py-1.5`} title={d.unitCode}>
                  {d.unitName ?? d.unitCode}
                </td>
                <td className="px-2 py-1.5" title={d.procedureCode ?? ""}>
                  {d.procedureName ??
                    (d.procedureCode ? (
                      <>
                        Không có trong danh mục <span className="text-xs text-gray-500">{d.procedureCode}</span>
                      </>
                    ) : (
                      "—"
                    ))}
                </td>
                <td className={`${CELL} px-2 py-1.5`}>{CHANNELS[String(d.channel ?? 1)]}</td>
                <td className={`${CELL} px-2 py-1.5 whitespace-nowrap`}>
                  {d.startMs ? formatDateTime(new Date(d.startMs)) : "—"}
                </td>
                <td className={`${CELL} px-2 py-1.5 whitespace-nowrap`}>
                  {d.dueMs ? formatDateTime(new Date(d.dueMs)) : "—"}
                </td>
                <td className={`${CELL} px-2 py-1.5 whitespace-nowrap`}>
                  {d.endMs
                    ? formatDateTime(new Date(d.endMs))
                    : d.status === STATUS.PROCESSING
                      ? "Chưa kết thúc"
                      : `Chưa kết thúc (${STATUS_LABELS[d.status].toLowerCase()})`}
                </td>
                <td className="px-2 py-1.5">{d.verdict ? VERDICT_LABELS[d.verdict] : "—"}</td>
                <td className="px-2 py-1.5">
                  {d.reason ? (
                    <>
                      {REASON_LABELS[d.reason]}
                      {d.reason === "late" && <span className="block text-xs text-red-700">{late(d.lateMs)}</span>}
                    </>
                  ) : (
                    ""
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav aria-label="Trang" className="flex items-center gap-2 text-sm">
          {page > 1 && (
            <Link className="rounded border px-2 py-1" href={`/ho-so${qs({ ...keep, page: page - 1 })}`}>
              ‹ Trước
            </Link>
          )}
          <span>
            Trang {page}/{pages}
          </span>
          {page < pages && (
            <Link className="rounded border px-2 py-1" href={`/ho-so${qs({ ...keep, page: page + 1 })}`}>
              Sau ›
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
