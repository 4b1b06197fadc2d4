/**
 * No starvation (issue: the second round of defense): a caller past its rate gets 429
 * with Retry-After and the error envelope while another caller goes on; a caller holds at
 * most MAX_STREAMS live streams; expensive reads queue for HEAVY_AT_ONCE places with
 * HEAVY_WAITING waiting, beyond which they are refused, and cheap work never waits for them.
 */
import { describe, expect, it } from "vitest";
import { POST as sync } from "@/app/api/v1/sync/route";
import { GET as events } from "@/app/api/v1/events/route";
import { sql } from "drizzle-orm";
import { rows } from "@/db";
import {
  HEAVY_AT_ONCE,
  HEAVY_WAITING,
  MAX_STREAMS,
  RATES,
  TooManyRequests,
  heavy,
  resetLimits,
  takeRate,
} from "@/lib/api/limits";
import { GET as indicators } from "@/app/api/v1/indicators/route";
import { call } from "../helpers/api";
import { withSmallProvince } from "../helpers/province";

const province = withSmallProvince();

const post = (token: string) =>
  sync(
    new Request("http://localhost/api/v1/sync", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ service: "CapNhatTienDoHoSoMC", data: [] }),
    }),
  );

describe("rates said in every answer (RateLimit-*, as the OpenAPI document states)", () => {
  it("a caller's remaining requests count down in RateLimit-Remaining; the limit and the refill time are stated", async () => {
    const first = await call(indicators, "/api/v1/indicators?from=2025-03-01&to=2025-03-31", {
      token: province.tokens.A,
    });
    const second = await call(indicators, "/api/v1/indicators?from=2025-03-01&to=2025-03-31", {
      token: province.tokens.A,
    });
    expect(first.headers.get("RateLimit-Limit")).toBe(String(RATES.read.burst));
    // The bucket refills at RATES.read.perSecond meanwhile: the second has at most what the first left.
    expect(Number(first.headers.get("RateLimit-Remaining"))).toBe(RATES.read.burst - 1);
    expect(Number(second.headers.get("RateLimit-Remaining"))).toBeLessThanOrEqual(RATES.read.burst - 1);
    expect(Number(second.headers.get("RateLimit-Reset"))).toBeGreaterThanOrEqual(1);
    // Only the portal's own pages may read an answer from a browser.
    expect(first.headers.get("Access-Control-Allow-Origin")).toBe("http://localhost");
  });

  it("a guessed token counts against its address: past the burst, the guesses get 429, not another try", async () => {
    // The bucket refills while the guesses run: 429 comes a few guesses after the burst.
    const statuses: number[] = [];
    for (let i = 0; i < 3 * RATES.read.burst && statuses.at(-1) !== 429; i++) {
      statuses.push((await call(indicators, "/api/v1/indicators", { token: `tthc_doan-${i}` })).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect(statuses.length).toBeGreaterThan(RATES.read.burst);
    // A caller with a real token is not held up by the guesses of an address.
    expect((await call(indicators, "/api/v1/indicators", { token: province.tokens.A })).status).toBe(200);
  });

  it("an anonymous request is charged before any work is done for it", async () => {
    // Invalid requests drain the bucket as valid ones do. The bucket refills at its rate
    // while they are sent (20 a second: a loaded machine takes long enough to earn a few),
    // so the refusal comes after the burst plus what was earned meanwhile, not later.
    const t0 = performance.now();
    let sent = 0;
    let r = await call(indicators, "/api/v1/indicators?by=nonsense");
    while (r.status !== 429 && sent < RATES.read.burst * 3) {
      sent++;
      r = await call(indicators, "/api/v1/indicators?by=nonsense");
    }
    const earned = Math.ceil(((performance.now() - t0) / 1000) * RATES.read.perSecond);
    expect(r.status).toBe(429);
    expect(sent).toBeGreaterThanOrEqual(RATES.read.burst);
    expect(sent).toBeLessThanOrEqual(RATES.read.burst + earned + 1);
    expect(r.headers.get("Retry-After")).toBe("1");
  });
});

describe("rates per caller", () => {
  it("a bucket per caller and kind: the burst passes, the next waits; it refills at the rate", () => {
    resetLimits();
    const t0 = 1_000_000;
    for (let i = 0; i < RATES.sync.burst; i++) takeRate("sync", "token:1", t0);
    expect(() => takeRate("sync", "token:1", t0)).toThrow(TooManyRequests);
    expect(() => takeRate("sync", "token:2", t0)).not.toThrow();
    expect(() => takeRate("read", "token:1", t0)).not.toThrow();
    expect(() => takeRate("sync", "token:1", t0 + 1000 / RATES.sync.perSecond)).not.toThrow();
  });

  it("over HTTP: a token past its sync rate gets 429 with Retry-After and the envelope; another token is not slowed", async () => {
    resetLimits();
    const [{ id }] = await rows<{ id: number }>(
      province.db.orm,
      sql`select id::int as id from api_tokens where name = 'A'`,
    );
    // Drained "a minute from now", so that no refill happens however slow this machine is.
    const later = Date.now() + 60_000;
    for (let i = 0; i < RATES.sync.burst; i++) takeRate("sync", `token:${id}`, later);
    const refused = await post(province.tokens.A);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({
      error: { code: "too_many_requests", details: { retryAfter: expect.any(Number) } },
    });
    expect((await post(province.tokens.B)).status).not.toBe(429);
  });
});

describe("live streams", () => {
  it(`a caller holds at most ${MAX_STREAMS} streams; closing one frees its place`, async () => {
    resetLimits();
    const open = () => {
      const ac = new AbortController();
      const res = events(
        new Request("http://localhost/api/v1/events", {
          headers: { authorization: `Bearer ${province.tokens.T}` },
          signal: ac.signal,
        }),
      );
      return { ac, res };
    };
    const streams = [];
    for (let i = 0; i < MAX_STREAMS; i++) {
      const s = open();
      expect((await s.res).status).toBe(200);
      streams.push(s);
    }
    const extra = await open().res;
    expect(extra.status).toBe(429);
    streams[0].ac.abort();
    await new Promise((r) => setTimeout(r, 10));
    const again = open();
    expect((await again.res).status).toBe(200);
    for (const s of [...streams.slice(1), again]) s.ac.abort();
  });
});

describe("the bounded queue of expensive reads", () => {
  it(`${HEAVY_AT_ONCE} run, ${HEAVY_WAITING} wait, the next is refused at once; a cheap read is answered meanwhile`, async () => {
    const gates: Array<() => void> = [];
    const started: number[] = [];
    const task = (i: number) =>
      heavy(
        () =>
          new Promise<number>((resolve) => {
            started.push(i);
            gates.push(() => resolve(i));
          }),
      );
    const all = Array.from({ length: HEAVY_AT_ONCE + HEAVY_WAITING }, (_, i) => task(i));
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual(Array.from({ length: HEAVY_AT_ONCE }, (_, i) => i));
    await expect(task(99)).rejects.toMatchObject({ code: "too_many_requests" });
    // Through the API meanwhile: a cheap read is answered; an expensive one (the 766 profile) is refused, not queued forever.
    const read = (q: string) => call(indicators, `/api/v1/indicators?${q}`, { token: province.tokens.T });
    expect((await read("from=2025-03-01&to=2025-03-31&by=agency")).status).toBe(200);
    const refused = await read("from=2025-03-01&to=2025-03-31&by=agency&profile=766");
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("too_many_requests");
    // Each finished task hands its place to the next in line, in order.
    while (gates.length) {
      gates.shift()!();
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(await Promise.all(all)).toEqual(Array.from({ length: HEAVY_AT_ONCE + HEAVY_WAITING }, (_, i) => i));
    expect(started).toHaveLength(HEAVY_AT_ONCE + HEAVY_WAITING);
  });
});
