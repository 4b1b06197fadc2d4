import type { Metadata } from "next";
import Link from "next/link";
import { listDossiers766ForCaller } from "@/lib/data/dossiers";
import type { Dossier766Item } from "@/lib/engine/dossier-list766";
import { isDossierIndicator766, type DossierIndicator766 } from "@/lib/method/i766/points";
import { formatDateTime } from "@/lib/format";
import { RULE_766_LABELS } from "@/lib/method/i766/ontime";
import { qs } from "@/lib/ui/period";
import { orNotFound } from "@/lib/page";
import { RecordsFrame, recordsRequest, type RecordsSearch } from "../records";

export const metadata: Metadata = { title: "Hồ sơ của chỉ số 766" };

/** Why a dossier does not count in the indicator's numerator, in an official's words. */
const WHY: Record<DossierIndicator766, (d: Dossier766Item) => string> = {
  "2.1": (d) =>
    d.rule === "two_supplements" || d.rule === "no_start" || d.rule === "no_deadline"
      ? RULE_766_LABELS[d.rule]
      : d.finished
        ? "Giải quyết quá hạn"
        : "Đang giải quyết, đã quá hạn",
  "3.3": (d) =>
    !d.online ? "Không nộp trực tuyến" : "Thủ tục trả kết quả giấy: chưa có kết quả điện tử khi giải quyết xong",
  "3.6": () => "Chưa thanh toán trực tuyến",
  "4.1": () => "Chưa cấp kết quả điện tử",
  "4.2": () => "Hồ sơ chưa được số hóa thành phần",
  "4.3": () => "Không tái sử dụng dữ liệu đã số hóa",
  "4.4": () => "Không khai thác dữ liệu từ cơ sở dữ liệu quốc gia",
  "4.5": () => "Không sử dụng dữ liệu dân cư (VNeID, CSDL quốc gia về dân cư)",
  "5.4": (d) =>
    [!d.ok && "trễ hạn", d.dissatisfied && "bị đánh giá không hài lòng", d.named && "có phản ánh, kiến nghị"]
      .filter(Boolean)
      .join(", ")
      .replace(/^./, (c) => c.toUpperCase()),
};

/** The dossiers behind one indicator of the 766 index: those that cost points first. */
export default async function Dossiers766Page({ searchParams }: { searchParams: RecordsSearch }) {
  const req = await recordsRequest(searchParams, "dossiers:read", isDossierIndicator766);
  const { indicator, period } = req;
  const result = await orNotFound(listDossiers766ForCaller(req.orm, req.caller, req.query));
  const day = (ms: number | null) => (ms === null ? "—" : formatDateTime(new Date(ms)));
  return (
    <RecordsFrame path="/chi-so-766/ho-so" req={req} counted={result.counted} total={result.total} noun="hồ sơ">
      <table className="min-w-full text-sm" data-dossiers766={indicator}>
        <thead className="bg-gray-50 text-left text-gray-700">
          <tr>
            <th className="px-2 py-2">Mã hồ sơ</th>
            <th className="px-2 py-2">Đơn vị</th>
            <th className="px-2 py-2">Thủ tục</th>
            <th className="px-2 py-2">Tiếp nhận</th>
            <th className="px-2 py-2">Kết thúc</th>
            <th className="px-2 py-2">Kết quả</th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((d) => (
            <tr key={d.code} className="border-t border-gray-100 align-top">
              <td className="px-2 py-1.5">
                <Link
                  className="text-blue-700 hover:underline"
                  href={`/ho-so/${encodeURIComponent(d.code)}${qs({ from: period.from, to: period.to })}`}
                >
                  {d.code}
                </Link>
              </td>
              <td className="px-2 py-1.5">{d.unitName}</td>
              <td className="px-2 py-1.5">{d.procedureName ?? d.procedureCode ?? "—"}</td>
              <td className="px-2 py-1.5 tabular-nums">{day(d.receivedMs)}</td>
              <td className="px-2 py-1.5 tabular-nums">{day(d.endMs)}</td>
              <td className="px-2 py-1.5">
                {d.counted ? (
                  <span className="text-emerald-800">Đạt</span>
                ) : (
                  <span className="text-red-800">{WHY[indicator](d)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </RecordsFrame>
  );
}
