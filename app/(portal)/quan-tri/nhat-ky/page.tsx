import type { Metadata } from "next";
import { listAudit } from "@/lib/data/audit";
import { formatDateTime } from "@/lib/format";
import { actionWord, detailWords } from "@/lib/ui/words";
import { requirePage, textParams } from "@/lib/page";

export const metadata: Metadata = { title: "Nhật ký hệ thống" };

/** Who did what and when: sign-ins, user and token changes, imports, calendar edits, resends. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { orm, caller } = await requirePage("users:manage");
  const { q } = textParams(await searchParams);
  const entries = await listAudit(orm, caller, { q });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Nhật ký hệ thống</h1>
      <form className="flex items-end gap-2 text-sm" action="/quan-tri/nhat-ky" role="search">
        <label className="flex flex-col text-xs text-gray-600">
          Tìm theo thao tác, người thực hiện, đối tượng
          <input name="q" defaultValue={q} className="rounded border border-gray-300 px-2 py-1 text-sm" />
        </label>
        <button className="rounded border border-gray-300 bg-white px-3 py-1">Tìm</button>
      </form>
      <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-gray-50 text-left">
            <tr>
              <th className="px-2 py-2">Thời điểm</th>
              <th className="px-2 py-2">Người thực hiện</th>
              <th className="px-2 py-2">Thao tác</th>
              <th className="px-2 py-2">Đối tượng</th>
              <th className="px-2 py-2">Chi tiết</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className="border-t border-gray-100 align-top">
                <td className="px-2 py-1.5 whitespace-nowrap">{formatDateTime(e.at)}</td>
                <td className="px-2 py-1.5">{e.actorLabel}</td>
                <td className="px-2 py-1.5">{actionWord(e.action)}</td>
                <td className="px-2 py-1.5">{e.targetLabel}</td>
                <td className="px-2 py-1.5 text-xs text-gray-600">
                  {detailWords(e.details as Record<string, unknown> | null)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
