/**
 * METHOD-STEPS in the database: each handling step of the period with where it was held
 * from (S.1.3), its working days (S.1.4), its own deadline and verdict (S.1.5), and
 * whether its dossier is late under METHOD §A — grouped into equal facts, which the
 * pure `stepFigures` (lib/method/steps.ts) turns into rows. A property test holds these
 * facts to `heldSteps` on random dossiers.
 */
import { sql, type SQL } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import type { Period } from "@/lib/method/period";
import { STATUS } from "@/lib/method/status";
import { EMPTY_STEP_ROW, stepFigures, type StepFact, type StepGrouping, type StepRow } from "@/lib/method/steps";
import { TZ } from "@/lib/method/time";
import { inScope, instant, type Scope, inUnitFilter } from "./sql-util";
import { dossierVerdict } from "./verdict-sql";

export interface StepQuery {
  period: Period;
  by: StepGrouping;
  /** The caller's subtree (null: every unit). */
  scope: Scope;
  filter?: { unit?: string; procedure?: string; field?: string };
}

export interface StepFigures {
  rows: StepRow[];
  /** S.3.1: every step of the rows, once. */
  totals: StepRow;
}

const localDay = (t: SQL) => sql`(${t} at time zone ${sql.raw(`'${TZ}'`)})::date`;
const ord = (day: SQL) => sql`(select w.ord from work_days w where w.day = ${day})`;

/** The step facts of the period (S.1–S.2), equal ones counted together. */
export function stepFactsSql(q: Omit<StepQuery, "by">): SQL {
  const ps = instant(q.period.startAt);
  const asOf = instant(q.period.asOf);
  const dossierIn: SQL[] = [inScope(sql`d.unit_code`, q.scope)];
  dossierIn.push(inUnitFilter(sql`d.unit_code`, q.filter?.unit));
  if (q.filter?.procedure) dossierIn.push(sql`d.procedure_code = ${q.filter.procedure}`);
  if (q.filter?.field)
    dossierIn.push(sql`d.procedure_code in (select code from procedures where field_code = ${q.filter.field})`);
  return sql`
    with ds as (
      -- S.2.2: the dossiers of the scope with a handling step ending in the period, each
      -- with its METHOD §A verdict for the period (late or overdue), computed once per dossier.
      select d.province_code, d.id, d.code, d.unit_code, d.procedure_code, d.start_at, v.pop and not v.ok as late_dossier
      from dossiers d cross join lateral ${dossierVerdict(q.period)} v
      where ${sql.join(dossierIn, sql` and `)}
        and exists (select 1 from process_steps x where x.province_code = d.province_code and x.dossier_id = d.id
          and x.at >= ${ps} and x.at <= ${asOf} and x.status <> ${STATUS.SUBMITTED})
    ), st as (
      -- S.1.1: handling steps up to as-of, in order (ties by status); S.1.3 needs the previous one's end.
      select ds.code, ds.unit_code, coalesce(ds.procedure_code, '') as procedure_code, ds.start_at, ds.late_dossier,
        s.status, s.at, s.department, s.handler, s.started_at, s.step_due_at,
        lag(s.at) over (partition by s.province_code, s.dossier_id order by s.at, s.status) as prev_at
      from ds join process_steps s on s.province_code = ds.province_code and s.dossier_id = ds.id
      where s.at <= ${asOf} and s.status <> ${STATUS.SUBMITTED}
    ), held as (
      select st.*,
        -- S.1.3: NgayBatDau when not after the end; else the previous step's end; else the dossier's start.
        -- [decision] a dossier start after the step's end holds it from its end.
        case when st.started_at <= st.at then st.started_at else least(coalesce(st.prev_at, st.start_at, st.at), st.at) end as from_at,
        -- S.1.5: a deadline at 00:00:00 local is the end of that day.
        case when st.step_due_at = ${localDay(sql`st.step_due_at`)}::timestamp at time zone ${sql.raw(`'${TZ}'`)}
          then (${localDay(sql`st.step_due_at`)} + 1)::timestamp at time zone ${sql.raw(`'${TZ}'`)} - interval '1 millisecond'
          else st.step_due_at end as due
      from st where st.at >= ${ps}
    )
    select h.unit_code as unit, h.procedure_code as procedure, h.status, h.department, h.handler,
      -- S.1.4: METHOD §A.4's count of working days after the start's date up to the end's date.
      ${ord(localDay(sql`h.at`))} - ${ord(localDay(sql`h.from_at`))} as days,
      case when h.due is null then null else h.at > h.due end as late,
      -- S.5 and the data review: what the sender filled.
      h.started_at is not null as has_start, h.started_at > h.at as start_after_end, h.step_due_at is not null as has_due,
      count(*)::int as count,
      coalesce(array_agg(distinct h.code) filter (where h.at > h.due and h.late_dossier), '{}') as late_dossiers
    from held h
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;
}

export async function stepFacts(orm: Orm, q: Omit<StepQuery, "by">): Promise<StepFact[]> {
  const found = await rows<{
    unit: string;
    procedure: string;
    status: number;
    department: string | null;
    handler: string | null;
    days: number | null;
    late: boolean | null;
    has_start: boolean;
    start_after_end: boolean | null;
    has_due: boolean;
    count: number;
    late_dossiers: string[];
  }>(orm, stepFactsSql(q));
  return found.map((r) => ({
    unit: r.unit,
    procedure: r.procedure,
    status: Number(r.status),
    department: r.department,
    handler: r.handler,
    days: r.days == null ? null : Number(r.days),
    late: r.late,
    count: Number(r.count),
    // A text[]: an array from both drivers (as audit.ts reads its examples).
    lateDossiers: r.late_dossiers,
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
