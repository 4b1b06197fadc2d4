/**
 * The procedures and PAKN behind the 766 index's indicators, through the caller's scope:
 * procedures under authority are catalogue facts (any role that reads scores); a PAKN is
 * a citizen's record (the roles that read dossiers).
 */
import "server-only";
import type { Orm } from "@/db";
import { listFeedback766, listProcedures766 } from "@/lib/engine/records-list766";
import type { FeedbackIndicator766, ProcedureIndicator766 } from "@/lib/method/i766/points";
import type { Period } from "@/lib/method/period";
import type { Caller } from "./scope";
import { scopeForRead } from "./units";

interface Query<I> {
  period: Period;
  unit?: string;
  indicator: I;
  missedOnly?: boolean;
  limit?: number;
  offset?: number;
}

export async function listProcedures766ForCaller(orm: Orm, caller: Caller, q: Query<ProcedureIndicator766>) {
  return listProcedures766(orm, { ...q, scope: await scopeForRead(orm, caller, "scores:read", q.unit) });
}

export async function listFeedback766ForCaller(orm: Orm, caller: Caller, q: Query<FeedbackIndicator766>) {
  return listFeedback766(orm, { ...q, scope: await scopeForRead(orm, caller, "dossiers:read", q.unit) });
}
