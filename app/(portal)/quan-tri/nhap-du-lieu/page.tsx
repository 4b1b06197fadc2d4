import type { Metadata } from "next";
import { REFERENCE_KINDS } from "@/lib/ingest/reference";
import { requirePage } from "@/lib/page";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Nhập dữ liệu danh mục" };

export default async function ImportPage() {
  await requirePage("imports:write");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Nhập dữ liệu danh mục</h1>
      <p className="text-sm text-gray-600">
        Tệp CSV (UTF-8, dòng tiêu đề) hoặc Excel với đúng các cột dưới đây. Bước kiểm tra cho biết những gì sẽ thay đổi
        và mọi dòng lỗi trước khi ghi.
      </p>
      <ImportForm />
      <dl className="grid gap-1 rounded-lg border border-gray-200 bg-white p-3 text-xs sm:grid-cols-[max-content_1fr]">
        {Object.entries(REFERENCE_KINDS).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-mono font-medium">{k}</dt>
            <dd className="font-mono text-gray-700">
              {v.columns.join(", ")}
              {v.optional && (
                <span className="block font-sans text-gray-600">
                  Cột tùy chọn cho Chỉ số 766: <span className="font-mono">{v.optional.join(", ")}</span>
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
