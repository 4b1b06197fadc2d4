/**
 * Scores through the caller's scope: the only way pages, routes and the CLI read
 * indicators. A unit filter outside the scope is "not found".
 */
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import { scorecard, type GroupBy, type Scorecard, type ScorecardFilter } from "@/lib/engine/scorecard";
import type { Period } from "@/lib/method/period";
import { allowed, ForbiddenError, NotFoundError, scopeOf, type Caller } from "./scope";

/** True when `unit` lies in the subtree of `scope` (null scope: everything that exists). */
export async function unitInScope(orm: Orm, scope: string | null, unit: string): Promise<boolean> {
  const r = await rows<{ ok: boolean }>(
    orm,
    scope
      ? sql`select exists(select 1 from unit_closure where ancestor_code = ${scope} and descendant_code = ${unit}) as ok`
      : sql`select exists(select 1 from units where code = ${unit}) as ok`,
  );
  return r[0]?.ok === true;
}

export async function getIndicators(
  orm: Orm,
  caller: Caller,
  q: { period: Period; by: GroupBy; filter?: ScorecardFilter },
): Promise<Scorecard> {
  if (!allowed(caller, "scores:read")) throw new ForbiddenError();
  const scope = scopeOf(caller);
  for (const unit of [q.filter?.unit, q.filter?.area, q.filter?.parent]) {
    if (unit && !(await unitInScope(orm, scope, unit))) throw new NotFoundError();
  }
  return scorecard(orm, { period: q.period, by: q.by, scopeUnit: scope, filter: q.filter });
}
