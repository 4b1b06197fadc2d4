import type { Metadata, Viewport } from "next";
import Link from "next/link";
import "./globals.css";
import { currentCaller } from "@/lib/auth/session";
import { Suspense } from "react";
import { PortalNav, UnreadBadge } from "./_components/portal-nav";
import { UserMenu } from "./_components/user-menu";

export const metadata: Metadata = {
  title: { default: "Chỉ số TTHC", template: "%s · Chỉ số TTHC" },
  description: "Theo dõi, đánh giá việc giải quyết thủ tục hành chính bằng dữ liệu, theo thời gian thực",
};
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The portal's menu on every page a signed-in user opens, public ones included.
  const caller = await currentCaller();
  const menu = caller && !(caller.kind === "user" && caller.mustChangePassword);
  return (
    <html lang="vi">
      <body>
        <header className="no-print border-b border-red-800 bg-red-700 text-white">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
            <Link href="/" className="font-semibold tracking-tight">
              Chỉ số TTHC{" "}
              <span className="hidden font-normal text-red-100 sm:inline">
                · Theo dõi, đánh giá giải quyết thủ tục hành chính
              </span>
            </Link>
            <UserMenu />
          </div>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">
          {menu && (
            <PortalNav
              caller={caller}
              badge={(place) => (
                <Suspense fallback={null}>
                  <UnreadBadge caller={caller} place={place} />
                </Suspense>
              )}
            />
          )}
          {children}
        </main>
        <footer className="no-print mx-auto max-w-6xl px-4 pb-8 text-xs text-gray-500">
          Phương pháp tính theo Phụ lục Công văn 200/VPCP-KSTT ngày 10/01/2022 của Văn phòng Chính phủ.
        </footer>
      </body>
    </html>
  );
}
