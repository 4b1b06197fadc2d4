/** Dossier-level reads through the caller's scope (no dossier data for viewers or the public). */
import "server-only";
import type { Orm } from "@/db";
import { explainDossier } from "@/lib/engine/explain";
import { listDossiers, type DossierListQuery } from "@/lib/engine/dossier-list";
import { earlyWarnings } from "@/lib/engine/warnings";
import type { Period } from "@/lib/method/period";
import { allowed, scopeOf, type Caller } from "./scope";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { unitInScope } from "./units";

export async function explainForCaller(orm: Orm, caller: Caller, code: string, period: Period) {
  if (!allowed(caller, "dossiers:read")) throw new ForbiddenError();
  const e = await explainDossier(orm, code, period, scopeOf(caller));
  if (!e) throw new NotFoundError();
  return e;
}

export async function listDossiersForCaller(orm: Orm, caller: Caller, q: Omit<DossierListQuery, "scopeUnit">) {
  if (!allowed(caller, "dossiers:read")) throw new ForbiddenError();
  const scope = scopeOf(caller);
  if (q.unit && !(await unitInScope(orm, scope, q.unit))) throw new NotFoundError();
  return listDossiers(orm, { ...q, scopeUnit: scope });
}

export async function warningsForCaller(orm: Orm, caller: Caller, q: { unit?: string; workingDays: number }) {
  if (!allowed(caller, "dossiers:read")) throw new ForbiddenError();
  const scope = scopeOf(caller);
  if (q.unit && !(await unitInScope(orm, scope, q.unit))) throw new NotFoundError();
  return earlyWarnings(orm, { scopeUnit: scope, unit: q.unit, workingDays: q.workingDays });
}
