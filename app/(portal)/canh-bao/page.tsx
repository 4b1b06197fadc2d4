import type { Metadata } from "next";
import Link from "next/link";
import { warningsForCaller } from "@/lib/data/dossiers";
import { formatCount, formatDateTime } from "@/lib/format";
import { qs } from "@/lib/ui/period";
import { requirePage, orNotFound, textParam } from "@/lib/page";

export const metadata: Metadata = { title: "Cảnh báo" };

export default async function WarningsPage({
  searchParams,
}: {
  searchParams: Promise<Record<"unit" | "n", string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const sp = { unit: textParam(raw.unit), n: textParam(raw.n) };
  const n = Math.max(0, Math.min(30, Number(sp.n ?? 2) || 0));
  const { orm, caller } = await requirePage("dossiers:read");
  const w = await orNotFound(warningsForCaller(orm, caller, { unit: sp.unit, workingDays: n }));
  const total = w.byUnit.reduce((s, u) => ({ overdue: s.overdue + u.overdue, soon: s.soon + u.soon }), {
    overdue: 0,
    soon: 0,
  });
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Cảnh báo sớm</h1>
        <p className="text-sm text-gray-600">
          Hồ sơ đang xử lý đã quá hạn hoặc sẽ đến hạn trong {n} ngày làm việc tới, sắp theo hạn.
        </p>
      </div>
      <form className="no-print flex items-end gap-2 text-sm" action="/canh-bao">
        {sp.unit && <input type="hidden" name="unit" value={sp.unit} />}
        <label className="flex flex-col text-xs text-gray-600">
          Số ngày làm việc
          <input
            type="number"
            name="n"
            min={0}
            max={30}
            defaultValue={n}
            className="w-24 rounded border border-gray-300 px-2 py-1 text-sm"
          />
        </label>
        <button className="rounded border border-gray-300 bg-white px-3 py-1">Xem</button>
      </form>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="rounded-lg border border-red-300 bg-red-50 p-4">
          <p className="text-sm">Đã quá hạn</p>
          <p className="text-3xl font-semibold tabular-nums" data-overdue>
            {formatCount(total.overdue)}
          </p>
        </div>
        <div className="rounded-lg border border-yellow-300 bg-yellow-50 p-4">
          <p className="text-sm">Sắp đến hạn ({n} ngày làm việc)</p>
          <p className="text-3xl font-semibold tabular-nums" data-soon>
            {formatCount(total.soon)}
          </p>
        </div>
      </div>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Theo đơn vị</h2>
        <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-gray-50 text-left">
              <tr>
                <th className="px-2 py-2">Đơn vị</th>
                <th className="px-2 py-2">Quá hạn</th>
                <th className="px-2 py-2">Sắp đến hạn</th>
              </tr>
            </thead>
            <tbody>
              {w.byUnit.map((u) => (
                <tr key={u.unitCode} className="border-t border-gray-100">
                  <td className="px-2 py-1.5">
                    <Link className="text-blue-700 hover:underline" href={`/canh-bao${qs({ unit: u.unitCode, n })}`}>
                      {u.unitName ?? u.unitCode}
                    </Link>
                  </td>
                  <td className="px-2 py-1.5 tabular-nums">{formatCount(u.overdue)}</td>
                  <td className="px-2 py-1.5 tabular-nums">{formatCount(u.soon)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section data-late-receipts>
        <h2 className="mb-2 text-lg font-semibold">
          Hồ sơ trực tuyến chậm tiếp nhận ({formatCount(w.lateReceipts.total)})
        </h2>
        <p className="mb-2 text-sm text-gray-600">
          Nộp trực tuyến nhưng chưa được tiếp nhận, đã quá thời điểm cùng giờ của ngày làm việc kế tiếp ngày nộp. Hồ sơ
          chậm tiếp nhận làm giảm điểm tiến độ và mức độ hài lòng.
        </p>
        {w.lateReceipts.items.length === 0 ? (
          <p className="rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-700">
            Không có hồ sơ trực tuyến chậm tiếp nhận.
          </p>
        ) : (
          <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white text-sm">
            {w.lateReceipts.items.map((d) => (
              <li key={d.code} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
                <Link
                  className="font-medium text-blue-700 hover:underline"
                  href={`/ho-so/${encodeURIComponent(d.code)}`}
                >
                  {d.code}
                </Link>
                <span className="text-gray-700">{d.procedureName ?? "Thủ tục chưa có trong danh mục"}</span>
                <span className="text-gray-500">{d.unitName}</span>
                <span className="ml-auto tabular-nums text-gray-700">
                  Nộp: {formatDateTime(new Date(d.submittedMs))} · Phải tiếp nhận trước:{" "}
                  {formatDateTime(new Date(d.receiptDueMs))}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Danh sách cần xử lý</h2>
        <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white text-sm">
          {w.items.map((d) => (
            <li key={d.code} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
              {/* Without a due date the dossier is not late for real: it lacks catalogue data (METHOD §A.4 [decision]). */}
              <span
                className={`rounded px-1.5 py-0.5 text-xs font-medium ${!d.dueMs && d.startMs !== null ? "bg-gray-200 text-gray-900" : d.overdue ? "bg-red-600 text-white" : "bg-yellow-300 text-gray-900"}`}
              >
                {!d.dueMs && d.startMs !== null ? "Thiếu dữ liệu hạn" : d.overdue ? "Quá hạn" : "Sắp đến hạn"}
              </span>
              <Link className="font-medium text-blue-700 hover:underline" href={`/ho-so/${encodeURIComponent(d.code)}`}>
                {d.code}
              </Link>
              <span className="text-gray-700">
                {d.procedureName ?? (d.procedureCode ? "Thủ tục chưa có trong danh mục" : "Không ghi thủ tục")}
              </span>
              <span className="text-gray-500">{d.unitName}</span>
              <span className="ml-auto tabular-nums text-gray-700">
                {d.dueMs
                  ? `Hạn: ${formatDateTime(new Date(d.dueMs))}`
                  : d.startMs === null
                    ? "Không có ngày tiếp nhận, không có tiến trình: tính là quá hạn"
                    : "Chưa xác định được hạn: thủ tục chưa có thời hạn trong danh mục"}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
