/**
 * Scores through the caller's scope: the only way pages, routes and the CLI read
 * indicators. A unit filter outside the scope is "not found".
 */
import "server-only";
import { cache } from "react";
import type { Orm } from "@/db";
import { catchUpLog } from "@/lib/engine/scorecard-cache";
import { scorecards, type GroupBy, type Profile, type Scorecard, type ScorecardFilter } from "@/lib/engine/scorecard";
import type { Period } from "@/lib/method/period";
import { allowed, scopeOf, type Caller } from "./scope";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { unitInScope } from "./units";

/**
 * One look at the change log per server request (React's request cache; outside a
 * request every call looks again). Either way the look happens after the call began,
 * so every score read reflects all writes committed before it.
 */
const catchUpForRequest = cache((orm: Orm) => catchUpLog(orm));

/** The scorecards of several periods, checked against the caller's scope. */
export async function getIndicatorsForPeriods(
  orm: Orm,
  caller: Caller,
  q: { periods: Period[]; by: GroupBy; filter?: ScorecardFilter; profile?: Profile },
): Promise<Scorecard[]> {
  if (!allowed(caller, "scores:read")) throw new ForbiddenError();
  const scope = scopeOf(caller);
  for (const unit of [q.filter?.unit, q.filter?.area, q.filter?.parent]) {
    if (unit && !(await unitInScope(orm, scope, unit))) throw new NotFoundError();
  }
  await catchUpForRequest(orm);
  return scorecards(
    orm,
    { periods: q.periods, by: q.by, scope: scope, filter: q.filter, profile: q.profile },
    { caughtUp: true },
  );
}

export async function getIndicators(
  orm: Orm,
  caller: Caller,
  q: { period: Period; by: GroupBy; filter?: ScorecardFilter; profile?: Profile },
): Promise<Scorecard> {
  return (
    await getIndicatorsForPeriods(orm, caller, { periods: [q.period], by: q.by, filter: q.filter, profile: q.profile })
  )[0];
}
