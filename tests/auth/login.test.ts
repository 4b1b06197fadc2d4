/**
 * Sign-in: slow password hashes, throttling per (account, client address) by
 * exponential back-off that never locks the owner out, the client address trusted only
 * behind a configured proxy, the same time for unknown and known usernames, disabled
 * users refused, sessions ended by a reset or disable, every attempt audited — and no
 * password ever in a response or a log.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/passwords";
import { eq, sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { setDatabase } from "@/lib/data/db";
import { users } from "@/db/schema";
import { authOptions } from "@/lib/auth/options";
import {
  clientAddress,
  MAX_DELAY_MS,
  MAX_FAILURES_PER_ADDRESS,
  recordFailure,
  resetThrottle,
  waitBeforeAttempt,
} from "@/lib/auth/throttle";
import { callerFromUserId } from "@/lib/data/users";
import { resetPassword, updateUser } from "@/lib/data/user-admin";
import { testDatabase } from "../helpers/db";

let db: Database;
type Authorize = (
  c: Record<string, string>,
  req: { headers: Record<string, string> },
) => Promise<{ id: string } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
const PASSWORD = "Mat-khau-that-dai-2026";
const signIn = (username: string, password: string, ip = "10.0.0.1") =>
  authorize({ username, password }, { headers: { "x-forwarded-for": ip } });

beforeAll(async () => {
  db = await testDatabase();
  setDatabase(db);
  const { upsertUnits } = await import("@/lib/store/writes");
  await upsertUnits(db.orm, [{ code: "T", name: "T", kind: "tinh", parentCode: null, areaCode: null }]);
  const hash = await hashPassword(PASSWORD);
  await db.orm.insert(users).values([
    {
      username: "canbo",
      email: "canbo@example.vn",
      name: "Cán bộ",
      role: "agency_staff",
      unitCode: "T",
      passwordHash: hash,
    },
    { username: "dakhoa", name: "Đã khoá", role: "agency_staff", unitCode: "T", passwordHash: hash, disabled: true },
  ]);
});
afterAll(() => db?.close());

describe("credentials sign-in", () => {
  it("accepts the right password by username or email, and stores only a bcrypt hash", async () => {
    resetThrottle();
    expect(await signIn("canbo", PASSWORD)).toMatchObject({ id: expect.any(String) });
    expect(await signIn("canbo@example.vn", PASSWORD)).not.toBeNull();
    const [u] = await db.orm.select().from(users).where(eq(users.username, "canbo"));
    expect(u.passwordHash).toMatch(/^\$2[aby]\$12\$/);
  });

  it("refuses a disabled user even with the right password", async () => {
    expect(await signIn("dakhoa", PASSWORD)).toBeNull();
  });

  it("slows the failing (account, address) by doubling waits, never a lock; a success clears it", () => {
    resetThrottle();
    const t0 = 1_000_000;
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      waits.push(waitBeforeAttempt("canbo", "10.0.0.1", t0));
      recordFailure("canbo", "10.0.0.1", t0);
    }
    // Three free failures, then 1 s, 2 s, 4 s, 8 s, 16 s.
    expect(waitBeforeAttempt("canbo", "10.0.0.1", t0)).toBe(16_000);
    expect(waits).toEqual([0, 0, 0, 0, 1000, 2000, 4000, 8000]);
    expect(waitBeforeAttempt("canbo", "10.0.0.1", t0 + 16_000)).toBe(0);
    // The owner at another address is not delayed; another account at this address neither.
    expect(waitBeforeAttempt("canbo", "10.0.0.2", t0)).toBe(0);
    expect(waitBeforeAttempt("lanhdao", "10.0.0.1", t0)).toBe(0);
    for (let i = 0; i < 40; i++) recordFailure("canbo", "10.0.0.1", t0);
    expect(waitBeforeAttempt("canbo", "10.0.0.1", t0)).toBe(MAX_DELAY_MS);
  });

  it("limits failures per known address across accounts (password spraying)", () => {
    resetThrottle();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) recordFailure(`tk-${i}`, "10.9.9.9", 5_000);
    expect(waitBeforeAttempt("canbo", "10.9.9.9", 5_000)).toBeGreaterThan(0);
    expect(waitBeforeAttempt("canbo", "10.9.9.10", 5_000)).toBe(0);
  });

  it("trusts X-Forwarded-For only behind a configured proxy, and then only its hop", () => {
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4" }, 0)).toBe("unknown");
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6, 1.2.3.4" }, 1)).toBe("1.2.3.4");
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6, 1.2.3.4, 10.0.0.5" }, 2)).toBe("1.2.3.4");
    expect(clientAddress({}, 1)).toBe("unknown");
  });

  it("a forged X-Forwarded-For does not escape the throttle (no proxy configured)", async () => {
    resetThrottle();
    for (let i = 0; i < 4; i++) expect(await signIn("canbo", "sai", `10.1.1.${i}`)).toBeNull();
    expect(await signIn("canbo", PASSWORD, "10.1.1.99")).toBeNull();
    const log = await rows<{ action: string }>(
      db.orm,
      sql`select action from audit_log where actor = 'canbo' order by id desc limit 1`,
    );
    expect(log[0].action).toBe("login.throttled");
    resetThrottle();
    expect(await signIn("canbo", PASSWORD)).not.toBeNull();
  });

  it("takes the same time to refuse an unknown username as a known one", async () => {
    resetThrottle();
    const time = async (u: string) => {
      const t = performance.now();
      await signIn(u, "sai-mat-khau", "10.2.2.2");
      return performance.now() - t;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1];
    const known = median([await time("canbo"), await time("canbo"), await time("canbo")]);
    resetThrottle();
    const unknown = median([await time("khong-ton-tai"), await time("khong-ton-tai"), await time("khong-ton-tai")]);
    resetThrottle();
    // Both pay a bcrypt comparison (tens of milliseconds); without it the unknown one takes ~1 ms.
    expect(unknown / known).toBeGreaterThan(0.5);
    expect(unknown / known).toBeLessThan(2);
  });

  it("a password reset or disable ends the sessions signed before it", async () => {
    const [u] = await db.orm.select().from(users).where(eq(users.username, "canbo"));
    const admin = { kind: "user" as const, userId: 0, name: "admin", role: "admin" as const, unitCode: "T" };
    expect(await callerFromUserId(db.orm, u.id, u.sessionVersion)).not.toBeNull();
    const { password } = await resetPassword(db.orm, admin, u.id);
    expect(await callerFromUserId(db.orm, u.id, u.sessionVersion)).toBeNull();
    const fresh = await callerFromUserId(db.orm, u.id, u.sessionVersion + 1);
    expect(fresh).toMatchObject({ mustChangePassword: true });
    await updateUser(db.orm, admin, u.id, { disabled: true });
    expect(await callerFromUserId(db.orm, u.id, u.sessionVersion + 2)).toBeNull();
    await updateUser(db.orm, admin, u.id, { disabled: false });
    await db.orm
      .update(users)
      .set({ passwordHash: await hashPassword(PASSWORD), mustChangePassword: false })
      .where(eq(users.id, u.id));
    expect(password.length).toBeGreaterThanOrEqual(12);
  });

  it("never writes a password to the audit log or the console", async () => {
    const spy = vi.spyOn(console, "log");
    const err = vi.spyOn(console, "error");
    resetThrottle();
    await signIn("canbo", "mot-mat-khau-sai-rat-rieng");
    const log = JSON.stringify(await rows(db.orm, sql`select * from audit_log`));
    expect(log).not.toContain("mot-mat-khau-sai-rat-rieng");
    expect(log).not.toContain(PASSWORD);
    const printed = JSON.stringify([...spy.mock.calls, ...err.mock.calls]);
    expect(printed).not.toContain("mot-mat-khau-sai-rat-rieng");
  });
});
