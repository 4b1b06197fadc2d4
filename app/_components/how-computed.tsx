/**
 * "Cách tính": how each figure of the overview is computed, for the official who asks,
 * citing the appendix of Công văn 200 and the section of the portal's METHOD.md.
 */
const ROWS: Array<[string, string, string]> = [
  ["A. Tỷ lệ đúng hạn", "(đúng hạn + đang trong hạn) / hồ sơ tiếp nhận và xử lý trong kỳ; hạn tính theo thời hạn công bố trong danh mục, ngày làm việc theo lịch nghỉ lễ", "mục A · METHOD §A.1–A.5"],
  ["B. Dịch vụ công trực tuyến", "thủ tục toàn trình và một phần / thủ tục thuộc thẩm quyền (mỗi thủ tục tính một lần, ở mức cao nhất)", "mục B · METHOD §B.1–B.4"],
  ["C. Thanh toán trực tuyến", "hồ sơ đã thanh toán qua Cổng DVCQG / hồ sơ của thủ tục đã tích hợp thanh toán (trừ hồ sơ mọi dòng phí bằng 0)", "mục C · METHOD §C.1–C.4"],
  ["D. Phản ánh, kiến nghị", "số PAKN tiếp nhận trong kỳ theo hai nhóm: quy định hành chính, hành vi cán bộ", "mục D · METHOD §D.1–D.2"],
  ["Đ. Tỷ lệ đồng bộ", "hồ sơ có ngày tiếp nhận trong kỳ / số lớn hơn giữa báo cáo quốc gia và báo cáo thống kê của đơn vị", "mục Đ · METHOD §Đ.1–Đ.3"],
];

export function HowComputed() {
  return (
    <details className="rounded-lg border border-gray-200 bg-white p-3 text-sm">
      <summary className="cursor-pointer font-medium">Cách tính</summary>
      <p className="mt-2 text-gray-600">Theo Phụ lục “Phương pháp xử lý dữ liệu” kèm Công văn 200/VPCP-KSTT ngày 10/01/2022. Số liệu của một đơn vị tính từ hồ sơ của đơn vị đó và các đơn vị trực thuộc, không lấy trung bình tỷ lệ của đơn vị con.</p>
      <dl className="mt-2 space-y-1">
        {ROWS.map(([k, v, cite]) => (
          <div key={k}><dt className="inline font-medium">{k}: </dt><dd className="inline">{v} <span className="text-xs text-gray-500">({cite})</span></dd></div>
        ))}
      </dl>
    </details>
  );
}
