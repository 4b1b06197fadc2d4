/**
 * Loads one dossier with its history and runs the pure explanation of METHOD §A over
 * it, and METHOD-766 §2.1's, each beside the verdict the SQL engine gives the same
 * dossier (they must agree).
 */
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import { WorkCalendar, type CalendarException } from "@/lib/method/calendar";
import { explain, type Explanation } from "@/lib/method/explain";
import { VERDICT_LABELS, type Verdict, type Deadline, type DeadlineUnit, type DossierFacts } from "@/lib/method/ontime";
import { judge766, RULE_766_LABELS, type Rule766 } from "@/lib/method/i766/ontime";
import { type Period, periodJson } from "@/lib/method/period";
import { STATUS_LABELS } from "@/lib/method/status";
import { formatLocalInstant } from "@/lib/method/time";
import { epochMs, fromEpochMs, inScope, type Scope } from "./sql-util";
import { dossierVerdict, verdictCase } from "./verdict-sql";
import { dossierVerdict766 } from "./verdict766-sql";

/** The working-day calendar as the database holds it now. */
export async function loadCalendar(orm: Orm): Promise<WorkCalendar> {
  const list = await rows<CalendarException>(
    orm,
    sql`select day::text as day, kind, name, source from calendar_exceptions`,
  );
  return new WorkCalendar(list);
}

export interface DossierExplanation extends Explanation {
  period: ReturnType<typeof periodJson>;
  code: string;
  unit: { code: string; name: string | null };
  procedure: { code: string | null; name: string | null; known: boolean };
  status: { code: number; label: string };
  channel: number | null;
  sqlVerdict: Verdict | null;
  /** The same dossier under METHOD-766 §2.1: its own end, waits and rule (and the SQL's verdict beside it). */
  i766: {
    verdict: Verdict | null;
    verdictLabel: string;
    rule: Rule766;
    ruleLabel: string;
    end: { at: string; status: number; label: string; bySupplement: boolean } | null;
    waitingMs: number;
    supplements: number;
    appointmentAt: string | null;
    due: string | null;
    sqlVerdict: Verdict | null;
  };
  steps: Array<{ status: number; label: string; at: string; handler: string | null; content: string | null }>;
}

interface Row {
  province_code: string;
  id: number;
  code: string;
  unit_code: string;
  unit_name: string | null;
  procedure_code: string | null;
  procedure_name: string | null;
  known: boolean;
  deadline_value: number | null;
  deadline_unit: DeadlineUnit | null;
  status: number;
  channel: number | null;
  received_ms: number | null;
  refused_ms: number | null;
  synced_ms: number;
  sql_verdict: Verdict | null;
  appointment_ms: number | null;
  sql_verdict766: Verdict | null;
}

/**
 * The explanation of dossier `code` for a period, or null when it does not exist
 * within `scope` (null = everywhere). Callers go through lib/data for scoping.
 */
export async function explainDossier(
  orm: Orm,
  code: string,
  period: Period,
  scope: Scope,
): Promise<DossierExplanation | null> {
  const [r] = await rows<Row>(
    orm,
    sql`select d.province_code, d.id::int as id, d.code, d.unit_code, u.name as unit_name, d.procedure_code, p.name as procedure_name,
        p.code is not null as known, p.deadline_value::float8 as deadline_value, p.deadline_unit, d.status, d.channel,
        ${epochMs(sql`d.received_at`)} as received_ms, ${epochMs(sql`d.refused_at`)} as refused_ms,
        ${epochMs(sql`d.synced_at`)} as synced_ms, ${verdictCase(sql`v`)} as sql_verdict,
        ${epochMs(sql`d.appointment_at`)} as appointment_ms, ${verdictCase(sql`v7`)} as sql_verdict766
      from dossiers d
      left join units u on u.code = d.unit_code
      left join procedures p on p.code = d.procedure_code
      cross join lateral ${dossierVerdict(period)} v
      cross join lateral ${dossierVerdict766(period)} v7
      where d.code = ${code}
        and ${inScope(sql`d.unit_code`, scope)}`,
  );
  if (!r) return null;
  const steps = await rows<{ status: number; at_ms: number; handler: string | null; content: string | null }>(
    orm,
    sql`select status, ${epochMs(sql`at`)} as at_ms, handler, content from process_steps
        where province_code = ${r.province_code} and dossier_id = ${r.id} order by at, status`,
  );
  const facts: DossierFacts = {
    status: r.status,
    receivedAt: fromEpochMs(r.received_ms),
    refusedAt: fromEpochMs(r.refused_ms),
    syncedAt: fromEpochMs(r.synced_ms)!,
    steps: steps.map((s) => ({ status: s.status, at: new Date(Number(s.at_ms)) })),
  };
  const deadline: Deadline | null =
    r.deadline_value != null && r.deadline_unit ? { value: Number(r.deadline_value), unit: r.deadline_unit } : null;
  const cal = await loadCalendar(orm);
  const appointmentAt = fromEpochMs(r.appointment_ms);
  const j = judge766({ ...facts, appointmentAt }, r.known ? deadline : null, period, cal);
  const i766: DossierExplanation["i766"] = {
    verdict: j.verdict,
    verdictLabel: j.verdict ? VERDICT_LABELS[j.verdict] : "Không thuộc kỳ đánh giá",
    rule: j.rule,
    ruleLabel: RULE_766_LABELS[j.rule],
    end: j.end && {
      at: formatLocalInstant(j.end.at),
      status: j.end.status,
      label: STATUS_LABELS[j.end.status] ?? String(j.end.status),
      bySupplement: j.end.by === "single_supplement",
    },
    waitingMs: j.waitingMs,
    supplements: j.supplements,
    appointmentAt: appointmentAt && formatLocalInstant(appointmentAt),
    due: j.due && formatLocalInstant(j.due),
    sqlVerdict: r.sql_verdict766,
  };
  return {
    period: periodJson(period),
    code: r.code,
    unit: { code: r.unit_code, name: r.unit_name },
    procedure: { code: r.procedure_code, name: r.procedure_name, known: r.known },
    status: { code: r.status, label: STATUS_LABELS[r.status] ?? String(r.status) },
    channel: r.channel,
    ...explain(facts, deadline, period, cal, r.known),
    sqlVerdict: r.sql_verdict,
    i766,
    steps: steps.map((s) => ({
      status: s.status,
      label: STATUS_LABELS[s.status] ?? String(s.status),
      at: formatLocalInstant(new Date(Number(s.at_ms))),
      handler: s.handler,
      content: s.content,
    })),
  };
}
