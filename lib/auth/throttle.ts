/**
 * Sign-in throttling that slows an attacker without locking the real user out:
 * - per (account, client address): after 3 failures each further attempt waits twice as
 *   long as the one before (1 s, 2 s, 4 s … at most 15 min); a success clears it. Someone
 *   failing on an account from one address does not delay its owner at another.
 * - per client address, across accounts: at most 100 failures in 15 minutes (password
 *   spraying), counted only when the address is known.
 * The client address comes from X-Forwarded-For only behind a configured trusted proxy
 * (TRUSTED_PROXY_HOPS): a header anyone can send is otherwise ignored. Kept in memory:
 * one process serves the portal.
 */
const FREE_FAILURES = 3;
const BASE_DELAY_MS = 1000;
export const MAX_DELAY_MS = 15 * 60_000;
const WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ADDRESS = 100;
const UNKNOWN = "unknown";

interface Pair {
  failures: number;
  until: number;
  last: number;
}
interface State {
  pairs: Map<string, Pair>;
  byAddress: Map<string, number[]>;
}
const g = globalThis as unknown as { __tthcThrottle?: State };
const state: State = (g.__tthcThrottle ??= { pairs: new Map(), byAddress: new Map() });

const pairKey = (account: string, address: string) => `${account.trim().toLowerCase()}\u0001${address}`;

/** Milliseconds the caller must wait before this attempt is even checked; 0 when it may go on. */
export function waitBeforeAttempt(account: string, address: string, now = Date.now()): number {
  if (address !== UNKNOWN) {
    const recent = (state.byAddress.get(address) ?? []).filter((t) => now - t < WINDOW_MS);
    state.byAddress.set(address, recent);
    if (recent.length >= MAX_FAILURES_PER_ADDRESS) return recent[0] + WINDOW_MS - now;
  }
  const p = state.pairs.get(pairKey(account, address));
  return p && p.until > now ? p.until - now : 0;
}

export function recordFailure(account: string, address: string, now = Date.now()): void {
  const key = pairKey(account, address);
  const p = state.pairs.get(key) ?? { failures: 0, until: 0, last: now };
  // A pair quiet for longer than the longest delay starts again.
  if (now - p.last > MAX_DELAY_MS) p.failures = 0;
  p.failures++;
  p.last = now;
  p.until =
    p.failures > FREE_FAILURES
      ? now + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (p.failures - FREE_FAILURES - 1))
      : 0;
  state.pairs.set(key, p);
  if (address !== UNKNOWN) state.byAddress.set(address, [...(state.byAddress.get(address) ?? []), now]);
  // Bounded memory under a flood: forget what no longer delays anyone.
  if (state.pairs.size > 100_000) for (const [k, x] of state.pairs) if (x.until < now) state.pairs.delete(k);
  if (state.byAddress.size > 100_000) state.byAddress.clear();
}

export function recordSuccess(account: string, address: string): void {
  state.pairs.delete(pairKey(account, address));
}

export function resetThrottle(): void {
  state.pairs.clear();
  state.byAddress.clear();
}

/**
 * The client address: with `trustedHops` proxies in front (each appending to
 * X-Forwarded-For), the entry that many places from the right; with none, unknown.
 */
export function clientAddress(
  headers: Record<string, string | string[] | undefined> | Headers | undefined,
  trustedHops: number,
): string {
  if (trustedHops <= 0) return UNKNOWN;
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers?.["x-forwarded-for"];
  const list = (Array.isArray(raw) ? raw.join(",") : (raw ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return list[list.length - trustedHops] ?? UNKNOWN;
}
