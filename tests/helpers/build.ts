/**
 * The one builder of test provinces: units, procedures and authorities written as
 * short tuples, so each test file states only the tree and catalogue its figures need.
 */
import type { Database } from "@/db";
import type { DeadlineUnit, UnitKind } from "@/db/schema";
import { upsertAuthorities, upsertProcedures, upsertUnits, type ProcedureRow } from "@/lib/store/writes";

/** [code, name, kind, parent code] */
export type UnitSpec = [string, string, UnitKind, string?];
/** [code, deadline value, deadline unit, has a fee, field code and name] */
export type ProcedureSpec = [string, number | null, DeadlineUnit | null, boolean?, [string, string]?];
/** [agency, procedure, online level, payment integrated] */
export type AuthoritySpec = [string, string, 3 | 4 | null, boolean?];

export async function buildProvince(
  db: Database,
  spec: { units: UnitSpec[]; procedures?: ProcedureSpec[]; authorities?: AuthoritySpec[] },
) {
  await upsertUnits(
    db.orm,
    spec.units.map(([code, name, kind, parent]) => ({ code, name, kind, parentCode: parent ?? null, areaCode: null })),
  );
  const procedures = (spec.procedures ?? []).map(([code, value, unit, fee, field]): ProcedureRow => ({
    code,
    name: `Thủ tục ${code}`,
    fieldCode: field?.[0] ?? null,
    fieldName: field?.[1] ?? null,
    deadlineValue: value,
    deadlineUnit: unit,
    hasFee: fee ?? false,
  }));
  if (procedures.length) await upsertProcedures(db.orm, procedures);
  const authorities = (spec.authorities ?? []).map(([unitCode, procedureCode, onlineLevel, paid]) => ({
    unitCode,
    procedureCode,
    onlineLevel,
    paymentIntegrated: paid ?? false,
  }));
  if (authorities.length) await upsertAuthorities(db.orm, authorities);
}
