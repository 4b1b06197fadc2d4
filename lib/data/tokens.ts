/**
 * API tokens: created and revoked by an administrator (or an agency manager for its
 * own agency), stored as SHA-256 hashes, shown once, each bound to a unit subtree.
 */
import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Orm } from "@/db";
import { apiTokens, auditLog } from "@/db/schema";
import { hashToken, issueToken } from "@/lib/store/tokens";
import { allowed, scopeOf, type Caller } from "./scope";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { unitInScope } from "./units";
import { inScope } from "@/lib/engine/sql-util";

/** The caller a token stands for, or null when unknown or revoked; records its last use. */
export async function callerFromToken(orm: Orm, token: string): Promise<Caller | null> {
  if (!token) return null;
  const [t] = await orm
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!t) return null;
  // At most one write a minute per token, so a busy sync does not contend on this row.
  await orm.execute(sql`update api_tokens set last_used_at = now()
    where id = ${t.id} and (last_used_at is null or last_used_at < now() - interval '1 minute')`);
  return { kind: "token", tokenId: t.id, name: t.name, unitCode: t.unitCode };
}

export async function createToken(orm: Orm, caller: Caller, input: { name: string; unitCode: string }) {
  if (!allowed(caller, "tokens:manage")) throw new ForbiddenError();
  if (!(await unitInScope(orm, scopeOf(caller), input.unitCode))) throw new NotFoundError();
  const { id, token } = await issueToken(orm, { ...input, createdBy: caller.kind === "user" ? caller.userId : null });
  await orm.insert(auditLog).values({
    actor: actorName(caller),
    action: "token.create",
    target: `token:${id}`,
    details: { unitCode: input.unitCode, name: input.name },
  });
  return { id, token };
}

export async function revokeToken(orm: Orm, caller: Caller, id: number) {
  if (!allowed(caller, "tokens:manage")) throw new ForbiddenError();
  const [t] = await orm.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1);
  if (!t || !(await unitInScope(orm, scopeOf(caller), t.unitCode))) throw new NotFoundError();
  await orm.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
  await orm
    .insert(auditLog)
    .values({ actor: actorName(caller), action: "token.revoke", target: `token:${id}`, details: null });
}

/** Tokens the caller may manage (never their hashes). */
export async function listTokens(orm: Orm, caller: Caller) {
  if (!allowed(caller, "tokens:manage")) throw new ForbiddenError();
  const scope = scopeOf(caller);
  return orm
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      unitCode: apiTokens.unitCode,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(inScope(apiTokens.unitCode, scope))
    .orderBy(desc(apiTokens.createdAt));
}

export function actorName(caller: Caller): string {
  switch (caller.kind) {
    case "user":
      return `user:${caller.userId}`;
    case "token":
      return `token:${caller.tokenId}`;
    default:
      return caller.kind;
  }
}
