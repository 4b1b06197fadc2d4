/**
 * Sign-in: slow password hashes, per-account lock after repeated failures, a limit
 * per network address, disabled users refused, every attempt audited — and no
 * password ever in a response or a log.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import bcrypt from "bcryptjs";
import { eq, sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { setDatabase } from "@/lib/data/db";
import { users } from "@/db/schema";
import { authOptions } from "@/lib/auth/options";
import { MAX_ATTEMPTS_PER_ADDRESS, resetAttempts } from "@/lib/auth/rate-limit";
import { testDatabase } from "../helpers/db";

let db: Database;
type Authorize = (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
const PASSWORD = "Mat-khau-that-dai-2026";
const signIn = (username: string, password: string, ip = "10.0.0.1") => authorize({ username, password }, { headers: { "x-forwarded-for": ip } });

beforeAll(async () => {
  db = await testDatabase();
  setDatabase(db);
  const { upsertUnits } = await import("@/lib/store/writes");
  await upsertUnits(db.orm, [{ code: "T", name: "T", kind: "tinh", parentCode: null, areaCode: null }]);
  const hash = await bcrypt.hash(PASSWORD, 10);
  await db.orm.insert(users).values([
    { username: "canbo", email: "canbo@example.vn", name: "Cán bộ", role: "agency_staff", unitCode: "T", passwordHash: hash },
    { username: "dakhoa", name: "Đã khoá", role: "agency_staff", unitCode: "T", passwordHash: hash, disabled: true },
  ]);
});
afterAll(() => db?.close());

describe("credentials sign-in", () => {
  it("accepts the right password by username or email, and stores only a bcrypt hash", async () => {
    resetAttempts();
    expect(await signIn("canbo", PASSWORD)).toMatchObject({ id: expect.any(String) });
    expect(await signIn("canbo@example.vn", PASSWORD)).not.toBeNull();
    const [u] = await db.orm.select().from(users).where(eq(users.username, "canbo"));
    expect(u.passwordHash).toMatch(/^\$2[aby]\$10\$/);
  });

  it("refuses a disabled user even with the right password", async () => {
    expect(await signIn("dakhoa", PASSWORD)).toBeNull();
  });

  it("locks an account after 5 failures, for the right password too, and audits each attempt", async () => {
    resetAttempts();
    for (let i = 0; i < 5; i++) expect(await signIn("canbo", "sai")).toBeNull();
    expect(await signIn("canbo", PASSWORD)).toBeNull();
    const [u] = await db.orm.select().from(users).where(eq(users.username, "canbo"));
    expect(u.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    const log = await rows<{ action: string }>(db.orm, sql`select action from audit_log where actor = 'canbo' order by id`);
    expect(log.filter((l) => l.action === "login.failed").length).toBe(5);
    expect(log.at(-1)?.action).toBe("login.refused");
    await db.orm.update(users).set({ lockedUntil: null, failedAttempts: 0 }).where(eq(users.id, u.id));
  });

  it("limits attempts per network address across accounts", async () => {
    resetAttempts();
    for (let i = 0; i < MAX_ATTEMPTS_PER_ADDRESS; i++) await signIn(`khong-co-${i}`, "x", "10.9.9.9");
    expect(await signIn("canbo", PASSWORD, "10.9.9.9")).toBeNull();
    expect(await signIn("canbo", PASSWORD, "10.9.9.10")).not.toBeNull();
  });

  it("never writes a password to the audit log or the console", async () => {
    const spy = vi.spyOn(console, "log");
    const err = vi.spyOn(console, "error");
    resetAttempts();
    await signIn("canbo", "mot-mat-khau-sai-rat-rieng");
    const log = JSON.stringify(await rows(db.orm, sql`select * from audit_log`));
    expect(log).not.toContain("mot-mat-khau-sai-rat-rieng");
    expect(log).not.toContain(PASSWORD);
    const printed = JSON.stringify([...spy.mock.calls, ...err.mock.calls]);
    expect(printed).not.toContain("mot-mat-khau-sai-rat-rieng");
  });
});
