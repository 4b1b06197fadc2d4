/** One dossier's steps as METHOD-STEPS reads them, on a working-day axis (the dossier page). */
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import type { Period } from "@/lib/method/period";
import { heldSteps, timeline, type Timeline } from "@/lib/method/steps";
import { epochMs, fromEpochMs, inScope, type Scope } from "./sql-util";
import { loadCalendar } from "./explain";
import { dossierVerdict } from "./verdict-sql";

/** The timeline of dossier `code` as of the period's as-of instant, or null when it is not within `scope`. */
export async function dossierTimeline(orm: Orm, code: string, period: Period, scope: Scope): Promise<Timeline | null> {
  const [d] = await rows<{
    province_code: string;
    id: number;
    start_ms: number | null;
    due_ms: number | null;
    late: boolean;
  }>(
    orm,
    sql`
    select d.province_code, d.id::int as id, ${epochMs(sql`d.start_at`)} as start_ms, ${epochMs(sql`d.due_at`)} as due_ms,
      coalesce(v.pop and not v.ok, false) as late
    from dossiers d cross join lateral ${dossierVerdict(period)} v
    where d.code = ${code} and ${inScope(sql`d.unit_code`, scope)}`,
  );
  if (!d) return null;
  const steps = await rows<{
    status: number;
    at_ms: number;
    handler: string | null;
    title: string | null;
    department: string | null;
    started_ms: number | null;
    due_ms: number | null;
  }>(
    orm,
    sql`
    select status, ${epochMs(sql`at`)} as at_ms, handler, title, department, ${epochMs(sql`started_at`)} as started_ms, ${epochMs(sql`step_due_at`)} as due_ms
    from process_steps where province_code = ${d.province_code} and dossier_id = ${d.id}`,
  );
  const cal = await loadCalendar(orm);
  const start = fromEpochMs(d.start_ms);
  const held = heldSteps(
    steps.map((s) => ({
      status: s.status,
      at: new Date(Number(s.at_ms)),
      handler: s.handler,
      title: s.title,
      department: s.department,
      startedAt: fromEpochMs(s.started_ms),
      stepDueAt: fromEpochMs(s.due_ms),
    })),
    start,
    period.asOf,
    cal,
  );
  return timeline(held, start, fromEpochMs(d.due_ms), d.late, cal);
}
