/**
 * Where the time goes (METHOD-STEPS), through the caller's scope: the only way pages,
 * routes and the CLI read step figures. S.4: officer rows are personal data — only the
 * roles that may read them get them (staff: their own row), and every read of them by a
 * person is written to the audit log.
 */
import "server-only";
import type { Orm } from "@/db";
import { auditLog } from "@/db/schema";
import { stepFiguresOf, type StepFigures } from "@/lib/engine/step-figures";
import type { Period } from "@/lib/method/period";
import { who, type StepGrouping } from "@/lib/method/steps";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { allowed, scopeOf, type Caller } from "./scope";
import { actorName } from "./tokens";
import { unitInScope } from "./units";

export async function getStepFigures(
  orm: Orm,
  caller: Caller,
  q: { period: Period; by: StepGrouping; filter?: { unit?: string; procedure?: string; field?: string } },
): Promise<StepFigures> {
  if (!allowed(caller, "scores:read")) throw new ForbiddenError();
  // S.4 [decision]: an API token is no person to whom officers' figures may be shown.
  if (q.by === "officer" && !allowed(caller, "officers:read")) throw new ForbiddenError();
  const scope = scopeOf(caller);
  if (q.filter?.unit && !(await unitInScope(orm, scope, q.filter.unit))) throw new NotFoundError();
  const figures = await stepFiguresOf(orm, { period: q.period, by: q.by, scopeUnit: scope, filter: q.filter });
  if (q.by !== "officer" || caller.kind !== "user") return figures;
  // S.4: agency staff see their own row only (their account's name, folded as S.1.2 folds NguoiXuLy).
  const own = who(caller.name, "officer").key;
  const rows = caller.role === "agency_staff" ? figures.rows.filter((r) => r.key !== "" && r.key === own) : figures.rows;
  await orm.insert(auditLog).values({
    actor: actorName(caller), action: "steps.officers.read", target: q.filter?.unit ?? scope ?? "toàn tỉnh",
    details: { from: q.period.from, to: q.period.to, procedure: q.filter?.procedure ?? null, field: q.filter?.field ?? null, rows: rows.length },
  });
  return { ...figures, rows };
}
