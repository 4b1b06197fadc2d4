import type { Metadata } from "next";
import Link from "next/link";
import { listFeedback766ForCaller } from "@/lib/data/records766";
import type { Feedback766Item } from "@/lib/engine/records-list766";
import { isFeedbackIndicator766 } from "@/lib/method/i766/points";
import { formatDateTime, formatDay } from "@/lib/format";
import { qs } from "@/lib/ui/period";
import { orNotFound } from "@/lib/page";
import { RecordsFrame, recordsRequest, type RecordsSearch } from "../records";

export const metadata: Metadata = { title: "Phản ánh, kiến nghị của chỉ số 766" };

const day = (d: string | null) => (d ? formatDay(d) : "—");

/** What a PAKN missed (§5.2: lateness; §5.3: also dissatisfaction and repeated complaints). */
function why(f: Feedback766Item): string {
  const reasons = [
    !f.onTime &&
      (f.handledOn
        ? `xử lý xong ngày ${day(f.handledOn)}, quá hạn ${day(f.due)}`
        : `chưa xử lý xong, đã quá hạn ${day(f.due)}`),
    Number(f.dislikes ?? 0) > Number(f.likes ?? 0) && "số không hài lòng nhiều hơn hài lòng",
    f.complainedAgain && "bị khiếu nại lại",
  ].filter(Boolean) as string[];
  return reasons.join("; ").replace(/^./, (c) => c.toUpperCase());
}

/** The PAKN behind 5.2 and 5.3 of the 766 index: those that cost points first. */
export default async function Feedback766Page({ searchParams }: { searchParams: RecordsSearch }) {
  const req = await recordsRequest(searchParams, "dossiers:read", isFeedbackIndicator766);
  const { period } = req;
  const result = await orNotFound(listFeedback766ForCaller(req.orm, req.caller, req.query));
  return (
    <RecordsFrame
      path="/chi-so-766/pakn"
      req={req}
      counted={result.counted}
      total={result.total}
      noun="phản ánh, kiến nghị"
    >
      <table className="min-w-full text-sm" data-feedback766={req.indicator}>
        <thead className="bg-gray-50 text-left text-gray-700">
          <tr>
            <th className="px-2 py-2">Mã</th>
            <th className="px-2 py-2">Đơn vị</th>
            <th className="px-2 py-2">Tiếp nhận</th>
            <th className="px-2 py-2">Xử lý xong</th>
            <th className="px-2 py-2">Hài lòng / không</th>
            <th className="px-2 py-2">Hồ sơ</th>
            <th className="px-2 py-2">Kết quả</th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((f) => (
            <tr key={f.code} className="border-t border-gray-100 align-top">
              <td className="px-2 py-1.5">{f.code}</td>
              <td className="px-2 py-1.5">{f.unitName}</td>
              <td className="px-2 py-1.5 tabular-nums">{formatDateTime(new Date(f.receivedMs))}</td>
              <td className="px-2 py-1.5 tabular-nums">{day(f.handledOn)}</td>
              <td className="px-2 py-1.5 tabular-nums">
                {f.likes ?? "—"} / {f.dislikes ?? "—"}
              </td>
              <td className="px-2 py-1.5">
                {f.dossier ? (
                  <Link
                    className="text-blue-700 hover:underline"
                    href={`/ho-so/${encodeURIComponent(f.dossier)}${qs({ from: period.from, to: period.to })}`}
                  >
                    {f.dossier}
                  </Link>
                ) : (
                  "—"
                )}
              </td>
              <td className="px-2 py-1.5">
                {f.counted ? (
                  <span className="text-emerald-800">Đạt</span>
                ) : (
                  <span className="text-red-800">{why(f)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </RecordsFrame>
  );
}
