import type { Metadata } from "next";
import Link from "next/link";
import { worklistForCaller } from "@/lib/data/dossiers";
import { proceduresForPicker, unitsForCaller } from "@/lib/data/unit-list";
import { Choice } from "../../_components/choice";
import { formatCount, formatDateTime, formatPoints } from "@/lib/format";
import { periodAround } from "@/lib/method/period";
import { qs, periodLabel } from "@/lib/ui/period";
import { timeLeftWords } from "@/lib/ui/words";
import { requirePage, orNotFound, textParam } from "@/lib/page";

export const metadata: Metadata = { title: "Cần ưu tiên" };

const KINDS = {
  tuan: ["week", "Tuần này"],
  thang: ["month", "Tháng này"],
  quy: ["quarter", "Quý này"],
  nam: ["year", "Năm nay"],
} as const;
type Kind = keyof typeof KINDS;

/** Points two decimals as the scorecard shows them; a large unit's dossier may be worth less than that. */
const small = (v: number) => (v < 0.005 ? "dưới 0,01" : formatPoints(v));

export default async function WorklistPage({
  searchParams,
}: {
  searchParams: Promise<Record<"ky" | "unit" | "procedure" | "department", string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const sp = {
    ky: textParam(raw.ky),
    unit: textParam(raw.unit),
    procedure: textParam(raw.procedure),
    department: textParam(raw.department),
  };
  const ky: Kind = sp.ky && Object.hasOwn(KINDS, sp.ky) ? (sp.ky as Kind) : "thang";
  const period = periodAround(KINDS[ky][0], new Date());
  const { orm, caller } = await requirePage("dossiers:read");
  const [units, procedures] = await Promise.all([unitsForCaller(orm, caller), proceduresForPicker(orm)]);
  const list = await orNotFound(
    worklistForCaller(orm, caller, {
      period,
      unit: sp.unit || undefined,
      procedure: sp.procedure || undefined,
      department: sp.department || undefined,
    }),
  );
  const keep = { unit: sp.unit, procedure: sp.procedure, department: sp.department };
  const parts = [
    {
      key: "in-period",
      title: `Hạn trong ${periodLabel(period).toLowerCase()}: xử lý trễ sẽ mất điểm`,
      items: list.items.filter((d) => !d.overdue && d.dueInPeriod),
    },
    { key: "overdue", title: "Đã quá hạn", items: list.items.filter((d) => d.overdue) },
    { key: "later", title: "Hạn sau kỳ này", items: list.items.filter((d) => !d.overdue && !d.dueInPeriod) },
  ];
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Cần ưu tiên</h1>
        <p className="text-sm text-gray-600">
          Mọi hồ sơ đang xử lý, chia ba phần: hạn trong kỳ (sắp đến hạn trước), đã quá hạn, hạn sau kỳ. Với hồ sơ hạn
          trong kỳ, cổng ghi tỷ lệ đúng hạn (Công văn 200) và điểm chỉ số 2.1 (Quyết định 766) của đơn vị trong{" "}
          {periodLabel(period).toLowerCase()} sẽ giảm bao nhiêu nếu hồ sơ bị xử lý trễ, tính trên số hồ sơ của kỳ đến
          nay: đầu kỳ ít hồ sơ nên mỗi hồ sơ nặng hơn.
        </p>
      </div>
      <nav className="no-print flex flex-wrap gap-2 text-sm" aria-label="Kỳ tính điểm">
        {(Object.keys(KINDS) as Kind[]).map((k) => (
          <Link
            key={k}
            href={`/can-uu-tien${qs({ ...keep, ky: k })}`}
            aria-current={k === ky ? "page" : undefined}
            className={`rounded border px-3 py-1 ${k === ky ? "border-blue-700 bg-blue-700 text-white" : "border-gray-300 bg-white"}`}
          >
            {KINDS[k][1]}
          </Link>
        ))}
      </nav>
      <form className="no-print flex flex-wrap items-end gap-2 text-sm" action="/can-uu-tien">
        <input type="hidden" name="ky" value={ky} />
        {units.length > 1 && (
          <Choice label="Đơn vị" name="unit" value={sp.unit} options={units.map((u) => [u.code, u.name])} />
        )}
        <Choice
          label="Thủ tục"
          name="procedure"
          value={sp.procedure}
          options={procedures.map((p) => [p.code, p.name])}
        />
        <Choice
          label="Phòng ban đang giữ hồ sơ"
          name="department"
          value={sp.department}
          options={list.departments.map((d) => [d.name, `${d.name} (${formatCount(d.count)})`])}
        />
        <button className="rounded border border-gray-300 bg-white px-3 py-1">Lọc</button>
      </form>
      <div className="grid gap-3 sm:grid-cols-3">
        <div className="rounded-lg border border-gray-200 bg-white p-4">
          <p className="text-sm">Đang xử lý</p>
          <p className="text-3xl font-semibold tabular-nums" data-total>
            {formatCount(list.total)}
          </p>
        </div>
        <div className="rounded-lg border border-yellow-300 bg-yellow-50 p-4">
          <p className="text-sm">Còn hạn, hạn trong kỳ: xử lý trễ sẽ mất điểm</p>
          <p className="text-3xl font-semibold tabular-nums" data-at-stake>
            {formatCount(list.atStake)}
          </p>
        </div>
        <div className="rounded-lg border border-red-300 bg-red-50 p-4">
          <p className="text-sm">Đã quá hạn</p>
          <p className="text-3xl font-semibold tabular-nums" data-overdue>
            {formatCount(list.overdue)}
          </p>
        </div>
      </div>
      {list.total > list.items.length && (
        <p className="text-sm text-gray-600">
          Hiển thị {formatCount(list.items.length)} trong {formatCount(list.total)} hồ sơ; chọn một phòng ban hoặc một
          đơn vị để xem hết.
        </p>
      )}
      {list.items.length === 0 && (
        <p className="rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-700">
          Không có hồ sơ đang xử lý{sp.department ? ` ở phòng ban "${sp.department}"` : ""}.
        </p>
      )}
      {parts
        .filter((part) => part.items.length > 0)
        .map((part) => (
          <section key={part.key} data-part={part.key}>
            <h2 className="mb-2 text-lg font-semibold">
              {part.title} ({formatCount(part.items.length)})
            </h2>
            <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white text-sm" data-worklist>
              {part.items.map((d) => (
                <li key={d.code} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2" data-code={d.code}>
                  <span
                    className={`rounded px-1.5 py-0.5 text-xs font-medium ${d.overdue ? "bg-red-600 text-white" : d.dueInPeriod ? "bg-yellow-300 text-gray-900" : "bg-gray-100 text-gray-800"}`}
                  >
                    {d.startMs === null
                      ? "Chưa tiếp nhận: tính là quá hạn"
                      : timeLeftWords(d.leftMs, d.leftWorkingDays)}
                  </span>
                  <Link
                    className="font-medium text-blue-700 hover:underline"
                    href={`/ho-so/${encodeURIComponent(d.code)}`}
                  >
                    {d.code}
                  </Link>
                  <span className="text-gray-700">
                    {d.procedure.name ?? (d.procedure.code ? "Thủ tục chưa có trong danh mục" : "Không ghi thủ tục")}
                  </span>
                  <span className="text-gray-500">
                    {d.unit.name ?? d.unit.code} · {d.department.name}
                  </span>
                  <span className="flex w-full flex-wrap gap-x-3 tabular-nums text-gray-700 sm:ml-auto sm:w-auto">
                    {d.dueMs !== null && <span>Hạn: {formatDateTime(new Date(d.dueMs))}</span>}
                    {(d.worthRate > 0 || d.worthPoints766 > 0) && (
                      <span className="font-medium text-gray-900" data-worth>
                        Nếu trễ:{" "}
                        {[
                          d.worthRate > 0 && `tỷ lệ đúng hạn giảm ${small(d.worthRate)} điểm phần trăm`,
                          d.worthPoints766 > 0 && `chỉ số 2.1 giảm ${small(d.worthPoints766)} điểm`,
                        ]
                          .filter(Boolean)
                          .join(", ")}
                      </span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </div>
  );
}
