import Link from "next/link";
import type { Caller } from "@/lib/data/scope";
import { allowed } from "@/lib/data/scope";
import { ADMIN_PERMISSIONS, type Permission } from "@/lib/roles";

const LINKS: Array<{ href: string; label: string; need: Permission | readonly Permission[] }> = [
  { href: "/tong-quan", label: "Tổng quan", need: "scores:read" },
  { href: "/xep-hang", label: "Bảng xếp hạng", need: "scores:read" },
  { href: "/chi-so-766", label: "Chỉ số 766", need: "scores:read" },
  { href: "/ho-so", label: "Hồ sơ", need: "dossiers:read" },
  { href: "/canh-bao", label: "Cảnh báo", need: "dossiers:read" },
  { href: "/ra-soat", label: "Rà soát dữ liệu", need: "dossiers:read" },
  { href: "/ban-do", label: "Bản đồ", need: "scores:read" },
  { href: "/bao-cao", label: "Báo cáo", need: "scores:read" },
  { href: "/quan-tri", label: "Quản trị", need: ADMIN_PERMISSIONS },
  { href: "/tai-lieu-api", label: "Tài liệu API", need: "scores:read" },
];

const may = (caller: Caller, need: Permission | readonly Permission[]) =>
  (typeof need === "string" ? [need] : need).some((p) => allowed(caller, p));

export function PortalNav({ caller }: { caller: Caller }) {
  return (
    <nav aria-label="Chức năng" className="no-print -mx-4 mb-4 overflow-x-auto border-b border-gray-200 bg-white px-4">
      <ul className="flex gap-1 whitespace-nowrap text-sm">
        {LINKS.filter((l) => may(caller, l.need)).map((l) => (
          <li key={l.href}>
            <Link href={l.href} className="inline-block px-3 py-2 text-gray-700 hover:text-red-700">{l.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
