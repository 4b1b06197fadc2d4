/**
 * Who is calling an API route: an API token (Authorization: Bearer, or the DVCQG
 * envelope's `session`), else a signed-in user's session cookie, else nobody.
 */
import { decode } from "next-auth/jwt";
import type { Orm } from "@/db";
import { authSecret } from "@/lib/auth/secret";
import type { Caller } from "@/lib/data/scope";
import { callerFromToken } from "@/lib/data/tokens";
import { callerFromUserId } from "@/lib/data/users";
import { decodeSegment } from "@/lib/format";
import { ApiError } from "./errors";
import { callerKey, takeRate } from "./limits";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function cookie(req: Request, name: string): string | null {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeSegment(part.slice(i + 1).trim());
  }
  return null;
}

export function bearerToken(req: Request): string | null {
  const h = req.headers.get("authorization");
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m ? m[1] : null;
}

/** Whether the request carries a credential at all (a token, or a session cookie). */
export function hasCredentials(req: Request): boolean {
  return bearerToken(req) !== null || SESSION_COOKIES.some((n) => cookie(req, n) !== null);
}

/**
 * The caller, or null when the request carries no valid credential. A bad token is refused.
 * A caller, once known, is charged one read (lib/api/limits.ts) before anything else is
 * checked, so that its refused requests count against it too.
 */
export async function requestCaller(orm: Orm, req: Request, bodyToken?: string | null): Promise<Caller | null> {
  const token = bearerToken(req) ?? bodyToken ?? null;
  if (token) {
    const c = await callerFromToken(orm, token);
    if (!c)
      throw new ApiError("unauthorized", "Mã truy cập không hợp lệ hoặc đã bị thu hồi", "Invalid or revoked API token");
    takeRate("read", callerKey(req, c));
    return c;
  }
  for (const name of SESSION_COOKIES) {
    const value = cookie(req, name);
    if (!value) continue;
    const jwt = await decode({ token: value, secret: authSecret() }).catch(() => null);
    const uid = jwt?.uid;
    if (typeof uid !== "number") continue;
    const caller = await callerFromUserId(orm, uid, typeof jwt?.sv === "number" ? jwt.sv : 0);
    if (caller) takeRate("read", callerKey(req, caller));
    if (caller?.kind === "user" && caller.mustChangePassword) {
      throw new ApiError(
        "forbidden",
        "Cần đổi mật khẩu trước khi dùng cổng (trang Đổi mật khẩu)",
        "Change your password first (the Đổi mật khẩu page)",
      );
    }
    // A cookie rides along with any request a browser makes: a write must come from this site's own pages.
    if (caller && req.method !== "GET" && req.method !== "HEAD" && !sameOrigin(req)) {
      throw new ApiError(
        "forbidden",
        "Yêu cầu không xuất phát từ trang của cổng",
        "The request did not come from the portal's own pages",
      );
    }
    return caller;
  }
  return null;
}

/** The caller, or 401. */
export async function requireCaller(orm: Orm, req: Request, bodyToken?: string | null): Promise<Caller> {
  const c = await requestCaller(orm, req, bodyToken);
  if (!c)
    throw new ApiError(
      "unauthorized",
      "Cần đăng nhập hoặc mã truy cập (Bearer)",
      "Sign-in or an API token (Bearer) is required",
    );
  return c;
}

/**
 * Origin (or, without it, Referer) names this request's own host — as the browser
 * reached it (Host, or X-Forwarded-Host behind a proxy that rewrites Host; a cross-site
 * page cannot add that header without a CORS preflight this API never grants).
 */
function sameOrigin(req: Request): boolean {
  const from = req.headers.get("origin") ?? req.headers.get("referer");
  if (!from) return false;
  try {
    const host = new URL(from).host;
    return [req.headers.get("host"), req.headers.get("x-forwarded-host"), new URL(req.url).host].includes(host);
  } catch {
    return false;
  }
}
