import Link from "next/link";
import type { Period } from "@/lib/method/period";
import { periodLabel, presets, qs } from "@/lib/ui/period";

/** The period picker: presets and a custom range, all in the URL (works without JavaScript). */
export function PeriodPicker({
  path,
  period,
  keep = {},
}: {
  path: string;
  period: Period;
  keep?: Record<string, string | undefined>;
}) {
  return (
    <div className="no-print flex flex-wrap items-end gap-2 text-sm" aria-label="Chọn kỳ báo cáo">
      <span className="mr-1 font-medium">Kỳ: {periodLabel(period)}</span>
      {presets().map((p) => (
        <Link
          key={p.label}
          href={`${path}${qs({ ...keep, from: p.from, to: p.to })}`}
          className={`rounded border px-2 py-1 ${p.from === period.from && p.to === period.to ? "border-red-700 bg-red-50 text-red-800" : "border-gray-300 bg-white hover:bg-gray-100"}`}
        >
          {p.label}
        </Link>
      ))}
      <form action={path} className="flex flex-wrap items-end gap-1">
        {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
        <label className="flex flex-col text-xs text-gray-600">
          Từ ngày
          <input
            type="date"
            name="from"
            defaultValue={period.from}
            className="rounded border border-gray-300 px-1 py-0.5 text-sm"
          />
        </label>
        <label className="flex flex-col text-xs text-gray-600">
          Đến ngày
          <input
            type="date"
            name="to"
            defaultValue={period.to}
            className="rounded border border-gray-300 px-1 py-0.5 text-sm"
          />
        </label>
        <button className="rounded border border-gray-300 bg-white px-2 py-1 hover:bg-gray-100">Xem</button>
      </form>
    </div>
  );
}
