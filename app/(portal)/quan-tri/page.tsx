import type { Metadata } from "next";
import Link from "next/link";
import { allowed } from "@/lib/data/scope";
import { ADMIN_PERMISSIONS, type Permission } from "@/lib/roles";
import { requirePage } from "@/lib/page";
import { lastIntegrityCheck } from "@/lib/data/integrity";
import { IntegrityCard } from "./integrity-card";
import { deliveryState } from "@/lib/data/alerts";
import { formatCount, formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Quản trị" };

const ITEMS: Array<{ href: string; title: string; text: string; need: Permission }> = [
  {
    href: "/quan-tri/nguoi-dung",
    title: "Người dùng",
    text: "Tạo tài khoản, khoá, đặt lại mật khẩu, đổi vai trò và đơn vị.",
    need: "users:manage",
  },
  {
    href: "/quan-tri/ma-truy-cap",
    title: "Mã truy cập API",
    text: "Cấp và thu hồi mã cho hệ thống một cửa đồng bộ dữ liệu.",
    need: "tokens:manage",
  },
  {
    href: "/quan-tri/nhap-du-lieu",
    title: "Nhập dữ liệu danh mục",
    text: "Đơn vị, thủ tục, thẩm quyền, lịch, PAKN, số liệu báo cáo từ CSV/Excel.",
    need: "imports:write",
  },
  {
    href: "/quan-tri/lich",
    title: "Lịch ngày làm việc",
    text: "Ngày nghỉ lễ, nghỉ bù, làm bù; thay đổi sẽ tính lại hạn xử lý hồ sơ.",
    need: "calendar:write",
  },
  {
    href: "/quan-tri/nhat-ky",
    title: "Nhật ký hệ thống",
    text: "Đăng nhập, thay đổi người dùng, mã truy cập, nhập dữ liệu, lịch, gửi lại hồ sơ.",
    need: "users:manage",
  },
  { href: "/tai-lieu-api", title: "Tài liệu API", text: "Đồng bộ hồ sơ, đọc chỉ số, OpenAPI.", need: "scores:read" },
];

export default async function AdminPage() {
  // Leaders and viewers administer nothing: the page does not exist for them.
  const { orm, caller } = await requirePage(ADMIN_PERMISSIONS);
  const check = allowed(caller, "users:manage") ? await lastIntegrityCheck(orm, caller) : undefined;
  const delivery = allowed(caller, "users:manage") ? await deliveryState(orm, caller) : [];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Quản trị</h1>
      {/* Differences come first (on a phone, before the menu); a clean check after it. */}
      {check && (check.rollupDifferences > 0 || check.factDifferences > 0) ? <IntegrityCard check={check} /> : null}
      <ul className="grid gap-3 sm:grid-cols-2">
        {ITEMS.filter((i) => allowed(caller, i.need)).map((i) => (
          <li key={i.href}>
            <Link href={i.href} className="block rounded-lg border border-gray-200 bg-white p-4 hover:border-red-300">
              <p className="font-medium">{i.title}</p>
              <p className="text-sm text-gray-600">{i.text}</p>
            </Link>
          </li>
        ))}
      </ul>
      {check !== undefined && !(check && (check.rollupDifferences > 0 || check.factDifferences > 0)) ? (
        <IntegrityCard check={check} />
      ) : null}
      {delivery.length > 0 && (
        <section aria-label="Gửi thông báo" className="rounded-lg border border-gray-200 bg-white p-4" data-delivery>
          <h2 className="text-lg font-semibold">Gửi thông báo qua thư điện tử và webhook</h2>
          <ul className="mt-2 space-y-1 text-sm">
            {delivery.map((d) => (
              <li key={d.channel}>
                <span className="font-medium">{d.channel === "email" ? "Thư điện tử" : "Webhook"}:</span> đã gửi{" "}
                {formatCount(d.sent)}, đang chờ {formatCount(d.pending)}, không gửi được {formatCount(d.failed)}
                {d.errors.map((e, i) => (
                  <span key={i} className="block text-xs text-red-700">
                    {formatDateTime(e.at)} — lần thử {e.attempts}: {e.error.split(" / ")[0]}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
