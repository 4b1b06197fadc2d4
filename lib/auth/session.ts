/**
 * The caller of a request, resolved on the server from the session cookie. The role
 * and agency are read fresh from the database, so a disabled user or a changed role
 * takes effect at once.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import type { Caller } from "@/lib/data/scope";
import { authOptions } from "./options";
import type { Role } from "./roles";

export async function currentCaller(): Promise<Caller | null> {
  const session = (await getServerSession(authOptions)) as { uid?: number } | null;
  if (!session?.uid) return null;
  const { orm } = await getDb();
  const [u] = await orm.select().from(users).where(eq(users.id, session.uid)).limit(1);
  if (!u || u.disabled) return null;
  return { kind: "user", userId: u.id, name: u.name, role: u.role as Role, unitCode: u.unitCode };
}
