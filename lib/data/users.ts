/** Users as callers: the role and agency are read fresh, so a change takes effect at once. */
import "server-only";
import { eq } from "drizzle-orm";
import type { Orm } from "@/db";
import { users } from "@/db/schema";
import type { Caller } from "./scope";

export async function callerFromUserId(orm: Orm, userId: number): Promise<Caller | null> {
  const [u] = await orm.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!u || u.disabled) return null;
  return { kind: "user", userId: u.id, name: u.name, role: u.role, unitCode: u.unitCode };
}
