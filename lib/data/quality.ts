/** Data-quality review through the caller's scope (dossier-level data: no viewers). */
import "server-only";
import type { Orm } from "@/db";
import { countDefects } from "@/lib/engine/data-defects";
import { onTimeIfFixed } from "@/lib/engine/what-if";
import type { Period } from "@/lib/method/period";
import { allowed, scopeOf, type Caller } from "./scope";
import { ForbiddenError } from "@/lib/errors";

export async function qualityForCaller(orm: Orm, caller: Caller, period: Period) {
  if (!allowed(caller, "dossiers:read")) throw new ForbiddenError();
  const scope = scopeOf(caller);
  const [defects, whatIf] = await Promise.all([
    countDefects(orm, { scope: scope, sample: 20, period }),
    onTimeIfFixed(orm, period, scope),
  ]);
  return { defects, whatIf };
}
