/** Password hashing, in one place: bcrypt at one cost for every account. */
import crypto from "node:crypto";
import bcrypt from "bcryptjs";

export const BCRYPT_ROUNDS = 12;
export const MIN_PASSWORD_LENGTH = 10;

export const hashPassword = (password: string) => bcrypt.hash(password, BCRYPT_ROUNDS);

let absent: Promise<string> | undefined;
/**
 * Checks a password against a stored hash; with no hash (an unknown username) it
 * checks against a hash of nothing anyone types, so that both take the same time.
 */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  absent ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  const ok = await bcrypt.compare(password, hash ?? (await absent));
  return ok && hash != null;
}

/**
 * The password rule (as the national guidance on information security asks of accounts
 * of state systems): at least 10 characters, three of the four kinds (lower case, upper
 * case, digits, other signs; Vietnamese letters count as letters), not containing the
 * username, not a common password or a common word with digits and signs around it.
 * Returns what is wrong, or null.
 */
export function passwordProblem(password: string, username?: string | null): { vi: string; en: string } | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { vi: `Mật khẩu tối thiểu ${MIN_PASSWORD_LENGTH} ký tự`, en: `At least ${MIN_PASSWORD_LENGTH} characters` };
  }
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((k) => k.test(password)).length;
  if (kinds < 3) {
    return {
      vi: "Mật khẩu cần ít nhất 3 trong 4 loại: chữ thường, chữ hoa, chữ số, ký hiệu",
      en: "Use at least 3 of: lower case, upper case, digits, signs",
    };
  }
  const lower = password.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) {
    return { vi: "Mật khẩu không được chứa tên đăng nhập", en: "The password must not contain the username" };
  }
  const core = lower.normalize("NFD").replace(/[^a-z]/g, "");
  if (
    COMMON.has(lower) ||
    COMMON_WORDS.has(core) ||
    /^(.)\1+$/.test(lower) ||
    /^(0123456789|1234567890|9876543210)/.test(lower)
  ) {
    return { vi: "Mật khẩu quá phổ biến, dễ đoán", en: "The password is too common" };
  }
  return null;
}
const COMMON = new Set([
  "password123",
  "password1!",
  "123456789a",
  "1234567890a",
  "qwerty123!",
  "abc@123456",
  "admin@12345",
  "matkhau@123",
]);
/** Words that, with digits and signs around them, make the most tried passwords (the Vietnamese ones included). */
const COMMON_WORDS = new Set([
  "password",
  "passw",
  "pass",
  "admin",
  "administrator",
  "qwerty",
  "qwertyuiop",
  "asdfgh",
  "zxcvbn",
  "abc",
  "abcd",
  "abcdef",
  "iloveyou",
  "letmein",
  "welcome",
  "monkey",
  "dragon",
  "master",
  "login",
  "user",
  "test",
  "demo",
  "changeme",
  "secret",
  "matkhau",
  "matkhaumoi",
  "anhyeuem",
  "emyeuanh",
  "yeuem",
  "vietnam",
  "hanoi",
  "saigon",
  "hochiminh",
  "quantri",
  "canbo",
]);

/** A password handed over once (reset, first administrator): 12 random characters that keep the rule. */
export function randomPassword(): string {
  for (;;) {
    const p = crypto.randomBytes(9).toString("base64url");
    if (!passwordProblem(p)) return p;
  }
}
