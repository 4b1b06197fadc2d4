import Link from "next/link";

/**
 * "Cách tính": each indicator's rule in one line, citing the appendix of Công văn 200
 * (never this code base's files), with the portal's own explanation page one click away.
 */
export const HOW_ROWS: Array<{ id: string; title: string; rule: string; clause: string }> = [
  {
    id: "A",
    title: "A. Tỷ lệ đúng hạn",
    rule: "(đúng hạn + đang trong hạn) / hồ sơ tiếp nhận và xử lý trong kỳ; hạn tính theo thời hạn công bố trong danh mục, ngày làm việc theo lịch nghỉ lễ",
    clause: "A.1–A.5",
  },
  {
    id: "B",
    title: "B. Dịch vụ công trực tuyến",
    rule: "thủ tục toàn trình và một phần / thủ tục thuộc thẩm quyền (mỗi thủ tục tính một lần, ở mức cao nhất)",
    clause: "B.1–B.4",
  },
  {
    id: "C",
    title: "C. Thanh toán trực tuyến",
    rule: "hồ sơ đã thanh toán qua Cổng DVCQG / hồ sơ của thủ tục đã tích hợp thanh toán (trừ hồ sơ mọi dòng phí bằng 0)",
    clause: "C.1–C.4",
  },
  {
    id: "D",
    title: "D. Phản ánh, kiến nghị",
    rule: "số phản ánh, kiến nghị tiếp nhận trong kỳ theo hai nhóm: quy định hành chính, hành vi cán bộ",
    clause: "D.1–D.2",
  },
  {
    id: "Đ",
    title: "Đ. Tỷ lệ đồng bộ",
    rule: "hồ sơ có ngày tiếp nhận trong kỳ / số lớn hơn giữa báo cáo quốc gia và báo cáo thống kê của đơn vị",
    clause: "Đ.1–Đ.3",
  },
];

export function HowComputed() {
  return (
    <details className="rounded-lg border border-gray-200 bg-white p-3 text-sm">
      <summary className="cursor-pointer font-medium">Cách tính</summary>
      <p className="mt-2 text-gray-600">
        Theo Phụ lục “Phương pháp xử lý dữ liệu” kèm Công văn 200/VPCP-KSTT ngày 10/01/2022. Số liệu của một đơn vị tính
        từ hồ sơ của đơn vị đó và các đơn vị trực thuộc, không lấy trung bình tỷ lệ của đơn vị con.
      </p>
      <dl className="mt-2 space-y-1">
        {HOW_ROWS.map((r) => (
          <div key={r.id}>
            <dt className="inline font-medium">{r.title}: </dt>
            <dd className="inline">
              {r.rule} <span className="text-xs text-gray-500">(Phụ lục, mục {r.clause})</span>
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-2">
        <Link href="/cach-tinh" className="text-blue-700 underline">
          Xem cách tính đầy đủ
        </Link>
      </p>
    </details>
  );
}
