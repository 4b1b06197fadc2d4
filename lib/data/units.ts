/** Unit-tree questions the scoped data layer asks. */
import { sql } from "drizzle-orm";
import "server-only";
import { rows, type Orm } from "@/db";
import { inScope, textList, type Scope } from "@/lib/engine/sql-util";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Permission } from "@/lib/roles";
import { allowed, scopeOf, type Caller } from "./scope";

/** True when `unit` exists and lies in `scope`. */
export async function unitInScope(orm: Orm, scope: Scope, unit: string): Promise<boolean> {
  const r = await rows<{ ok: boolean }>(
    orm,
    sql`select exists(select 1 from units u where u.code = ${unit} and ${inScope(sql`u.code`, scope)}) as ok`,
  );
  return r[0]?.ok === true;
}

/** Of `codes`, those that exist, and those within `scope`. */
export async function classifyUnits(orm: Orm, scope: Scope, codes: string[]) {
  const found = await rows<{ code: string; inside: boolean }>(
    orm,
    sql`select u.code, ${inScope(sql`u.code`, scope)} as inside
      from units u where u.code in ${textList(codes)}`,
  );
  return {
    exists: new Set(found.map((f) => f.code)),
    inside: new Set(found.filter((f) => f.inside).map((f) => f.code)),
  };
}

/**
 * The caller's scope for a read that needs `need`, about `unit` when given (which must
 * lie in the scope: else "not found", the same answer as a unit that does not exist).
 */
export async function scopeForRead(orm: Orm, caller: Caller, need: Permission, unit?: string): Promise<Scope> {
  if (!allowed(caller, need)) throw new ForbiddenError();
  const scope = scopeOf(caller);
  if (unit && !(await unitInScope(orm, scope, unit))) throw new NotFoundError();
  return scope;
}
