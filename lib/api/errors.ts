/**
 * One error envelope for every route (STYLE.md §6): `{ error: { code, message, details } }`
 * with a code → status map. Never a stack trace; never a 500 for bad input.
 */
import { NextResponse } from "next/server";
import { ForbiddenError, fromDatabaseError, logUnexpected, NotFoundError, RuleError } from "@/lib/errors";

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  unprocessable: 422,
  too_many_requests: 429,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly vi: string,
    readonly en: string,
    readonly details?: unknown,
  ) {
    super(`${vi} / ${en}`);
  }
}

export function errorResponse(code: ErrorCode, message: string, details?: unknown, headers?: HeadersInit) {
  return NextResponse.json(
    { error: { code, message, details: details ?? null } },
    { status: ERROR_STATUS[code], headers },
  );
}

/** Maps anything thrown in a handler to the envelope; unknown errors are logged, not shown. */
export function toErrorResponse(e: unknown) {
  if (e instanceof ApiError) {
    // 429 says when to come back (lib/api/limits.ts).
    const retry =
      e.code === "too_many_requests" ? (e.details as { retryAfter?: number } | undefined)?.retryAfter : undefined;
    return errorResponse(e.code, e.message, e.details, retry ? { "Retry-After": String(retry) } : undefined);
  }
  if (e instanceof NotFoundError) return errorResponse("not_found", e.message);
  if (e instanceof ForbiddenError) return errorResponse("forbidden", e.message);
  const rule = e instanceof RuleError ? e : fromDatabaseError(e);
  if (rule) return errorResponse("unprocessable", rule.message, rule.details);
  logUnexpected("api", e);
  return errorResponse("internal", "Lỗi hệ thống / Internal error");
}
