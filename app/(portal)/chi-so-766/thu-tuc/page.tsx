import type { Metadata } from "next";
import { listProcedures766ForCaller } from "@/lib/data/records766";
import type { Procedure766Item } from "@/lib/engine/records-list766";
import { isProcedureIndicator766, type ProcedureIndicator766 } from "@/lib/method/i766/points";
import { formatDay } from "@/lib/format";
import { orNotFound } from "@/lib/page";
import { RecordsFrame, recordsRequest, type RecordsSearch } from "../records";

export const metadata: Metadata = { title: "Thủ tục của chỉ số 766" };

const day = (d: string | null) => (d ? formatDay(d) : "—");

/** What a procedure missed, in an official's words, with the dates it was held to. */
const WHY: Record<ProcedureIndicator766, (p: Procedure766Item) => string> = {
  "1.1": (p) =>
    `Công bố ngày ${day(p.announcedOn)}, chậm hơn ngày ${day(p.announceBy)} (5 ngày làm việc trước ngày hiệu lực)`,
  "1.2": (p) =>
    p.madePublicOn
      ? `Công khai ngày ${day(p.madePublicOn)}, chậm hơn ngày ${day(p.publishBy)}`
      : `Chưa công khai; hạn ngày ${day(p.publishBy)}`,
  "1.3": () => "Chưa công khai đầy đủ các bộ phận",
  "3.1": () => "Chưa cung cấp dịch vụ công trực tuyến",
  "3.2": () => "Không phát sinh hồ sơ trực tuyến trong kỳ",
  "3.4": () => "Có hồ sơ thu phí, lệ phí nhưng không có giao dịch thanh toán trực tuyến",
  "3.5": () => "Có phí, lệ phí nhưng chưa có hồ sơ nào có dữ liệu thu phí",
};
const LEVEL: Record<number, string> = { 4: "Toàn trình", 3: "Một phần" };

/** The procedures behind an indicator of group 1 (and 3.1) of the 766 index: those that cost points first. */
export default async function Procedures766Page({ searchParams }: { searchParams: RecordsSearch }) {
  const req = await recordsRequest(searchParams, "scores:read", isProcedureIndicator766);
  const result = await orNotFound(listProcedures766ForCaller(req.orm, req.caller, req.query));
  return (
    <RecordsFrame path="/chi-so-766/thu-tuc" req={req} counted={result.counted} total={result.total} noun="thủ tục">
      <table className="min-w-full text-sm" data-procedures766={req.indicator}>
        <thead className="bg-gray-50 text-left text-gray-700">
          <tr>
            <th className="px-2 py-2">Thủ tục</th>
            <th className="px-2 py-2">Ngày công bố</th>
            <th className="px-2 py-2">Ngày hiệu lực</th>
            <th className="px-2 py-2">Ngày công khai</th>
            <th className="px-2 py-2">Mức độ trực tuyến</th>
            <th className="px-2 py-2">Kết quả</th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((p) => (
            <tr key={p.code} className="border-t border-gray-100 align-top">
              <td className="px-2 py-1.5">
                {p.name} <span className="text-xs text-gray-500">{p.code}</span>
              </td>
              <td className="px-2 py-1.5 tabular-nums">{day(p.announcedOn)}</td>
              <td className="px-2 py-1.5 tabular-nums">{day(p.effectiveOn)}</td>
              <td className="px-2 py-1.5 tabular-nums">{day(p.madePublicOn)}</td>
              <td className="px-2 py-1.5">{p.level ? LEVEL[p.level] : "Chưa cung cấp"}</td>
              <td className="px-2 py-1.5">
                {p.counted ? (
                  <span className="text-emerald-800">Đạt</span>
                ) : (
                  <span className="text-red-800">{WHY[req.indicator](p)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="p-2 text-xs text-gray-500">Thủ tục thuộc thẩm quyền của nhiều đơn vị được tính một lần.</p>
    </RecordsFrame>
  );
}
