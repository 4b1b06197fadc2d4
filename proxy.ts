/**
 * Optimistic redirects only (STYLE.md §10): a request for a portal page without a
 * session cookie goes to the login page. Every page, action and route handler still
 * checks the caller itself.
 */
import { NextResponse, type NextRequest } from "next/server";

const PROTECTED = ["/tong-quan", "/xep-hang", "/ho-so", "/canh-bao", "/ra-soat", "/ban-do", "/bao-cao", "/quan-tri"];

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const hasSession = req.cookies.has("next-auth.session-token") || req.cookies.has("__Secure-next-auth.session-token");
  if (pathname === "/" && !hasSession) {
    // The public scorecard is the same for every anonymous visitor: caches and proxies may keep it a minute.
    const res = NextResponse.next();
    res.headers.set("Cache-Control", "public, max-age=60, stale-while-revalidate=300");
    res.headers.set("Vary", "Cookie");
    return withHsts(req, res);
  }
  if (!PROTECTED.some((p) => pathname === p || pathname.startsWith(`${p}/`)) || hasSession) return withHsts(req, NextResponse.next());
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

export const config = { matcher: ["/((?!api|_next|icon.svg|favicon.ico).*)"] };
