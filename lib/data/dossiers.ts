/** Dossier-level reads through the caller's scope (no dossier data for viewers or the public). */
import "server-only";
import { dossierTimeline } from "@/lib/engine/timeline";
import type { Orm } from "@/db";
import { explainDossier } from "@/lib/engine/explain";
import { listDossiers, type DossierListQuery } from "@/lib/engine/dossier-list";
import { earlyWarnings, lateReceipts } from "@/lib/engine/warnings";
import { periodEndForecast, worklist } from "@/lib/engine/worklist";

/** The worklist as the API answers it (and `tthc worklist --json` prints it). */
export { worklistJson } from "@/lib/engine/worklist";
import { listDossiers766, type Dossier766Query } from "@/lib/engine/dossier-list766";
import { periodAround, type Period } from "@/lib/method/period";
import { allowed, scopeOf, type Caller } from "./scope";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { scopeForRead } from "./units";

export async function explainForCaller(orm: Orm, caller: Caller, code: string, period: Period) {
  if (!allowed(caller, "dossiers:read")) throw new ForbiddenError();
  const e = await explainDossier(orm, code, period, scopeOf(caller));
  if (!e) throw new NotFoundError();
  return e;
}

/** A dossier's steps on a working-day axis (METHOD-STEPS), for roles that read dossiers. */
export async function timelineForCaller(orm: Orm, caller: Caller, code: string, period: Period) {
  if (!allowed(caller, "dossiers:read")) throw new ForbiddenError();
  const t = await dossierTimeline(orm, code, period, scopeOf(caller));
  if (!t) throw new NotFoundError();
  return t;
}

/** The caller's scope for a dossier-level read about `unit` (which must lie in it). */
const dossierScope = (orm: Orm, caller: Caller, unit?: string) => scopeForRead(orm, caller, "dossiers:read", unit);

export async function listDossiersForCaller(orm: Orm, caller: Caller, q: Omit<DossierListQuery, "scope">) {
  return listDossiers(orm, { ...q, scope: await dossierScope(orm, caller, q.unit) });
}

export async function warningsForCaller(orm: Orm, caller: Caller, q: { unit?: string; workingDays: number }) {
  const scope = await dossierScope(orm, caller, q.unit);
  const [warnings, receipts] = await Promise.all([
    earlyWarnings(orm, { scope, unit: q.unit, workingDays: q.workingDays }),
    lateReceipts(orm, { scope, unit: q.unit }),
  ]);
  return { ...warnings, lateReceipts: receipts };
}

/** "Cần ưu tiên": the open dossiers of the caller's scope and what each is worth now (lib/engine/worklist.ts). */
export async function worklistForCaller(
  orm: Orm,
  caller: Caller,
  q: { period: Period; unit?: string; procedure?: string; department?: string; limit?: number },
) {
  return worklist(orm, {
    period: q.period,
    scope: await dossierScope(orm, caller, q.unit),
    filter: { unit: q.unit, procedure: q.procedure, department: q.department },
    limit: q.limit,
  });
}

/**
 * The period-end forecast (issue #25, item 2) of the caller's unit or scope for this week
 * and this month: read from the open dossiers, so for roles that read dossiers.
 */
export async function forecastForCaller(orm: Orm, caller: Caller, unit?: string, now = new Date()) {
  const scope = await dossierScope(orm, caller, unit);
  return Promise.all(
    (["week", "month"] as const).map(async (kind) => ({
      kind,
      ...(await periodEndForecast(orm, { period: periodAround(kind, now), scope, unit })),
    })),
  );
}

/** The dossiers behind a 766 indicator (lib/engine/dossier-list766.ts). */
export async function listDossiers766ForCaller(orm: Orm, caller: Caller, q: Omit<Dossier766Query, "scope">) {
  return listDossiers766(orm, { ...q, scope: await dossierScope(orm, caller, q.unit) });
}
