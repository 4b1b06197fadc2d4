/**
 * Optimistic redirects only (STYLE.md §10): a request for a portal page without a
 * session cookie goes to the login page. Every page, action and route handler still
 * checks the caller itself.
 */
import { NextResponse, type NextRequest } from "next/server";

const PROTECTED = ["/tong-quan", "/xep-hang", "/ho-so", "/canh-bao", "/ra-soat", "/ban-do", "/bao-cao", "/quan-tri"];

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (!PROTECTED.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();
  const hasSession = req.cookies.has("next-auth.session-token") || req.cookies.has("__Secure-next-auth.session-token");
  if (hasSession) return NextResponse.next();
  const login = new URL("/login", req.url);
  login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = { matcher: ["/((?!api|_next|icon.svg|favicon.ico).*)"] };
