/** The audit log, for administrators, with each actor and target named as people say them. */
import "server-only";
import { desc, ilike, inArray, or } from "drizzle-orm";
import type { Orm } from "@/db";
import { apiTokens, auditLog, users } from "@/db/schema";
import { allowed, type Caller } from "./scope";
import { ForbiddenError } from "@/lib/errors";

const ref = (s: string | null, kind: string) =>
  s?.startsWith(`${kind}:`) && /^\d+$/.test(s.slice(kind.length + 1)) ? Number(s.slice(kind.length + 1)) : null;

export async function listAudit(orm: Orm, caller: Caller, opts: { q?: string; limit?: number } = {}) {
  if (!allowed(caller, "users:manage") || caller.kind !== "user") throw new ForbiddenError();
  const q = opts.q?.trim();
  const entries = await orm
    .select()
    .from(auditLog)
    .where(
      q
        ? or(ilike(auditLog.action, `%${q}%`), ilike(auditLog.actor, `%${q}%`), ilike(auditLog.target, `%${q}%`))
        : undefined,
    )
    .orderBy(desc(auditLog.id))
    .limit(opts.limit ?? 200);
  // "user:3", "token:7" are how the log keeps them; an administrator reads names.
  const userIds = [
    ...new Set(
      entries.flatMap((e) => [ref(e.actor, "user"), ref(e.target, "user")]).filter((x): x is number => x !== null),
    ),
  ];
  const tokenIds = [
    ...new Set(
      entries.flatMap((e) => [ref(e.actor, "token"), ref(e.target, "token")]).filter((x): x is number => x !== null),
    ),
  ];
  const [people, tokens] = await Promise.all([
    userIds.length
      ? orm
          .select({ id: users.id, name: users.name, username: users.username })
          .from(users)
          .where(inArray(users.id, userIds))
      : [],
    tokenIds.length
      ? orm.select({ id: apiTokens.id, name: apiTokens.name }).from(apiTokens).where(inArray(apiTokens.id, tokenIds))
      : [],
  ]);
  const person = new Map(people.map((u) => [u.id, `${u.name} (${u.username})`]));
  const token = new Map(tokens.map((t) => [t.id, `mã truy cập “${t.name}”`]));
  const label = (s: string | null): string => {
    if (!s) return "";
    const u = ref(s, "user");
    if (u !== null) return person.get(u) ?? `người dùng đã xoá (số ${u})`;
    const t = ref(s, "token");
    if (t !== null) return token.get(t) ?? `mã truy cập số ${t}`;
    const r = ref(s, "rejected");
    if (r !== null) return `bản ghi chờ sửa số ${r}`;
    if (["system", "public", "cli"].includes(s)) return "Hệ thống";
    return s;
  };
  return entries.map((e) => ({ ...e, actorLabel: label(e.actor), targetLabel: label(e.target) }));
}
