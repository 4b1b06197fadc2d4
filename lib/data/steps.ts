/**
 * Where the time goes (METHOD-STEPS), through the caller's scope: the only way pages,
 * routes and the CLI read step figures. S.4: officer rows are personal data — only the
 * roles that may read them get them (staff: their own row), and every read of them by a
 * person is written to the audit log.
 */
import "server-only";
import type { Orm } from "@/db";
import { auditLog } from "@/db/schema";
import { sql } from "drizzle-orm";
import { rows as query } from "@/db";
import { stepFacts, stepFiguresOf, type StepFigures } from "@/lib/engine/step-figures";
import { textList, scopeRoot } from "@/lib/engine/sql-util";
import type { Period } from "@/lib/method/period";
import {
  EMPTY_STEP_ROW,
  stepFields,
  stepFigures,
  who,
  type StepFact,
  type StepFields,
  type StepGrouping,
  type StepRow,
} from "@/lib/method/steps";
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
  const figures = await stepFiguresOf(orm, { period: q.period, by: q.by, scope: scope, filter: q.filter });
  if (q.by !== "officer" || caller.kind !== "user") return figures;
  // S.4: agency staff see their own row only (their account's name, folded as S.1.2 folds NguoiXuLy).
  const own = who(caller.name, "officer").key;
  const rows =
    caller.role === "agency_staff" ? figures.rows.filter((r) => r.key !== "" && r.key === own) : figures.rows;
  await orm.insert(auditLog).values({
    actor: actorName(caller),
    action: "steps.officers.read",
    target: q.filter?.unit ?? scopeRoot(scope) ?? "toàn tỉnh",
    details: {
      from: q.period.from,
      to: q.period.to,
      procedure: q.filter?.procedure ?? null,
      field: q.filter?.field ?? null,
      rows: rows.length,
    },
  });
  return { ...figures, rows };
}

/** S.3's "slowest first": the lowest on-time rate (none last), then the longest median hold, then the most late dossiers. */
const slowestFirst = (a: StepRow, b: StepRow) =>
  (a.rate ?? Infinity) - (b.rate ?? Infinity) ||
  (b.daysMedian ?? -1) - (a.daysMedian ?? -1) ||
  b.lateDossiers - a.lateDossiers ||
  a.name.localeCompare(b.name, "vi");

/** A unit's process as the "Quy trình xử lý" page shows it. */
export interface ProcessView {
  /** S.5: what the units' senders filled (summed over the scope). */
  fields: StepFields;
  totals: StepRow;
  departments: StepRow[];
  procedureSteps: StepRow[];
  /** S.4: null when the caller may not see officers; staff get their own row only. */
  officers: StepRow[] | null;
  /** The unit and procedure names of the rows' codes. */
  unitNames: Record<string, string>;
  procedureNames: Record<string, string>;
  /** One department opened: its procedure steps and the late dossiers they belong to (S.3 lateDossiers). */
  department: {
    key: string;
    name: string;
    unit: string;
    steps: StepRow[];
    /** How many late dossiers it held late (a figure), and which (dossier-level: empty for roles that do not read dossiers). */
    lateCount: number;
    lateDossiers: string[];
  } | null;
}

export async function getProcessView(
  orm: Orm,
  caller: Caller,
  q: { period: Period; unit?: string; department?: { unit: string; key: string } },
): Promise<ProcessView> {
  if (!allowed(caller, "scores:read")) throw new ForbiddenError();
  const scope = scopeOf(caller);
  for (const u of [q.unit, q.department?.unit]) if (u && !(await unitInScope(orm, scope, u))) throw new NotFoundError();
  const facts = await stepFacts(orm, { period: q.period, scope: scope, filter: { unit: q.unit } });
  const [totals] = stepFigures(facts, "all");
  const fields = stepFields(facts).reduce<StepFields>(
    (s, u) => ({
      unit: "",
      steps: s.steps + u.steps,
      department: s.department + u.department,
      officer: s.officer + u.officer,
      start: s.start + u.start,
      due: s.due + u.due,
      startAfterEnd: s.startAfterEnd + u.startAfterEnd,
    }),
    { unit: "", steps: 0, department: 0, officer: 0, start: 0, due: 0, startAfterEnd: 0 },
  );
  let officers: StepRow[] | null = null;
  if (allowed(caller, "officers:read") && caller.kind === "user") {
    const own = who(caller.name, "officer").key;
    officers = stepFigures(facts, "officer")
      .filter((r) => caller.role !== "agency_staff" || (r.key !== "" && r.key === own))
      .sort(slowestFirst);
    await orm.insert(auditLog).values({
      actor: actorName(caller),
      action: "steps.officers.read",
      target: q.unit ?? scopeRoot(scope) ?? "toàn tỉnh",
      details: { from: q.period.from, to: q.period.to, page: "quy-trinh", rows: officers.length },
    });
  }
  const departments = stepFigures(facts, "department").sort(slowestFirst);
  let department: ProcessView["department"] = null;
  if (q.department) {
    const { unit, key } = q.department;
    const mine = facts.filter((f: StepFact) => f.unit === unit && who(f.department, "department").key === key);
    const row = departments.find((r) => r.unit === unit && r.key === key);
    if (row)
      department = {
        key,
        name: row.name,
        unit,
        steps: stepFigures(mine, "procedure-step").sort(slowestFirst),
        lateCount: row.lateDossiers,
        // Which dossiers is dossier-level data: only roles that read dossiers get the codes (the count stays public).
        lateDossiers: allowed(caller, "dossiers:read") ? [...new Set(mine.flatMap((f) => f.lateDossiers))].sort() : [],
      };
  }
  const codes = [...new Set([...departments.map((r) => r.unit), ...(officers ?? []).map((r) => r.unit)])];
  const names = codes.length
    ? await query<{ code: string; name: string }>(
        orm,
        sql`select code, name from units where code in ${textList(codes)}`,
      )
    : [];
  const procedureSteps = stepFigures(facts, "procedure-step").sort(slowestFirst);
  const procCodes = [...new Set(procedureSteps.map((r) => r.key.split("|")[0]))];
  const procs = procCodes.length
    ? await query<{ code: string; name: string }>(
        orm,
        sql`select code, name from procedures where code in ${textList(procCodes)}`,
      )
    : [];
  return {
    fields,
    departments,
    department,
    officers,
    totals: totals ?? EMPTY_STEP_ROW,
    procedureSteps,
    unitNames: Object.fromEntries(names.map((n) => [n.code, n.name])),
    procedureNames: Object.fromEntries(procs.map((n) => [n.code, n.name])),
  };
}

/**
 * The data review of the process view (METHOD-STEPS S.5; issue #24 item 5): per unit, the
 * steps of the period and how many lack a department or a deadline, or start after they end.
 */
export async function stepDataForCaller(
  orm: Orm,
  caller: Caller,
  period: Period,
): Promise<Array<StepFields & { name: string }>> {
  if (!allowed(caller, "dossiers:read")) throw new ForbiddenError();
  const fields = stepFields(await stepFacts(orm, { period, scope: scopeOf(caller) }));
  const codes = fields.map((f) => f.unit);
  const names = codes.length
    ? await query<{ code: string; name: string }>(
        orm,
        sql`select code, name from units where code in ${textList(codes)}`,
      )
    : [];
  const nameOf = new Map(names.map((n) => [n.code, n.name]));
  return fields.map((f) => ({ ...f, name: nameOf.get(f.unit) ?? f.unit }));
}
