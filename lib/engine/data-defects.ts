/**
 * The data defects that change an agency's scores, found in one pass over its
 * dossiers: what `tthc audit` prints and the data-quality review shows, so an agency
 * can fix its data before it syncs.
 */
import { sql, type SQL } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import { dueDateExpression } from "./derive-sql";
import { dossierVerdict, overlapsPeriod } from "./verdict-sql";
import type { Period } from "@/lib/method/period";
import { DEFECT_KINDS, type DefectKind } from "@/lib/method/defects";
import { OTHER_TERMINAL, STATUS } from "@/lib/method/status";
import { inScope, type Scope, statusSql } from "./sql-util";

/** Each defect of lib/method/defects.ts as a condition over a dossier `d` and its procedure `p`. */
const DEFECT_SQL: Record<DefectKind, SQL> = {
  no_reception: sql`d.received_at is null and d.status <> ${statusSql(STATUS.SUBMITTED)}`,
  no_step: sql`d.refused_at is null and not exists (select 1 from process_steps s where s.province_code = d.province_code and s.dossier_id = d.id)`,
  terminal_without_step: sql`d.status in ${statusSql(STATUS.DONE, ...OTHER_TERMINAL)} and d.done_at is null and d.closed_at is null`,
  unknown_procedure: sql`p.code is null`,
  no_deadline: sql`p.code is not null and (p.deadline_value is null or p.deadline_unit is null)`,
  no_channel: sql`d.channel is null`,
  // §C.3: a dossier with no fee line counts as payable when its payment is integrated,
  // whatever the catalogue says; §C.2: the catalogue states a fee.
  missing_fee: sql`d.fee_lines = 0 and (p.has_fee or exists (select 1 from authorities a
    where a.unit_code = d.unit_code and a.procedure_code = d.procedure_code and a.payment_integrated))`,
  appointment_mismatch: sql`d.appointment_at is not null and d.due_at is not null
      and (d.appointment_at at time zone 'Asia/Ho_Chi_Minh')::date
        <> ${dueDateExpression(sql`d.start_at`, sql`p.deadline_unit`, sql`p.deadline_value`, sql`d.due_at`)}`,
  step_before_reception: sql`d.received_at is not null and exists (select 1 from process_steps s where s.province_code = d.province_code and s.dossier_id = d.id and s.at < d.received_at)`,
};

export interface DefectRow {
  unitCode: string;
  unitName: string | null;
  dossiers: number;
  counts: Record<DefectKind, number>;
  /** Up to `sample` dossier codes per defect. */
  examples: Record<DefectKind, string[]>;
}

/**
 * Defects per agency (the agency handling the dossier), within `scope`'s
 * subtree (null = everything).
 */
export async function countDefects(
  orm: Orm,
  opts: { scope: Scope; sample?: number; period?: Period },
): Promise<DefectRow[]> {
  const sample = opts.sample ?? 20;
  const flags = sql.join(
    DEFECT_KINDS.map((k) => sql`(${DEFECT_SQL[k]}) as ${sql.identifier(k)}`),
    sql`, `,
  );
  const counts = sql.join(
    DEFECT_KINDS.map((k) => sql`count(*) filter (where ${sql.identifier(k)})::int as ${sql.identifier(`n_${k}`)}`),
    sql`, `,
  );
  const examples = sql.join(
    DEFECT_KINDS.map(
      (k) =>
        sql`(array_agg(f.code order by f.code) filter (where ${sql.identifier(k)}))[1:${sql.raw(String(Math.max(1, Math.floor(sample))))}] as ${sql.identifier(`x_${k}`)}`,
    ),
    sql`, `,
  );
  const found = await rows<Record<string, unknown>>(
    orm,
    sql`with f as (
        select d.unit_code, d.code, ${flags}
        from dossiers d left join procedures p on p.code = d.procedure_code
        ${opts.period ? sql`cross join lateral ${dossierVerdict(opts.period)} v` : sql``}
        where ${inScope(sql`d.unit_code`, opts.scope)}
          -- With a period: the dossiers its figures count (the §A population or received in it).
          ${opts.period ? sql`and ${overlapsPeriod(opts.period)} and (v.pop or v.rec)` : sql``}
      )
      select f.unit_code, u.name as unit_name, count(*)::int as dossiers, ${counts}, ${examples}
      from f left join units u on u.code = f.unit_code
      group by f.unit_code, u.name order by f.unit_code`,
  );
  return found.map((r) => ({
    unitCode: String(r.unit_code),
    unitName: (r.unit_name as string | null) ?? null,
    dossiers: Number(r.dossiers),
    counts: Object.fromEntries(DEFECT_KINDS.map((k) => [k, Number(r[`n_${k}`])])) as DefectRow["counts"],
    examples: Object.fromEntries(
      DEFECT_KINDS.map((k) => [k, (r[`x_${k}`] as string[] | null) ?? []]),
    ) as DefectRow["examples"],
  }));
}
