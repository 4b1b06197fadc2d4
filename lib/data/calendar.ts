/** The working-day calendar (METHOD §0.6) as administrators see and edit it; every change is audited. */
import "server-only";
import type { Orm } from "@/db";
import { auditLog } from "@/db/schema";
import { changeExceptions, listExceptions } from "@/lib/engine/calendar-sql";
import { allowed, type Caller } from "./scope";
import { ForbiddenError } from "@/lib/errors";
import { actorName } from "./tokens";

function requireCalendar(caller: Caller) {
  if (!allowed(caller, "calendar:write")) throw new ForbiddenError();
}

export async function calendarForCaller(orm: Orm, caller: Caller, year: number) {
  requireCalendar(caller);
  return listExceptions(orm, year);
}

/** Adds, changes (`kind` off/makeup) or removes (`kind` null) one day; returns how many dossiers were re-evaluated. */
export async function changeDayForCaller(
  orm: Orm,
  caller: Caller,
  input: { day: string; kind: "off" | "makeup" | null; name: string; source: string | null },
): Promise<number> {
  requireCalendar(caller);
  const n = await changeExceptions(orm, [input]);
  await orm.insert(auditLog).values({
    actor: actorName(caller),
    action: "calendar.change",
    target: input.day,
    details: { kind: input.kind ?? "remove", name: input.name, reevaluated: n },
  });
  return n;
}
