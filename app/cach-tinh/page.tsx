import type { Metadata } from "next";
import Link from "next/link";
import { HOW_ROWS } from "../_components/how-computed";

export const metadata: Metadata = { title: "Cách tính các chỉ số" };

/**
 * The method in a civil servant's words: what each indicator counts, how a deadline is
 * counted in working days, and what the portal decides where the appendix is silent.
 * Public, like the scorecard it explains.
 */
export default function HowComputedPage() {
  return (
    <article className="max-w-3xl space-y-4 text-sm leading-relaxed">
      <h1 className="text-2xl font-semibold">Cách tính các chỉ số</h1>
      <p>
        Cổng tính các chỉ số theo Phụ lục “Phương pháp xử lý dữ liệu” kèm Công văn 200/VPCP-KSTT ngày 10/01/2022 của Văn
        phòng Chính phủ, từ chính dữ liệu hồ sơ mà hệ thống một cửa điện tử của các cơ quan đồng bộ. Số liệu của một đơn
        vị tính trên toàn bộ hồ sơ của đơn vị đó và các đơn vị trực thuộc, không lấy trung bình tỷ lệ của đơn vị con.
      </p>
      {HOW_ROWS.map((r) => (
        <section key={r.id} id={r.id} className="rounded-lg border border-gray-200 bg-white p-3">
          <h2 className="font-semibold">{r.title}</h2>
          <p>{r.rule}.</p>
          <p className="text-xs text-gray-500">Căn cứ: Phụ lục Công văn 200/VPCP-KSTT, mục {r.clause}.</p>
        </section>
      ))}
      <section id="han" className="rounded-lg border border-gray-200 bg-white p-3">
        <h2 className="font-semibold">Hạn giải quyết và ngày làm việc</h2>
        <p>
          Hạn của hồ sơ tính từ lúc tiếp nhận (không có ngày tiếp nhận thì từ bước xử lý đầu tiên), theo thời hạn công
          bố trong danh mục thủ tục. Thời hạn tính bằng ngày làm việc thì đếm đủ số ngày làm việc, bỏ qua thứ Bảy, Chủ
          nhật và ngày nghỉ lễ, Tết theo lịch của cổng (có tính ngày làm bù); hạn là hết ngày làm việc cuối cùng đó. Ví
          dụ: tiếp nhận thứ Ba 24/11/2026, thời hạn 3 ngày làm việc thì hạn là hết thứ Sáu 27/11/2026.
        </p>
        <p>
          Hồ sơ trả kết quả trước hoặc trong ngày hạn là đúng hạn. Hồ sơ trả vào thứ Bảy, Chủ nhật ngay sau ngày hạn vẫn
          tính là đúng hạn vì chưa qua ngày làm việc nào.
        </p>
      </section>
      <section id="thieu-du-lieu" className="rounded-lg border border-gray-200 bg-white p-3">
        <h2 className="font-semibold">Khi dữ liệu thiếu</h2>
        <p>
          Hồ sơ không có ngày tiếp nhận và không có tiến trình xử lý được tính là quá hạn, như Phụ lục quy định. Hồ sơ
          của thủ tục chưa có trong danh mục, hoặc thủ tục chưa công bố thời hạn, không thể xác định hạn: cổng tính là
          chưa đúng hạn và ghi rõ lý do là thiếu dữ liệu danh mục, không phải trễ hạn thật — đây là cách hiểu của cổng
          nơi Phụ lục chưa nêu rõ. Trang Rà soát dữ liệu liệt kê các hồ sơ này để đơn vị bổ sung.
        </p>
      </section>
      <p>
        <Link href="/" className="text-blue-700 underline">
          Về trang chủ
        </Link>
      </p>
    </article>
  );
}
