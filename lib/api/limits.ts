/**
 * Limits that keep one caller from taking the portal from the others (issue: no
 * starvation). Found: no limit per token or address on /sync or /indicators; ten parallel
 * workbooks of 1900–2100 under the 766 profile took 13.5 s each and a cheap read waited
 * 10.8 s meanwhile; one token held 2,000 live-update streams.
 * - A rate per caller (token, user, else client address): a token bucket per kind of
 *   request; past it, 429 with Retry-After.
 * - Live streams: at most MAX_STREAMS open per caller.
 * - Expensive reads (a workbook, the 766 profile, a period over a year) run through one
 *   bounded queue: at most HEAVY_AT_ONCE at a time, HEAVY_WAITING waiting, else 429. A cheap
 *   read never queues behind them, and on PostgreSQL keeps connections of the pool free.
 * In memory, per server process: each server of several protects itself.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Caller } from "@/lib/data/scope";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/auth/throttle";
import { ApiError } from "./errors";

export class TooManyRequests extends ApiError {
  constructor(
    readonly retryAfterS: number,
    vi: string,
    en: string,
  ) {
    super("too_many_requests", vi, en, { retryAfter: retryAfterS });
  }
}

/** Requests per second and burst, per caller, by kind of request. */
export const RATES = {
  sync: { perSecond: 10, burst: 30 },
  read: { perSecond: 20, burst: 60 },
  heavy: { perSecond: 2, burst: 30 },
} as const;
export type RateKind = keyof typeof RATES;

/**
 * Bytes a request body may hold, by route. A sync body whose credential can only be inside
 * it (the envelope's `session`) is read before anyone is known: it gets the small limit, so
 * that nobody unauthenticated makes the server hold a large body.
 */
export const BODY_LIMITS = {
  sync: 64 * 1024 * 1024,
  syncUnauthenticated: 1024 * 1024,
  import: 32 * 1024 * 1024,
  token: 64 * 1024,
} as const;

export const MAX_STREAMS = 5;
export const HEAVY_AT_ONCE = 2;
export const HEAVY_WAITING = 8;

interface Bucket {
  tokens: number;
  at: number;
}
const buckets = new Map<string, Bucket>();

/** Who a request counts against: its token or user, else its client address. */
export function callerKey(req: Request, caller: Caller | null): string {
  if (caller?.kind === "token") return `token:${caller.tokenId}`;
  if (caller?.kind === "user") return `user:${caller.userId}`;
  return `ip:${clientAddress(req.headers, env.TRUSTED_PROXY_HOPS)}`;
}

/**
 * What a response says of its caller's rate (the RateLimit-* headers): the bucket this
 * request drew from that has the least left. Kept per request while its handler runs.
 */
export interface RateNote {
  limit: number;
  remaining: number;
  reset: number;
}
const notes = new AsyncLocalStorage<{ note: RateNote | null }>();

/** Runs a request's handler with a place for its rate note; `note()` reads it afterwards. */
export function withRateNote<T>(run: (note: () => RateNote | null) => Promise<T>): Promise<T> {
  const store = { note: null as RateNote | null };
  return notes.run(store, () => run(() => store.note));
}

function noteRate(n: RateNote) {
  const store = notes.getStore();
  if (store && (!store.note || n.remaining / n.limit < store.note.remaining / store.note.limit)) store.note = n;
}

/** Takes one request from the caller's bucket of this kind, or throws 429 saying when to retry. */
export function takeRate(kind: RateKind, key: string, now = Date.now()): void {
  const { perSecond, burst } = RATES[kind];
  const id = `${kind}|${key}`;
  const b = buckets.get(id) ?? { tokens: burst, at: now };
  // Time only moves forward here (a request stamped earlier than the last refills nothing).
  b.tokens = Math.min(burst, b.tokens + (Math.max(0, now - b.at) / 1000) * perSecond);
  b.at = Math.max(b.at, now);
  if (b.tokens < 1) {
    buckets.set(id, b);
    const wait = Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
    noteRate({ limit: burst, remaining: 0, reset: wait });
    throw new TooManyRequests(
      wait,
      `Quá nhiều yêu cầu; thử lại sau ${wait} giây`,
      `Too many requests; retry after ${wait} s`,
    );
  }
  b.tokens -= 1;
  buckets.set(id, b);
  // Full again after (burst − tokens) / perSecond seconds.
  noteRate({ limit: burst, remaining: Math.floor(b.tokens), reset: Math.ceil((burst - b.tokens) / perSecond) });
  // Forget full buckets now and then, so the map holds only recent callers.
  if (buckets.size > 10_000) for (const [k, v] of buckets) if (now - v.at > 60_000) buckets.delete(k);
}

const streams = new Map<string, number>();

/** Opens a live stream for the caller, or throws 429; the release is called once when it closes. */
export function openStream(key: string): () => void {
  const n = streams.get(key) ?? 0;
  if (n >= MAX_STREAMS) {
    throw new TooManyRequests(
      30,
      `Đã mở tối đa ${MAX_STREAMS} luồng cập nhật trực tiếp; đóng bớt rồi thử lại`,
      `At most ${MAX_STREAMS} live streams per caller; close one and retry`,
    );
  }
  streams.set(key, n + 1);
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    const left = (streams.get(key) ?? 1) - 1;
    if (left > 0) streams.set(key, left);
    else streams.delete(key);
  };
}

let running = 0;
const waiting: Array<() => void> = [];

/** Runs an expensive read when one of HEAVY_AT_ONCE places is free; with HEAVY_WAITING already waiting, 429. */
export async function heavy<T>(run: () => Promise<T>): Promise<T> {
  if (running >= HEAVY_AT_ONCE) {
    if (waiting.length >= HEAVY_WAITING) {
      throw new TooManyRequests(
        5,
        "Máy chủ đang bận tính các báo cáo lớn; thử lại sau ít giây",
        "The server is busy with large reports; retry in a few seconds",
      );
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running++;
  }
  try {
    return await run();
  } finally {
    // The place passes to the next in line (running stays the same), or is freed.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** Whether a read is expensive: a workbook, the 766 profile, or a period of more than a year. */
export function isHeavy(q: { from?: string; to?: string; profile?: string }, workbook = false): boolean {
  if (workbook || q.profile === "766") return true;
  if (!q.from || !q.to) return false;
  return Date.parse(q.to) - Date.parse(q.from) > 366 * 86_400_000;
}

/** For tests: forget every bucket, stream and queue. */
export function resetLimits(): void {
  buckets.clear();
  streams.clear();
}
