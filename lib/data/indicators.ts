/**
 * Scores through the caller's scope: the only way pages, routes and the CLI read
 * indicators. A unit filter outside the scope is "not found".
 */
import type { Orm } from "@/db";
import { unitInScope } from "./units";
import { scorecard, type GroupBy, type Scorecard, type ScorecardFilter } from "@/lib/engine/scorecard";
import type { Period } from "@/lib/method/period";
import { allowed, ForbiddenError, NotFoundError, scopeOf, type Caller } from "./scope";

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
