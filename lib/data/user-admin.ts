/**
 * User administration for administrators: create, disable, reset password, change
 * role or agency. Every change is written to the audit log (never a password).
 * Results are DTOs without the password hash.
 */
import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Orm } from "@/db";
import { auditLog, units, users } from "@/db/schema";
import { hashPassword, MIN_PASSWORD_LENGTH, passwordProblem, randomPassword } from "@/lib/passwords";
import { ROLES, isProvinceWide, type Role } from "@/lib/roles";
import { allowed, type Caller } from "./scope";
import { ForbiddenError, NotFoundError, RuleError } from "@/lib/errors";
import { actorName } from "./tokens";
import { unitInScope } from "./units";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

export const userInput = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-z0-9._-]{3,50}$/, "Tên đăng nhập: 3–50 ký tự a-z, 0-9, . _ - / Username: 3–50 of a-z 0-9 . _ -"),
    name: z.string().trim().min(1, "Nhập họ tên / Name is required").max(200),
    email: z.union([z.email("Email không hợp lệ / Invalid email"), z.literal("")]).optional(),
    role: z.enum(ROLES, { error: "Vai trò không hợp lệ / Invalid role" }),
    unitCode: z.string().trim().min(1, "Chọn đơn vị / Choose a unit"),
    password: z
      .string()
      .min(
        MIN_PASSWORD_LENGTH,
        `Mật khẩu tối thiểu ${MIN_PASSWORD_LENGTH} ký tự / Password: at least ${MIN_PASSWORD_LENGTH} characters`,
      )
      .max(200),
  })
  .superRefine((u, ctx) => {
    const problem = passwordProblem(u.password, u.username);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: `${problem.vi} / ${problem.en}` });
  });
export const userPatch = z.object({
  role: z.enum(ROLES).optional(),
  unitCode: z.string().trim().min(1).optional(),
  disabled: z.boolean().optional(),
});

const dto = {
  id: users.id,
  username: users.username,
  name: users.name,
  email: users.email,
  role: users.role,
  unitCode: users.unitCode,
  disabled: users.disabled,
  lockedUntil: users.lockedUntil,
  createdAt: users.createdAt,
};

function requireAdmin(caller: Caller) {
  if (!allowed(caller, "users:manage") || caller.kind !== "user") throw new ForbiddenError();
  return caller;
}

async function audit(
  orm: Orm,
  caller: Caller,
  action: string,
  userId: number,
  details: Record<string, unknown> | null,
) {
  await orm.insert(auditLog).values({ actor: actorName(caller), action, target: `user:${userId}`, details });
}

export async function listUsers(orm: Orm, caller: Caller) {
  requireAdmin(caller);
  return orm.select(dto).from(users).orderBy(asc(users.username));
}

/** Province-wide roles belong to the province (a root of the tree); agency roles to any unit. */
async function checkUnit(orm: Orm, role: Role, unitCode: string) {
  if (!(await unitInScope(orm, EVERY_UNIT, unitCode))) throw new RuleError("Đơn vị không tồn tại", "Unit not found");
  if (isProvinceWide(role)) {
    const [u] = await orm.select({ parent: units.parentCode }).from(units).where(eq(units.code, unitCode)).limit(1);
    if (u?.parent)
      throw new RuleError("Vai trò cấp tỉnh phải thuộc đơn vị cấp tỉnh", "Province-wide roles belong to the province");
  }
}

export async function createUser(orm: Orm, caller: Caller, input: z.infer<typeof userInput>) {
  requireAdmin(caller);
  await checkUnit(orm, input.role, input.unitCode);
  const [u] = await orm
    .insert(users)
    .values({
      username: input.username,
      name: input.name,
      email: input.email || null,
      role: input.role,
      unitCode: input.unitCode,
      // The administrator chose this password: its owner sets their own at first sign-in.
      passwordHash: await hashPassword(input.password),
      mustChangePassword: true,
    })
    .returning(dto);
  await audit(orm, caller, "user.create", u.id, { username: u.username, role: u.role, unitCode: u.unitCode });
  return u;
}

export async function updateUser(orm: Orm, caller: Caller, id: number, patch: z.infer<typeof userPatch>) {
  const admin = requireAdmin(caller);
  const [before] = await orm.select(dto).from(users).where(eq(users.id, id)).limit(1);
  if (!before) throw new NotFoundError();
  if (patch.unitCode) await checkUnit(orm, patch.role ?? before.role, patch.unitCode);
  // An administrator cannot lock themselves out.
  if (id === admin.userId && (patch.disabled || (patch.role && patch.role !== "admin")))
    throw new RuleError("Không thể tự khoá hoặc tự hạ quyền của chính mình", "Cannot disable or demote yourself");
  // Disabling ends every session the user has open.
  const [after] = await orm
    .update(users)
    .set({ ...patch, ...(patch.disabled ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}) })
    .where(eq(users.id, id))
    .returning(dto);
  await audit(orm, caller, "user.update", id, {
    before: { role: before.role, unitCode: before.unitCode, disabled: before.disabled },
    after: patch,
  });
  return after;
}

/**
 * Sets a new random password, returned once to be handed over; ends the user's open
 * sessions, and the user sets their own password at the next sign-in.
 */
export async function resetPassword(orm: Orm, caller: Caller, id: number) {
  requireAdmin(caller);
  const password = randomPassword();
  const [u] = await orm
    .update(users)
    .set({
      passwordHash: await hashPassword(password),
      failedAttempts: 0,
      lockedUntil: null,
      mustChangePassword: true,
      sessionVersion: sql`${users.sessionVersion} + 1`,
    })
    .where(eq(users.id, id))
    .returning({ id: users.id });
  if (!u) throw new NotFoundError();
  await audit(orm, caller, "user.reset_password", id, null);
  return { password };
}
