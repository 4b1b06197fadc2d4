/**
 * METHOD-STEPS in the database: each handling step of the period with where it was held
 * from (S.1.3), its working days (S.1.4) and its verdict against its own deadline (S.1.5),
 * all kept on the step by the writes (derive-sql.ts), and whether its dossier is late
 * under METHOD §A — grouped into equal facts, which the pure `stepFigures`
 * (lib/method/steps.ts) turns into rows. A unit's period is one range of
 * process_steps_unit_at_idx. A property test holds these facts to `heldSteps` on random
 * dossiers; tests/engine/steps-on-write.test.ts holds the kept facts to it under every
 * order of writes.
 */
import { sql, type SQL } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import type { Period } from "@/lib/method/period";
import { STATUS } from "@/lib/method/status";
import { EMPTY_STEP_ROW, stepFigures, type StepFact, type StepGrouping, type StepRow } from "@/lib/method/steps";
import { inScope, instant, type Scope, inUnitFilter, withWorkMem } from "./sql-util";
import { dossierVerdict } from "./verdict-sql";

export interface StepQuery {
  period: Period;
  by: StepGrouping;
  /** The caller's subtree. */
  scope: Scope;
  filter?: { unit?: string; procedure?: string; field?: string };
}

export interface StepFigures {
  rows: StepRow[];
  /** S.3.1: every step of the rows, once. */
  totals: StepRow;
}

/** S.2: the handling steps (S.1.1: not status 1) of the scope ending in the period, alias `s`. */
function stepsOfPeriod(q: Omit<StepQuery, "by">): SQL {
  // S.2.2 on the steps' own copy of their dossier's unit and procedure (kept on write).
  const stepIn: SQL[] = [inScope(sql`s.unit_code`, q.scope)];
  stepIn.push(inUnitFilter(sql`s.unit_code`, q.filter?.unit));
  if (q.filter?.procedure) stepIn.push(sql`s.procedure_code = ${q.filter.procedure}`);
  if (q.filter?.field)
    stepIn.push(sql`s.procedure_code in (select code from procedures where field_code = ${q.filter.field})`);
  stepIn.push(sql`s.at >= ${instant(q.period.startAt)} and s.at <= ${instant(q.period.asOf)}`);
  stepIn.push(sql`s.status <> ${STATUS.SUBMITTED}`);
  return sql.join(stepIn, sql` and `);
}

/**
 * What makes two steps' facts equal: S.1.3–S.1.5 as the writes keep them (derive-sql.ts),
 * and S.5's fields. The unit comes last: led by the index's own order, PostgreSQL would
 * sort every step of a unit instead of hashing them.
 */
const FACT_KEY = sql`s.status, s.department, s.handler, s.held_days as days, s.late,
  s.started_at is not null as has_start, s.started_at > s.at as start_after_end, s.step_due_at is not null as has_due,
  coalesce(s.procedure_code, '') as procedure, s.unit_code as unit`;
const FACT_KEY_COUNT = 10;
const byFactKey = sql.raw(`group by ${Array.from({ length: FACT_KEY_COUNT }, (_, i) => i + 1).join(", ")}`);

/** The step facts of the period (S.1–S.2), equal ones counted together: one range of process_steps_unit_at_idx. */
export function stepCountsSql(q: Omit<StepQuery, "by">): SQL {
  return sql`select ${FACT_KEY}, count(*)::int as count from process_steps s where ${stepsOfPeriod(q)} ${byFactKey}`;
}

/**
 * The late steps of the period whose dossier is late under METHOD §A for the period (late
 * or overdue), with the dossier's code: the dossiers a row names. A separate statement, so
 * that the counts above stay a hash aggregate of the index alone.
 */
export function lateDossiersSql(q: Omit<StepQuery, "by">): SQL {
  return sql`
    select distinct ${FACT_KEY}, d.code
    from process_steps s
      join dossiers d on d.province_code = s.province_code and d.id = s.dossier_id
      cross join lateral ${dossierVerdict(q.period)} v
    where ${stepsOfPeriod(q)} and s.late and v.pop and not v.ok`;
}

/** A row's FACT_KEY as the drivers give it. */
type FactKeyRow = Pick<StepFact, "unit" | "procedure" | "status" | "department" | "handler" | "days" | "late"> & {
  has_start: boolean;
  start_after_end: boolean | null;
  has_due: boolean;
};
const keyOf = (r: FactKeyRow) =>
  JSON.stringify([
    r.unit,
    r.procedure,
    Number(r.status),
    r.department,
    r.handler,
    r.days == null ? null : Number(r.days),
    r.late,
    r.has_start,
    r.start_after_end,
    r.has_due,
  ]);

export async function stepFacts(orm: Orm, q: Omit<StepQuery, "by">): Promise<StepFact[]> {
  const [counts, late] = await withWorkMem(orm, 32, async (tx) => [
    await rows<FactKeyRow & { count: number }>(tx, stepCountsSql(q)),
    await rows<FactKeyRow & { code: string }>(tx, lateDossiersSql(q)),
  ]);
  const lateByKey = new Map<string, string[]>();
  for (const r of late) {
    const k = keyOf(r);
    (lateByKey.get(k) ?? lateByKey.set(k, []).get(k)!).push(r.code);
  }
  return counts.map((r) => ({
    unit: r.unit,
    procedure: r.procedure,
    status: Number(r.status),
    department: r.department,
    handler: r.handler,
    days: r.days == null ? null : Number(r.days),
    late: r.late,
    count: Number(r.count),
    lateDossiers: (lateByKey.get(keyOf(r)) ?? []).sort(),
    sent: { start: r.has_start, startAfterEnd: r.start_after_end === true, due: r.has_due },
  }));
}

/** S.3: the rows of a grouping and the totals they add up to. */
export async function stepFiguresOf(orm: Orm, q: StepQuery): Promise<StepFigures> {
  const facts = await stepFacts(orm, q);
  const [totals] = stepFigures(facts, "all");
  return {
    rows: stepFigures(facts, q.by),
    totals: totals ?? EMPTY_STEP_ROW,
  };
}
