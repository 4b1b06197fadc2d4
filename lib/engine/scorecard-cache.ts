/**
 * Scorecards of past periods, reused until a write could change them — never after.
 *
 * A period whose end has passed has a fixed as-of instant, so its scorecard changes
 * only when data changes. Triggers (db/migrations/0003) log every write with the
 * earliest instant it can matter to; before answering, the cache reads the log entries
 * it has not seen (one indexed query) and drops every entry whose period's as-of is at
 * or after that instant (all of them for catalogue, calendar, unit, feedback or report
 * changes). A sync of today's dossiers therefore leaves last month's scorecards in place.
 * Log entries are read by transaction id from the oldest transaction still running at
 * the previous look, so a write that commits late (after a newer one) is never missed.
 * The current period (as-of = now) is never cached: its verdicts move with the clock;
 * concurrent requests for it may share one computation (`sharedFlight`).
 */
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";

interface Entry {
  asOfMs: number;
  value: Promise<unknown>;
}

const MAX_ENTRIES = 200;
const g = globalThis as unknown as { __tthcScoreCache?: WeakMap<object, State> };
interface State {
  xmin: string;
  applied: Set<string>;
  entries: Map<string, Entry>;
  hits: number;
  misses: number;
  /** Values served by `recent` within their age. */
  recentHits: number;
  lookedAt: number;
  prunedAt: number;
  /** Raised whenever a look at the log finds a write not seen before. */
  epoch: number;
  /** Computations of current periods in flight, by key, with the epoch they started in. */
  flights: Map<string, { epoch: number; value: Promise<unknown> }>;
  /** Values that may be up to a stated age old (`recent`), by key, with the instant they were asked for. */
  recent: Map<string, { atMs: number; value: Promise<unknown> }>;
  joined: number;
  /** The look in progress: looks run one after another, so none reads rows another is applying. */
  looking: Promise<void>;
}

/** Log entries older than this are deleted; a cache that has not looked for half of it starts afresh. */
const LOG_KEEP_MS = 60 * 60_000;
const states = (g.__tthcScoreCache ??= new WeakMap());

function stateOf(orm: Orm): State {
  let s = states.get(orm);
  if (!s) {
    s = {
      xmin: "0",
      applied: new Set(),
      entries: new Map(),
      hits: 0,
      misses: 0,
      recentHits: 0,
      lookedAt: Date.now(),
      prunedAt: Date.now(),
      epoch: 0,
      flights: new Map(),
      recent: new Map(),
      joined: 0,
      looking: Promise.resolve(),
    };
    states.set(orm, s);
  }
  return s;
}

/** Applies the writes logged since the last look (a request may do this once, up front). */
export async function catchUpLog(orm: Orm): Promise<void> {
  await catchUp(orm, stateOf(orm));
}

function catchUp(orm: Orm, s: State): Promise<void> {
  const look = s.looking.then(() => lookAtLog(orm, s));
  s.looking = look.catch(() => {});
  return look;
}

async function lookAtLog(orm: Orm, s: State): Promise<void> {
  // Entries this process has not read may have been pruned (by it or another): forget
  // everything rather than guess.
  if (Date.now() - s.lookedAt > LOG_KEEP_MS / 2) s.entries.clear();
  s.lookedAt = Date.now();
  // Keep the log short: what is older than LOG_KEEP_MS every reader has applied (a
  // transaction open that long would be the exception this trades away).
  if (Date.now() - s.prunedAt > LOG_KEEP_MS / 6) {
    s.prunedAt = Date.now();
    await orm.execute(
      sql`delete from data_changes where at < now() - ${sql.raw(`interval '${LOG_KEEP_MS / 1000} seconds'`)}`,
    );
  }
  const found = await rows<{ id: string; xid: string; affected_ms: number | null; all_: boolean; xmin: string }>(
    orm,
    sql`
    select id::text, xid::text, (extract(epoch from affected_from) * 1000)::float8 as affected_ms,
      affected_from is null as all_, pg_snapshot_xmin(pg_current_snapshot())::text as xmin
    from data_changes where xid >= ${s.xmin}::xid8
    union all select null, null, null, false, pg_snapshot_xmin(pg_current_snapshot())::text`,
  );
  let earliest = Infinity;
  let all = false;
  const stillOpen = new Set<string>();
  const xmin = found[found.length - 1].xmin;
  for (const r of found) {
    if (r.id === null) continue;
    // Entries of transactions at or after the new xmin may be joined by late commits: remember them.
    if (BigInt(r.xid) >= BigInt(xmin)) stillOpen.add(r.id);
    if (s.applied.has(r.id)) continue;
    if (r.all_) all = true;
    else if (r.affected_ms != null) earliest = Math.min(earliest, Number(r.affected_ms));
  }
  s.applied = stillOpen;
  s.xmin = xmin;
  if (all || earliest < Infinity) s.epoch++;
  if (all) s.entries.clear();
  else if (earliest < Infinity) {
    for (const [k, e] of s.entries) if (e.asOfMs >= earliest) s.entries.delete(k);
  }
}

/**
 * `compute()` for a period ending at `asOf`, reused while no logged write can affect it.
 * `key` must identify everything else the result depends on (grouping, scope, filters).
 */
export async function cachedScore<T>(
  orm: Orm,
  key: string,
  asOf: Date,
  now: Date,
  compute: () => Promise<T>,
  opts: { caughtUp?: boolean } = {},
): Promise<T> {
  if (asOf.getTime() >= now.getTime()) return compute();
  const s = stateOf(orm);
  // `caughtUp`: the caller read the log after its request arrived (one look per request).
  if (!opts.caughtUp) await catchUp(orm, s);
  const hit = s.entries.get(key);
  if (hit) {
    s.hits++;
    s.entries.delete(key); // keep recently used entries at the end
    s.entries.set(key, hit);
    // A copy: callers may reshape what they get.
    return hit.value.then((v) => structuredClone(v)) as Promise<T>;
  }
  s.misses++;
  const value = compute();
  s.entries.set(key, { asOfMs: asOf.getTime(), value });
  value.catch(() => s.entries.delete(key));
  if (s.entries.size > MAX_ENTRIES) s.entries.delete(s.entries.keys().next().value!);
  return value.then((v) => structuredClone(v));
}

/**
 * A current period's scorecard (as of now, never stored): a request that asks for what
 * another request is computing at this moment shares that computation, provided no
 * write has been seen since it began — so a sync committed before the request looked at
 * the log is always in its answer. [decision] The answer is then exact as of the instant
 * it states (`asOf`), which is at most one computation older than the request; twenty
 * readers of the same overview cost one computation, not twenty.
 */
export async function sharedFlight<T>(
  orm: Orm,
  key: string,
  compute: () => Promise<T>,
  opts: { caughtUp?: boolean } = {},
): Promise<T> {
  const s = stateOf(orm);
  if (!opts.caughtUp) await catchUp(orm, s);
  const flight = s.flights.get(key);
  if (flight && flight.epoch === s.epoch) {
    s.joined++;
    return flight.value.then((v) => structuredClone(v)) as Promise<T>;
  }
  const value = compute();
  const mine = { epoch: s.epoch, value };
  s.flights.set(key, mine);
  const done = () => {
    if (s.flights.get(key) === mine) s.flights.delete(key);
  };
  value.then(done, done);
  return value.then((v) => structuredClone(v));
}

/**
 * A value that may be up to `maxAgeMs` old — for projections, never for a METHOD figure —
 * which states the instant it was computed: the last computation is served while younger
 * than that, whatever was written since; an older one is computed again, shared by the
 * requests asking meanwhile (`sharedFlight`).
 */
export async function recent<T>(
  orm: Orm,
  key: string,
  maxAgeMs: number,
  compute: () => Promise<T>,
  nowMs = Date.now(),
): Promise<T> {
  const s = stateOf(orm);
  const hit = s.recent.get(key);
  if (hit && nowMs - hit.atMs < maxAgeMs) {
    s.recentHits++;
    return hit.value.then((v) => structuredClone(v)) as Promise<T>;
  }
  const value = sharedFlight(orm, key, compute);
  s.recent.delete(key); // keep the most recently computed at the end
  s.recent.set(key, { atMs: nowMs, value });
  value.catch(() => s.recent.delete(key));
  if (s.recent.size > MAX_ENTRIES) s.recent.delete(s.recent.keys().next().value!);
  return value;
}

export function cacheStats(orm: Orm) {
  const s = stateOf(orm);
  return { hits: s.hits, misses: s.misses, recentHits: s.recentHits, entries: s.entries.size, joined: s.joined };
}
