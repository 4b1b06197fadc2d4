import type { Metadata } from "next";

export const metadata: Metadata = { title: "Tài liệu API" };

const code = "block overflow-x-auto rounded bg-gray-900 p-3 font-mono text-xs text-gray-100";

/** The API, explained in Vietnamese; the machine-readable form is /api/v1/openapi.json. */
export default function ApiDocsPage() {
  return (
    <article className="prose-sm max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">Tài liệu API</h1>
      <p>
        Cổng nhận dữ liệu theo đúng định dạng các hệ thống một cửa điện tử đang đồng bộ lên Cổng Dịch vụ công quốc gia
        (dịch vụ <code>DongBoHoSoMC</code> và <code>CapNhatTienDoHoSoMC</code>), nên chỉ cần đổi địa chỉ nhận, không
        phải ánh xạ lại trường dữ liệu. Tài liệu máy đọc:{" "}
        <a className="text-blue-700 underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>{" "}
        (OpenAPI 3.1).
      </p>
      <h2 className="text-lg font-semibold">Xác thực</h2>
      <p>
        Mỗi đơn vị dùng một mã truy cập do quản trị viên cấp (mục Quản trị → Mã truy cập API). Gửi trong tiêu đề{" "}
        <code>Authorization: Bearer &lt;mã&gt;</code>, hoặc trong trường <code>session</code> của phong bì như hệ thống
        cũ vẫn gửi. Mã chỉ được ghi và đọc dữ liệu của đơn vị mình và các đơn vị trực thuộc.
      </p>
      <h2 className="text-lg font-semibold">
        Đồng bộ hồ sơ: <code>POST /api/v1/sync</code>
      </h2>
      <pre className={code}>{`curl -X POST https://<cổng>/api/v1/sync \\
  -H "Authorization: Bearer tthc_..." -H "Content-Type: application/json" \\
  -d '{"service":"DongBoHoSoMC","isUpdating":"False","madonvi":"000.03.00.H56","data":[
        {"MaHoSo":"H56.2026.000001","MaTTHC":"1.004000","KenhThucHien":"2","TrangThaiHoSo":"2",
         "NgayTiepNhan":"20261125090000","DanhSachLePhi":[],
         "QuaTrinhXuLy":[{"TrangThai":"2","ThoiDiemXuLy":"20261125090000"}]}]}'`}</pre>
      <ul className="list-disc pl-5">
        <li>
          Tối đa 5.000 bản ghi mỗi lần. Ngày giờ dạng <code>yyyyMMddHHmmss</code> (giờ Việt Nam) hoặc ISO 8601.
        </li>
        <li>
          Mỗi bản ghi được kiểm tra riêng: bản ghi sai bị từ chối kèm tên trường và lý do (tiếng Việt và tiếng Anh), các
          bản ghi đúng vẫn được ghi. Bản ghi bị từ chối được lưu lại để sửa và gửi lại (mục Rà soát dữ liệu).
        </li>
        <li>Gửi lại cùng dữ liệu không làm thay đổi gì; lần gửi sau cập nhật hồ sơ và thêm các bước xử lý mới.</li>
        <li>
          Kết quả giữ dạng của Cổng DVCQG (<code>error_code</code>, <code>message</code>) và thêm <code>results</code>{" "}
          cho từng bản ghi. Chỉ khi mọi bản ghi được nhận, <code>message</code> mới có chữ “thành công”.
        </li>
      </ul>
      <h2 className="text-lg font-semibold">
        Đọc chỉ số: <code>GET /api/v1/indicators</code>
      </h2>
      <pre
        className={code}
      >{`GET /api/v1/indicators?from=2026-10-01&to=2026-10-31&by=agency&parent=000.00.00.H56`}</pre>
      <p>
        Tham số <code>by</code>: <code>all</code>, <code>agency</code>, <code>area</code>, <code>procedure</code>,{" "}
        <code>field</code>; lọc theo <code>unit</code>, <code>area</code>, <code>procedure</code>, <code>field</code>.
        Kết quả giống hệt lệnh <code>tthc evaluate --json</code>.
      </p>
      <p>
        Thêm <code>profile=766</code> để mỗi dòng có <code>index766</code>: tổng điểm Chỉ số 766 (thang 100), xếp loại,
        hạng trong các đơn vị cùng cấp và từng chỉ số của năm nhóm với tỷ lệ, số đạt, tổng số, ngưỡng và điểm; theo thủ
        tục (<code>by=procedure</code>) là thời gian giải quyết bình quân. Cấu trúc đầy đủ trong tài liệu OpenAPI (
        <code>Index766</code>). Tệp Excel <code>/api/v1/reports/scorecard.xlsx?profile=766</code> có thêm các trang tính
        của Chỉ số 766.
      </p>
      <h2 className="text-lg font-semibold">
        Giải thích một hồ sơ: <code>GET /api/v1/dossiers/&#123;MaHoSo&#125;/explain</code>
      </h2>
      <p>
        Cho biết thời điểm bắt đầu, kết thúc, thời hạn, thời gian xử lý, kết luận và điều khoản của phương pháp đã áp
        dụng; trường <code>i766</code> cho kết luận theo Chỉ số 766 (quy tắc áp dụng, thời điểm kết thúc, số lần và thời
        gian chờ bổ sung).
      </p>
      <h2 className="text-lg font-semibold">Lỗi</h2>
      <p>
        Mọi lỗi có dạng <code>{`{ "error": { "code", "message", "details" } }`}</code> với mã HTTP 400, 401, 403, 404,
        413, 422, 429 hoặc 500; lỗi từng trường nằm trong <code>details</code>.
      </p>
      <h2 className="text-lg font-semibold">Hạn mức</h2>
      <p>
        Mỗi phản hồi cho biết hạn mức còn lại của mã truy cập hoặc người dùng: <code>RateLimit-Limit</code> (số yêu cầu
        dồn được), <code>RateLimit-Remaining</code> (còn lại lúc này), <code>RateLimit-Reset</code> (số giây đến khi đầy
        lại). Quá hạn mức: mã 429 kèm <code>Retry-After</code> (số giây nên chờ). Yêu cầu không có mã truy cập, hoặc có
        mã sai, được tính theo địa chỉ gửi.
      </p>
    </article>
  );
}
