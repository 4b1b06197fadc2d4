/**
 * The secret that signs sessions: AUTH_SECRET (or NEXTAUTH_SECRET) from the environment;
 * else one generated for the database and kept in it (portal_meta "auth_secret"), loaded
 * when the server starts (instrumentation.ts). A secret per database: a cookie of the
 * public demo never opens a real portal run from the same checkout (they shared
 * .data/auth-secret), every server of one database agrees, and a backup carries it.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Orm } from "@/db";
import { portalMeta } from "@/db/schema";
import { env } from "@/lib/env";

const g = globalThis as { __tthcAuthSecret?: string };

export function authSecret(): string {
  const fromEnv = env.AUTH_SECRET ?? env.NEXTAUTH_SECRET;
  if (fromEnv) return fromEnv;
  // `next build` prerenders pages with no request and no cookie: nothing is signed or read then.
  if (!g.__tthcAuthSecret && env.NEXT_PHASE === "phase-production-build")
    g.__tthcAuthSecret = crypto.randomBytes(32).toString("base64url");
  if (!g.__tthcAuthSecret) {
    throw new Error(
      "Chưa nạp khoá phiên từ cơ sở dữ liệu (loadAuthSecret) / The session secret was not loaded from the database",
    );
  }
  return g.__tthcAuthSecret;
}

/** Reads the database's secret, making it on first start (one per database, whichever server is first). */
export async function loadAuthSecret(orm: Orm): Promise<void> {
  if (env.AUTH_SECRET ?? env.NEXTAUTH_SECRET) return;
  g.__tthcAuthSecret = await databaseSecret(orm);
}

export async function databaseSecret(orm: Orm): Promise<string> {
  await orm
    .insert(portalMeta)
    .values({ key: "auth_secret", value: crypto.randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await orm.select().from(portalMeta).where(eq(portalMeta.key, "auth_secret"));
  return row.value as string;
}
