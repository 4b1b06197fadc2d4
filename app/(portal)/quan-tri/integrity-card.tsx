import type { IntegrityCheck } from "@/lib/engine/verify";
import { formatCount, formatDateTime, formatDay } from "@/lib/format";

/**
 * The last integrity check (tthc verify, the nightly run): whether the portal's summary
 * tables still match every dossier. Words for an administrator; the command for the
 * technical staff who repair it.
 */
export function IntegrityCard({ check }: { check: IntegrityCheck | null }) {
  if (!check) {
    return (
      <section aria-labelledby="integrity" className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 id="integrity" className="font-medium">
          Kiểm tra tính toàn vẹn số liệu
        </h2>
        <p className="text-sm text-gray-600">
          Chưa có lần kiểm tra nào. Cổng tự kiểm tra lúc 02:00 hằng đêm số liệu của ngày hôm trước.
        </p>
      </section>
    );
  }
  const range =
    !check.rangeFrom || !check.rangeTo
      ? "toàn bộ số liệu"
      : check.rangeFrom === check.rangeTo
        ? `số liệu ngày ${formatDay(check.rangeFrom)}`
        : `số liệu từ ${formatDay(check.rangeFrom)} đến ${formatDay(check.rangeTo)}`;
  const clean = check.rollupDifferences === 0 && check.factDifferences === 0;
  const repaired = check.repaired as { rollupKeys: number; dossiers: number } | null;
  return (
    <section
      aria-labelledby="integrity"
      className={`rounded-lg border bg-white p-4 ${clean ? "border-gray-200" : "border-red-400"}`}
    >
      <h2 id="integrity" className="font-medium">
        Kiểm tra tính toàn vẹn số liệu
      </h2>
      <p className="text-sm text-gray-700">
        Lần gần nhất: {formatDateTime(check.at)} (
        {check.trigger === "nightly" ? "tự động hằng đêm" : "do cán bộ kỹ thuật chạy"}), {range}: đối chiếu{" "}
        {formatCount(check.rollupKeys)} dòng tổng hợp và {formatCount(check.dossiers)} hồ sơ.
      </p>
      {repaired ? (
        <p className="text-sm text-gray-700">
          Đã sửa {formatCount(repaired.rollupKeys)} dòng tổng hợp và tính lại {formatCount(repaired.dossiers)} hồ sơ.
        </p>
      ) : null}
      {clean ? (
        <p className="mt-1 text-sm font-medium text-green-800">
          Không có sai lệch: số liệu tổng hợp khớp với từng hồ sơ.
        </p>
      ) : (
        <div className="mt-1 text-sm text-red-800">
          <p className="font-medium">
            Có sai lệch: {formatCount(check.rollupDifferences)} dòng tổng hợp và {formatCount(check.factDifferences)} hồ
            sơ chưa khớp với dữ liệu gốc — các chỉ số đang hiển thị có thể chưa đúng.
          </p>
          <p>
            Cán bộ kỹ thuật sửa tại chỗ, không cần dừng cổng, bằng lệnh{" "}
            <code className="rounded bg-gray-100 px-1">tthc verify --portal --repair</code>.
          </p>
        </div>
      )}
    </section>
  );
}
