import Link from "next/link";
import { formatCount } from "@/lib/format";
import type { Period } from "@/lib/method/period";
import { qs } from "@/lib/ui/period";

/** The head of a list behind a 766 indicator: back to the index, the counts, and the toggle between missed and all. */
export function RecordsHeader({ period, unit, title, about, counted, total, noun, all, toggle }: {
  period: Period; unit: { code: string; name: string } | null; title: string; about: string;
  counted: number; total: number; noun: string; all: boolean; toggle: string;
}) {
  return (
    <div className="space-y-2">
      <p className="text-sm"><Link className="text-blue-700 underline" href={`/chi-so-766${qs({ from: period.from, to: period.to, unit: unit?.code })}`}>‹ Chỉ số 766{unit ? ` — ${unit.name}` : ""}</Link></p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-sm text-gray-600">{about}</p>
      <p data-counts766>
        Đạt <strong className="tabular-nums">{formatCount(counted)}</strong> / <strong className="tabular-nums">{formatCount(total)}</strong> {noun};
        {" "}không đạt <strong className="tabular-nums">{formatCount(total - counted)}</strong>.
        {" "}<Link className="text-blue-700 underline" href={toggle}>{all ? `Chỉ xem ${noun} không đạt` : `Xem tất cả ${noun}`}</Link>
      </p>
    </div>
  );
}

export function Pager({ page, pages, href }: { page: number; pages: number; href: (n: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav className="flex items-center gap-2 text-sm" aria-label="Trang">
      {page > 1 && <Link className="rounded border px-2 py-1" href={href(page - 1)}>‹ Trước</Link>}
      <span>Trang {page}/{pages}</span>
      {page < pages && <Link className="rounded border px-2 py-1" href={href(page + 1)}>Sau ›</Link>}
    </nav>
  );
}
