/** Users as callers: the role and agency are read fresh, so a change takes effect at once. */
import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Orm } from "@/db";
import { auditLog, users } from "@/db/schema";
import { RuleError } from "@/lib/errors";
import { hashPassword, MIN_PASSWORD_LENGTH, passwordProblem, verifyPassword } from "@/lib/passwords";
import type { Caller } from "./scope";

/**
 * The caller a session stands for, or null: unknown, disabled, or signed before the
 * user's password was reset or the account disabled (`sessionVersion`).
 */
export async function callerFromUserId(orm: Orm, userId: number, sessionVersion = 0): Promise<Caller | null> {
  const [u] = await orm.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!u || u.disabled || u.sessionVersion !== sessionVersion) return null;
  return {
    kind: "user",
    userId: u.id,
    name: u.name,
    role: u.role,
    unitCode: u.unitCode,
    mustChangePassword: u.mustChangePassword,
  };
}

export const passwordChange = z
  .object({
    current: z.string().min(1, "Nhập mật khẩu hiện tại").max(200),
    next: z.string().min(MIN_PASSWORD_LENGTH, `Mật khẩu mới tối thiểu ${MIN_PASSWORD_LENGTH} ký tự`).max(200),
    again: z.string().max(200),
  })
  .refine((p) => p.next === p.again, { path: ["again"], message: "Hai lần nhập mật khẩu mới không khớp" })
  .refine((p) => p.next !== p.current, { path: ["next"], message: "Mật khẩu mới phải khác mật khẩu hiện tại" });

/** A user sets their own password; every session (this one too) ends: they sign in again with it. */
export async function changeOwnPassword(orm: Orm, caller: Caller, input: z.infer<typeof passwordChange>) {
  if (caller.kind !== "user")
    throw new RuleError("Chỉ tài khoản người dùng mới đổi mật khẩu", "Only user accounts change passwords");
  const [u] = await orm.select().from(users).where(eq(users.id, caller.userId)).limit(1);
  if (!u || !(await verifyPassword(input.current, u.passwordHash)))
    throw new RuleError("Mật khẩu hiện tại không đúng", "The current password is wrong");
  const problem = passwordProblem(input.next, u.username);
  if (problem) throw new RuleError(problem.vi, problem.en);
  await orm
    .update(users)
    .set({
      passwordHash: await hashPassword(input.next),
      mustChangePassword: false,
      sessionVersion: sql`${users.sessionVersion} + 1`,
    })
    .where(eq(users.id, u.id));
  await orm
    .insert(auditLog)
    .values({ actor: `user:${u.id}`, action: "user.change_password", target: `user:${u.id}`, details: null });
}
