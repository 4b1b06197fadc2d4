/**
 * The errors the portal tells its users about, each with its reason in Vietnamese and
 * English. The edges (route handlers, server actions, the CLI) map them; anything else
 * is a bug, logged and answered generically.
 */

/** Input that breaks a rule: answered 422 with the reason. */
export class RuleError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
    readonly details?: unknown,
  ) {
    super(`${vi} / ${en}`);
  }
}

/** The caller may not do this; the reason is shown (it names nothing the caller may not see). */
export class ForbiddenError extends Error {
  constructor(
    readonly vi = "Không có quyền thực hiện thao tác này",
    readonly en = "Forbidden",
  ) {
    super(`${vi} / ${en}`);
  }
}

/**
 * Missing, or outside the caller's scope: always the same words, so that whether a
 * unit or dossier exists never leaks.
 */
export class NotFoundError extends Error {
  readonly vi = "Không tìm thấy (hoặc ngoài phạm vi của bạn)";
  readonly en = "Not found";
  constructor() {
    super("Không tìm thấy / Not found");
  }
}

/**
 * A bug, logged for the operator without what it was about: never a record, a query or
 * its parameters (a driver's error message quotes them), only the kind and the reason.
 */
export function logUnexpected(where: string, e: unknown): void {
  const err = e as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  const reason =
    err?.cause?.message ?? (err?.message ?? String(e)).split("\n")[0].replace(/^Failed query:.*$/s, "query failed");
  console.error(
    `[${where}] ${err?.name ?? "Error"}${(err?.cause?.code ?? err?.code) ? ` ${err?.cause?.code ?? err?.code}` : ""}: ${reason.slice(0, 300)}`,
  );
}

/**
 * A database refusal caused by the input (PostgreSQL SQLSTATE), as a RuleError; null
 * for anything else. The constraint's name is kept out of the message.
 */
export function fromDatabaseError(e: unknown): RuleError | null {
  const err = e as { code?: string; cause?: { code?: string } };
  const code = err?.cause?.code ?? err?.code;
  switch (code) {
    case "23505":
      return new RuleError("Đã tồn tại (trùng mã hoặc tên)", "Already exists (duplicate key)");
    case "23503":
      return new RuleError("Mã tham chiếu không tồn tại", "A referenced code does not exist");
    case "23514":
      return new RuleError("Giá trị không thuộc danh sách cho phép", "A value is outside the allowed set");
    case "22003":
      return new RuleError("Số quá lớn", "A number is out of range");
    case "22008":
      return new RuleError("Ngày giờ ngoài khoảng cho phép", "A date or time is out of range");
    case "22001":
      return new RuleError("Chuỗi quá dài", "A text value is too long");
    case "54001":
      return new RuleError("Dữ liệu lồng nhau quá sâu", "Data nested too deeply");
    default:
      return null;
  }
}
