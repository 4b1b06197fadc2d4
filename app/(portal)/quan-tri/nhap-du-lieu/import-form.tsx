"use client";
import { useState } from "react";

interface Report {
  kind: string;
  dryRun: boolean;
  rows: number;
  valid: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: Array<{ line: number; field: string; vi: string; en: string }>;
}

const KINDS: Record<string, string> = {
  donvi: "Đơn vị (donvi)",
  thutuc: "Thủ tục (thutuc)",
  thamquyen: "Thẩm quyền (thamquyen)",
  lich: "Lịch (lich)",
  pakn: "Phản ánh, kiến nghị (pakn)",
  baocao: "Số liệu báo cáo (baocao)",
};

/** Upload a CSV or XLSX file: first a dry run listing every change and error, then apply. */
export function ImportForm() {
  const [kind, setKind] = useState("thutuc");
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function send(dryRun: boolean) {
    if (!file) return;
    setPending(true);
    setError(null);
    const form = new FormData();
    form.set("file", file);
    const res = await fetch(`/api/v1/import/${kind}${dryRun ? "?dryRun=1" : ""}`, { method: "POST", body: form });
    const json = await res.json();
    setPending(false);
    if (!res.ok) {
      setReport(null);
      // The API speaks both languages ("vi / en"); the page speaks Vietnamese.
      setError((json.error?.message ?? "Lỗi không xác định").split(" / ")[0]);
      return;
    }
    setReport(json);
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-xs">
          Loại dữ liệu
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setReport(null);
            }}
            className="rounded border border-gray-300 px-2 py-1 text-sm"
          >
            {Object.entries(KINDS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs">
          Tệp CSV hoặc Excel (.xlsx)
          <input
            type="file"
            accept=".csv,.xlsx,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
            }}
            className="text-sm"
          />
        </label>
        <button
          type="button"
          disabled={!file || pending}
          onClick={() => send(true)}
          className="rounded border border-gray-300 bg-white px-3 py-1.5 text-sm disabled:opacity-50"
        >
          Kiểm tra (chưa ghi)
        </button>
        <button
          type="button"
          disabled={!file || pending || !report?.dryRun}
          onClick={() => send(false)}
          className="rounded bg-red-700 px-3 py-1.5 text-sm text-white disabled:opacity-50"
        >
          Ghi các dòng hợp lệ
        </button>
      </div>
      <div aria-live="polite">
        {error && <p className="text-sm text-red-700">{error}</p>}
        {report && (
          <div className="rounded-lg border border-gray-200 bg-white p-3 text-sm" data-report>
            <p className="font-medium">
              {report.dryRun ? "Kết quả kiểm tra (chưa ghi):" : "Đã ghi:"} {report.rows} dòng — {report.valid} hợp lệ:
              thêm mới {report.inserted}, sửa {report.updated}, giữ nguyên {report.unchanged}; {report.errors.length}{" "}
              lỗi.
            </p>
            {report.errors.length > 0 && (
              <ul className="mt-2 list-disc pl-5 text-red-700">
                {report.errors.slice(0, 200).map((e, i) => (
                  <li key={i}>
                    Dòng {e.line}, cột {e.field}: {e.vi}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
