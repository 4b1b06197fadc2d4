/**
 * Optimistic redirects only (STYLE.md §10): a request for a portal page without a
 * session cookie goes to the login page. Every page, action and route handler still
 * checks the caller itself. And a path that does not decode is 404 here, for pages and
 * the API alike, before Next's router fails on it.
 */
import { NextResponse, type NextRequest } from "next/server";

/** The signed-in pages (app/(portal)/*): a visitor is sent to sign in, then back (tests/security/proxy.test.ts keeps the list whole). */
const PROTECTED = [
  "/tong-quan",
  "/xep-hang",
  "/chi-so-766",
  "/quy-trinh",
  "/ho-so",
  "/can-uu-tien",
  "/canh-bao",
  "/thong-bao",
  "/ra-soat",
  "/ban-do",
  "/bao-cao",
  "/quan-tri",
];

/** Whether every segment of the path decodes (a lone "%" or "%FF%FE" made Next answer a plain-text 500). */
const decodes = (pathname: string) =>
  pathname.split("/").every((seg) => {
    try {
      decodeURIComponent(seg);
      return true;
    } catch {
      return false;
    }
  });

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (!decodes(pathname)) {
    // Such a path names nothing: the API's error envelope, or the site's 404.
    return pathname.startsWith("/api/")
      ? NextResponse.json(
          { error: { code: "not_found", message: "Không tìm thấy / Not found", details: null } },
          { status: 404 },
        )
      : new NextResponse("Không tìm thấy trang / Not found", {
          status: 404,
          headers: { "content-type": "text/plain; charset=utf-8" },
        });
  }
  if (pathname.startsWith("/api/")) return NextResponse.next();
  const hasSession = req.cookies.has("next-auth.session-token") || req.cookies.has("__Secure-next-auth.session-token");
  if (pathname === "/" && !hasSession) {
    // The public scorecard is the same for every anonymous visitor: caches and proxies may keep it a minute.
    const res = NextResponse.next();
    res.headers.set("Cache-Control", "public, max-age=60, stale-while-revalidate=300");
    res.headers.set("Vary", "Cookie");
    return withHsts(req, res);
  }
  if (!PROTECTED.some((p) => pathname === p || pathname.startsWith(`${p}/`)) || hasSession)
    return withHsts(req, NextResponse.next());
  const login = new URL("/login", req.url);
  login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return withHsts(req, NextResponse.redirect(login));
}

/** HSTS only over https (as the request or the proxy in front reports it): over plain http it would lock a demo out. */
function withHsts(req: NextRequest, res: NextResponse) {
  const https = req.nextUrl.protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
  if (https) res.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return res;
}

export const config = { matcher: ["/((?!_next|icon.svg|favicon.ico).*)"] };
