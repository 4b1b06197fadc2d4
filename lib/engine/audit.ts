/**
 * The data defects that change an agency's scores, found in one pass over its
 * dossiers: what `tthc audit` prints and the data-quality review shows, so an agency
 * can fix its data before it syncs.
 */
import { sql, type SQL } from "drizzle-orm";
import { rows, type Orm } from "@/db";

export const DEFECTS = {
  no_reception: {
    vi: "Thiếu ngày tiếp nhận (NgayTiepNhan)", en: "No NgayTiepNhan", clause: "METHOD §A.3, §B.3, §Đ.1",
    sql: sql`d.received_at is null and d.status <> 1`,
  },
  no_step: {
    vi: "Không có tiến trình xử lý", en: "No process step", clause: "METHOD §A.2–A.3",
    sql: sql`d.refused_at is null and not exists (select 1 from process_steps s where s.dossier_id = d.id)`,
  },
  terminal_without_step: {
    vi: "Trạng thái đã kết thúc nhưng tiến trình không có bước kết thúc", en: "Terminal status without a terminal step", clause: "METHOD §A.2",
    sql: sql`d.status in (3, 7, 8, 9, 10) and d.done_at is null and d.closed_at is null`,
  },
  unknown_procedure: {
    vi: "Mã TTHC không có trong danh mục", en: "Unknown MaTTHC", clause: "METHOD §A.4 [decision]",
    sql: sql`p.code is null`,
  },
  no_deadline: {
    vi: "Thủ tục chưa có thời hạn giải quyết", en: "Procedure without a deadline", clause: "METHOD §A.4 [decision]",
    sql: sql`p.code is not null and (p.deadline_value is null or p.deadline_unit is null)`,
  },
  no_channel: {
    vi: "Thiếu kênh thực hiện (KenhThucHien), tính là trực tiếp", en: "Empty KenhThucHien (counted as direct)", clause: "METHOD §B.3",
    sql: sql`d.channel is null`,
  },
  missing_fee: {
    vi: "Thiếu dòng phí, lệ phí dù danh mục có phí", en: "No fee line although the catalogue has a fee", clause: "METHOD §C.2–C.3",
    sql: sql`d.fee_lines = 0 and p.has_fee`,
  },
  appointment_mismatch: {
    vi: "Ngày hẹn trả (NgayHenTra) khác hạn xử lý tính theo danh mục", en: "NgayHenTra disagrees with the computed due date", clause: "METHOD §A.6",
    sql: sql`d.appointment_at is not null and d.due_at is not null
      and (d.appointment_at at time zone 'Asia/Ho_Chi_Minh')::date <> (d.due_at at time zone 'Asia/Ho_Chi_Minh')::date`,
  },
  step_before_reception: {
    vi: "Có bước xử lý trước ngày tiếp nhận", en: "A step dated before reception", clause: "METHOD §A.3",
    sql: sql`d.received_at is not null and exists (select 1 from process_steps s where s.dossier_id = d.id and s.at < d.received_at)`,
  },
} as const satisfies Record<string, { vi: string; en: string; clause: string; sql: SQL }>;
export type DefectKind = keyof typeof DEFECTS;
export const DEFECT_KINDS = Object.keys(DEFECTS) as DefectKind[];

export interface AuditRow {
  unitCode: string;
  unitName: string | null;
  dossiers: number;
  counts: Record<DefectKind, number>;
  /** Up to `sample` dossier codes per defect. */
  examples: Record<DefectKind, string[]>;
}

/**
 * Defects per agency (the agency handling the dossier), within `scopeUnit`'s
 * subtree (null = everything).
 */
export async function auditDefects(orm: Orm, opts: { scopeUnit: string | null; sample?: number }): Promise<AuditRow[]> {
  const sample = opts.sample ?? 20;
  const flags = sql.join(DEFECT_KINDS.map((k) => sql`(${DEFECTS[k].sql}) as ${sql.identifier(k)}`), sql`, `);
  const counts = sql.join(DEFECT_KINDS.map((k) => sql`count(*) filter (where ${sql.identifier(k)})::int as ${sql.identifier(`n_${k}`)}`), sql`, `);
  const examples = sql.join(
    DEFECT_KINDS.map((k) => sql`(array_agg(f.code order by f.code) filter (where ${sql.identifier(k)}))[1:${sql.raw(String(Math.max(1, Math.floor(sample))))}] as ${sql.identifier(`x_${k}`)}`),
    sql`, `,
  );
  const found = await rows<Record<string, unknown>>(
    orm,
    sql`with f as (
        select d.unit_code, d.code, ${flags}
        from dossiers d left join procedures p on p.code = d.procedure_code
        ${opts.scopeUnit ? sql`where d.unit_code in (select descendant_code from unit_closure where ancestor_code = ${opts.scopeUnit})` : sql``}
      )
      select f.unit_code, u.name as unit_name, count(*)::int as dossiers, ${counts}, ${examples}
      from f left join units u on u.code = f.unit_code
      group by f.unit_code, u.name order by f.unit_code`,
  );
  return found.map((r) => ({
    unitCode: String(r.unit_code),
    unitName: (r.unit_name as string | null) ?? null,
    dossiers: Number(r.dossiers),
    counts: Object.fromEntries(DEFECT_KINDS.map((k) => [k, Number(r[`n_${k}`])])) as AuditRow["counts"],
    examples: Object.fromEntries(DEFECT_KINDS.map((k) => [k, (r[`x_${k}`] as string[] | null) ?? []])) as AuditRow["examples"],
  }));
}
