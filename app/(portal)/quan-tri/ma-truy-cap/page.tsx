import type { Metadata } from "next";
import { listTokens } from "@/lib/data/tokens";
import { unitsForCaller } from "@/lib/data/unit-list";
import { formatDateTime } from "@/lib/format";
import { requirePage } from "@/lib/page";
import { ActionForm } from "../../../_components/action-form";
import { createTokenAction, revokeTokenAction } from "../actions";

export const metadata: Metadata = { title: "Mã truy cập API" };

export default async function TokensPage() {
  const { orm, caller } = await requirePage("tokens:manage");
  const [tokens, units] = await Promise.all([listTokens(orm, caller), unitsForCaller(orm, caller)]);
  const unitName = new Map(units.map((u) => [u.code, u.name]));
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">Mã truy cập API</h1>
      <p className="text-sm text-gray-600">
        Mỗi mã chỉ đọc và đồng bộ dữ liệu của một đơn vị và các đơn vị trực thuộc. Mã chỉ hiển thị một lần khi tạo; hệ
        thống chỉ lưu bản băm.
      </p>
      <section className="rounded-lg border border-gray-200 bg-white p-4">
        <ActionForm action={createTokenAction} submit="Tạo mã" className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col text-xs">
            Tên gợi nhớ
            <input name="name" required className="rounded border border-gray-300 px-2 py-1 text-sm" />
          </label>
          <label className="flex flex-col text-xs">
            Đơn vị
            <select name="unitCode" className="rounded border border-gray-300 px-2 py-1 text-sm">
              {units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        </ActionForm>
      </section>
      <table className="min-w-full rounded-lg border border-gray-200 bg-white text-sm">
        <thead className="bg-gray-50 text-left">
          <tr>
            <th className="px-2 py-2">Tên</th>
            <th className="px-2 py-2">Đơn vị</th>
            <th className="px-2 py-2">Tạo lúc</th>
            <th className="px-2 py-2">Dùng lần cuối</th>
            <th className="px-2 py-2"></th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} className="border-t border-gray-100">
              <td className="px-2 py-1.5">{t.name}</td>
              <td className="px-2 py-1.5">{unitName.get(t.unitCode) ?? t.unitCode}</td>
              <td className="px-2 py-1.5">{formatDateTime(t.createdAt)}</td>
              <td className="px-2 py-1.5">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Chưa dùng"}</td>
              <td className="px-2 py-1.5">
                {t.revokedAt ? (
                  <span className="text-gray-500">Đã thu hồi</span>
                ) : (
                  <ActionForm action={revokeTokenAction} submit="Thu hồi" confirm="Thu hồi mã này?">
                    <input type="hidden" name="id" value={t.id} />
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
