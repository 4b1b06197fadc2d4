/**
 * Login attempts limited per network address (a sliding window in memory; the
 * per-account lock lives in the users table). One process serves the portal, so
 * memory is the right place; behind several processes, each limits on its own.
 */
const WINDOW_MS = 15 * 60_000;
export const MAX_ATTEMPTS_PER_ADDRESS = 30;

const g = globalThis as unknown as { __tthcAttempts?: Map<string, number[]> };
const attempts: Map<string, number[]> = (g.__tthcAttempts ??= new Map());

/** Records an attempt from `address`; false when it is over the limit. */
export function allowAttempt(address: string, now = Date.now()): boolean {
  const recent = (attempts.get(address) ?? []).filter((t) => now - t < WINDOW_MS);
  if (recent.length >= MAX_ATTEMPTS_PER_ADDRESS) {
    attempts.set(address, recent);
    return false;
  }
  recent.push(now);
  attempts.set(address, recent);
  if (attempts.size > 50_000) attempts.clear(); // bounded memory under a flood
  return true;
}

export function resetAttempts(): void {
  attempts.clear();
}

/** The client address as the reverse proxy reports it. */
export function addressOf(headers: Record<string, string | string[] | undefined> | Headers | undefined): string {
  const get = (k: string) => (headers instanceof Headers ? headers.get(k) : (headers?.[k] as string | undefined));
  return (get("x-forwarded-for")?.split(",")[0] ?? get("x-real-ip") ?? "local").trim();
}
