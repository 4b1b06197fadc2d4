import Link from "next/link";
import { cache } from "react";
import { PhoneMenu } from "./phone-menu";
import { getDb } from "@/lib/data/db";
import { unreadCount } from "@/lib/data/alerts";
import type { Caller } from "@/lib/data/scope";
import { allowed } from "@/lib/data/scope";
import { ADMIN_PERMISSIONS, type Permission } from "@/lib/roles";

const LINKS: Array<{ href: string; label: string; need: Permission | readonly Permission[] }> = [
  { href: "/tong-quan", label: "Tổng quan", need: "scores:read" },
  { href: "/xep-hang", label: "Bảng xếp hạng", need: "scores:read" },
  { href: "/chi-so-766", label: "Chỉ số 766", need: "scores:read" },
  { href: "/quy-trinh", label: "Quy trình xử lý", need: "scores:read" },
  { href: "/ho-so", label: "Hồ sơ", need: "dossiers:read" },
  { href: "/can-uu-tien", label: "Cần ưu tiên", need: "dossiers:read" },
  { href: "/canh-bao", label: "Cảnh báo", need: "dossiers:read" },
  { href: "/thong-bao", label: "Thông báo", need: "dossiers:read" },
  { href: "/ra-soat", label: "Rà soát dữ liệu", need: "dossiers:read" },
  { href: "/ban-do", label: "Bản đồ", need: "scores:read" },
  { href: "/bao-cao", label: "Báo cáo", need: "scores:read" },
  { href: "/quan-tri", label: "Quản trị", need: ADMIN_PERMISSIONS },
  // For those who connect systems (they hold the tokens); the page itself stays public.
  { href: "/tai-lieu-api", label: "Tài liệu API", need: "tokens:manage" },
];

const may = (caller: Caller, need: Permission | readonly Permission[]) =>
  (typeof need === "string" ? [need] : need).some((p) => allowed(caller, p));

/**
 * The menu: one row that wraps on a desktop; on a phone a "Chức năng" button that opens
 * every item in two columns (a <details>, so it works before any script runs), never a row
 * that hides items off-screen.
 */
export function PortalNav({
  caller,
  badge,
}: {
  caller: Caller;
  /** The unread count beside "Thông báo", placed for the phone's tiles or the desktop's row. */
  badge?: (place: BadgePlace) => React.ReactNode;
}) {
  const links = LINKS.filter((l) => may(caller, l.need));
  const items = (className: string, place: BadgePlace) =>
    links.map((l) => (
      <li key={l.href} className="relative flex items-center">
        <Link href={l.href} className={`${className} grow`}>
          {l.label}
        </Link>
        {/* Beside the link, not in it: the item keeps its name; the count is read after it. */}
        {l.href === "/thong-bao" && badge?.(place)}
      </li>
    ));
  return (
    <nav aria-label="Chức năng" className="no-print -mx-4 mb-4 border-b border-gray-200 bg-white px-4">
      <PhoneMenu>
        <summary className="flex cursor-pointer list-none items-center gap-2 py-2 text-sm font-medium text-gray-800">
          <span aria-hidden="true" className="text-lg leading-none">
            ☰
          </span>{" "}
          Chức năng
        </summary>
        <ul className="grid grid-cols-2 gap-1 pb-3 text-sm">
          {items("block rounded border border-gray-200 px-3 py-3 text-gray-800 hover:bg-gray-50", "tile")}
        </ul>
      </PhoneMenu>
      <ul className="hidden flex-wrap gap-1 text-sm md:flex">
        {items("inline-block px-3 py-2 text-gray-700 hover:text-red-700", "row")}
      </ul>
    </nav>
  );
}

type BadgePlace = "tile" | "row";
/** On a phone's tile, on its corner (the tile keeps its width); in the desktop's row, after the link. */
const BADGE_PLACE: Record<BadgePlace, string> = { tile: "absolute -top-2 right-1", row: "-ml-2 mr-1" };

/** One count per request, however many menus show it. */
const unreadOnce = cache(async (caller: Caller) => unreadCount((await getDb()).orm, caller));

/**
 * The unread count beside "Thông báo", streamed on its own (in a Suspense boundary): the
 * menu and the page never wait on it, even when the embedded database is busy with a
 * heavy figure queued before it.
 */
export async function UnreadBadge({ caller, place }: { caller: Caller; place: BadgePlace }) {
  const unread = await unreadOnce(caller);
  if (unread === 0) return null;
  return (
    <span
      className={`${BADGE_PLACE[place]} rounded-full bg-red-700 px-1.5 text-xs font-semibold text-white`}
      aria-label={`${unread} thông báo chưa đọc`}
      data-unread-count={unread}
    >
      {unread > 99 ? "99+" : unread}
    </span>
  );
}
