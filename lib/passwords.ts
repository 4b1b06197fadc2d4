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

/** A password handed over once (reset, first administrator): 12 random characters. */
export const randomPassword = () => crypto.randomBytes(9).toString("base64url");
