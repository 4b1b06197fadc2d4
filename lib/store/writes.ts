/**
 * Set-based writes shared by the seed, the imports and the sync API: each takes
 * already-validated rows and writes them in one statement per batch through
 * `jsonb_to_recordset`, which both PostgreSQL and PGlite run fast.
 */
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import type { UnitKind } from "@/db/schema";
import {
  dueExpression,
  newStepsDerivedSql,
  refreshDerived,
  refreshDue,
  rebuildUnitClosure,
  STEP_DERIVED_COLUMNS,
} from "@/lib/engine/derive-sql";
import { derive } from "@/lib/method/ontime";
import { history766 } from "@/lib/method/i766/ontime";
import { record766 } from "@/lib/method/i766/dossier-flags";
import type { DeadlineUnit } from "@/lib/method/ontime";
import { inScope, textList, type Scope, EVERY_UNIT } from "@/lib/engine/sql-util";
import { holdReferenceShared, lockDossiers, referenceChange } from "@/lib/engine/write-locks";

const BATCH = 5000;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function* batches<T>(list: T[], size = BATCH): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

export interface UnitRow {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  areaCode: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}
export async function upsertUnits(orm: Orm, list: UnitRow[]): Promise<void> {
  // One change of reference data: the tree, its closure and the re-stamped rows commit together (write-locks.ts).
  await referenceChange(orm, async (tx) => {
    await writeUnits(tx, list);
    await rebuildUnitClosure(tx);
    await restampProvinces(tx);
  });
}

async function writeUnits(orm: Orm, list: UnitRow[]): Promise<void> {
  for (const b of batches(list)) {
    await orm.execute(sql`
      insert into units (code, name, kind, parent_code, area_code, valid_from, valid_to)
      select code, name, kind, "parentCode", "areaCode", "validFrom", "validTo"
      from jsonb_to_recordset(${JSON.stringify(b)}::jsonb)
        as x(code text, name text, kind text, "parentCode" text, "areaCode" text, "validFrom" date, "validTo" date)
      on conflict (code) do update set name = excluded.name, kind = excluded.kind, parent_code = excluded.parent_code,
        area_code = excluded.area_code, valid_from = excluded.valid_from, valid_to = excluded.valid_to`);
  }
}

/** The tables whose rows carry their unit's province (the distribution column, docs/scale.md). */
export const DISTRIBUTED = ["dossiers", "feedback", "reported_totals", "authorities", "rejected_records"] as const;

/**
 * After a change to the unit tree, rows whose unit now lies in another province are
 * moved there (process steps follow their dossier by the cascading foreign key). On
 * Citus this is a move between shards, which it does not do by UPDATE: see docs/scale.md.
 */
async function restampProvinces(orm: Orm): Promise<void> {
  for (const table of DISTRIBUTED) {
    await orm.execute(sql`
      with moved as (
        select u.code, province_of(u.code) as province from units u
      )
      update ${sql.identifier(table)} t set province_code = moved.province from moved
      where t.unit_code = moved.code and t.province_code <> moved.province`);
  }
}

export interface ProcedureRow {
  code: string;
  name: string;
  fieldCode: string | null;
  fieldName: string | null;
  deadlineValue: number | null;
  deadlineUnit: DeadlineUnit | null;
  hasFee: boolean;
  /** METHOD-766 §6's optional columns the file carried (a key per column present). */
  i766?: Record<string, string | null>;
}
export async function upsertProcedures(orm: Orm, list: ProcedureRow[]): Promise<void> {
  // A deadline change and the deadlines it re-derives commit together, with no dossier written between (write-locks.ts).
  await referenceChange(orm, async (tx) => {
    await writeProcedures(tx, list);
    await rememberColumns(
      tx,
      "thutuc",
      list.flatMap((p) => Object.keys(p.i766 ?? {})),
    );
  });
}

/**
 * METHOD-766 §0.2/§6: remembers that a file of this kind carried these optional columns
 * (every import says so, a header-only file too), so that a group without any record
 * reads "nothing to count" rather than "columns absent". Idempotent: writers never conflict.
 */
export async function rememberColumns(orm: Orm, file: "thutuc" | "pakn", columns: Iterable<string>): Promise<void> {
  // In one order for every writer: two inserting the same keys in opposite orders would deadlock.
  const list = [...new Set(columns)].sort();
  if (!list.length) return;
  await orm.execute(sql`insert into carried_columns (file, column_name)
    select ${file}, c from ${textList(list)} as l(c)
    on conflict do nothing`);
}

async function writeProcedures(orm: Orm, list: ProcedureRow[]): Promise<void> {
  if (!list.length) return;
  const deadline = (unit: string | null, value: number | null) => `${unit}|${value === null ? null : Number(value)}`;
  const before = new Map(
    (
      await rows<{ code: string; unit: string | null; value: number | null }>(
        orm,
        sql`
      select code, deadline_unit as unit, deadline_value::float8 as value from procedures where code in ${textList(list.map((p) => p.code))}`,
      )
    ).map((p) => [p.code, deadline(p.unit, p.value)]),
  );
  for (const b of batches(list)) {
    await orm.execute(sql`
      insert into procedures (code, name, field_code, field_name, deadline_value, deadline_unit, has_fee, i766)
      select code, name, "fieldCode", "fieldName", "deadlineValue", "deadlineUnit", "hasFee", coalesce(i766, '{}')
      from jsonb_to_recordset(${JSON.stringify(b)}::jsonb) as x(code text, name text, "fieldCode" text,
        "fieldName" text, "deadlineValue" numeric, "deadlineUnit" text, "hasFee" boolean, i766 jsonb)
      on conflict (code) do update set name = excluded.name, field_code = excluded.field_code,
        field_name = excluded.field_name, deadline_value = excluded.deadline_value,
        deadline_unit = excluded.deadline_unit, has_fee = excluded.has_fee,
        -- A catalogue file without the 766 columns (the CSDLQG export) keeps those already held.
        i766 = procedures.i766 || excluded.i766`);
  }
  // A deadline change re-evaluates the due instants of those procedures' dossiers (METHOD
  // §A.4) — only of procedures whose deadline changed (a new one included): nothing else
  // derived reads the catalogue (the 766 history does not; KetQuaGiay and the publication
  // dates are read at score time). A re-import of an unchanged catalogue then holds the
  // writers' lock for the upsert alone, not for a pass over every dossier.
  const last = new Map(list.map((p) => [p.code, deadline(p.deadlineUnit, p.deadlineValue)]));
  const changed = [...last].filter(([code, d]) => before.get(code) !== d).map(([code]) => code);
  if (changed.length) await refreshDue(orm, sql`d.procedure_code in ${textList(changed)}`);
}

export interface AuthorityRow {
  unitCode: string;
  procedureCode: string;
  onlineLevel: 3 | 4 | null;
  paymentIntegrated: boolean;
}
export async function upsertAuthorities(orm: Orm, list: AuthorityRow[]): Promise<void> {
  // A unit move re-stamps these rows' province: not while they are being written (write-locks.ts).
  await asWriter(orm, async (tx) => {
    for (const b of batches(list)) {
      await tx.execute(sql`
        insert into authorities (province_code, unit_code, procedure_code, online_level, payment_integrated)
        select province_of("unitCode"), "unitCode", "procedureCode", "onlineLevel", "paymentIntegrated"
        from jsonb_to_recordset(${JSON.stringify(b)}::jsonb)
          as x("unitCode" text, "procedureCode" text, "onlineLevel" smallint, "paymentIntegrated" boolean)
        on conflict (province_code, unit_code, procedure_code) do update set online_level = excluded.online_level,
          payment_integrated = excluded.payment_integrated`);
    }
  });
}

/** A write of rows stamped with their unit's province, as one transaction holding the writers' shared lock. */
async function asWriter(orm: Orm, write: (tx: Orm) => Promise<void>): Promise<void> {
  await orm.transaction(async (tx) => {
    const t = tx as unknown as Orm;
    await holdReferenceShared(t);
    await write(t);
  });
}

export interface StepRow {
  status: number;
  at: Date;
  handler?: string | null;
  title?: string | null;
  department?: string | null;
  content?: string | null;
  startedAt?: Date | null;
  stepDueAt?: Date | null;
}
export interface DossierRow {
  code: string;
  procedureCode: string | null;
  unitCode: string;
  channel: number | null;
  source: string | null;
  status: number;
  submittedAt: Date | null;
  receivedAt: Date | null;
  appointmentAt: Date | null;
  returnedAt: Date | null;
  finishedAt: Date | null;
  refusedAt: Date | null;
  paidOnline: number | null;
  feeLines: number;
  feePositive: boolean;
  syncedAt: Date | null;
  raw: unknown;
  steps: StepRow[];
}

/**
 * Upserts dossiers by MaHoSo (a later send updates the dossier; the first sync time
 * is kept) and adds their process steps without duplicating old ones. Idempotent.
 * A new dossier gets its derived facts (METHOD §A.2–A.4) in the insert itself, from its
 * own steps by the pure `derive` and the due instant by the SQL rule; an existing one
 * may have older steps, so its facts are refreshed from all of them after.
 */
export async function upsertDossiers(
  orm: Orm,
  list: DossierRow[],
  now = new Date(),
  opts: { refresh?: boolean; scope?: Scope } = {},
): Promise<Set<string>> {
  const written = new Set<string>();
  // Every writer inserts new MaHoSo in the same order, so two that send the same new
  // dossiers wait for each other instead of deadlocking (write-locks.ts).
  const sorted = [...list].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const b of batches(sorted, 2000)) {
    await orm.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Orm;
      await holdReferenceShared(tx);
      await lockDossiers(
        tx,
        b.map((d) => d.code),
      );
      for (const code of await upsertBatch(tx, b, now, opts)) written.add(code);
    });
  }
  return written;
}

async function upsertBatch(
  orm: Orm,
  b: DossierRow[],
  now: Date,
  opts: { refresh?: boolean; scope?: Scope },
): Promise<string[]> {
  const json = JSON.stringify(
    b.map((d) => ({
      code: d.code,
      pc: d.procedureCode,
      uc: d.unitCode,
      ch: d.channel,
      src: d.source,
      st: d.status,
      sub: iso(d.submittedAt),
      rec: iso(d.receivedAt),
      app: iso(d.appointmentAt),
      ret: iso(d.returnedAt),
      fin: iso(d.finishedAt),
      ref: iso(d.refusedAt),
      paid: d.paidOnline,
      fl: d.feeLines,
      fp: d.feePositive,
      syn: iso(d.syncedAt ?? now),
      raw: d.raw,
      ...derivedJson(d, now),
    })),
  );
  const rowsWritten = await rows<{ province: string; id: number; code: string; updated: boolean }>(
    orm,
    sql`
    insert into dossiers (province_code, code, procedure_code, unit_code, channel, source, status, submitted_at, received_at,
      appointment_at, returned_at, finished_at, refused_at, paid_online, fee_lines, fee_positive, synced_at, raw,
      start_at, start_source, done_at, closed_at, closed_status, due_at,
      history766, end766_at, end766_status, wait766_ms, supplements766, supp766_at, last_event_at, record766, elapsed766_days)
    select province_of(x.uc), x.code, x.pc, x.uc, x.ch, x.src, x.st, x.sub, x.rec, x.app, x.ret, x.fin, x.ref, x.paid, x.fl, x.fp, x.syn,
      coalesce(x.raw, '{}'::jsonb), x.dsa, x.dss, x.dda, x.dca, x.dcs,
      ${dueExpression(sql`x.dsa`, sql`p.deadline_unit`, sql`p.deadline_value`)},
      true, x.h7e, x.h7s, x.h7w, x.h7n, x.h7a, x.h7l, x.r7, elapsed766_days(x.dsa, x.h7e, x.h7s, x.h7w)
    from jsonb_to_recordset(${json}::jsonb) as x(code text, pc text, uc text, ch smallint, src text, st smallint,
      sub timestamptz, rec timestamptz, app timestamptz, ret timestamptz, fin timestamptz, ref timestamptz,
      paid smallint, fl smallint, fp boolean, syn timestamptz, raw jsonb,
      dsa timestamptz, dss text, dda timestamptz, dca timestamptz, dcs smallint,
      h7e timestamptz, h7s smallint, h7w float8, h7n smallint, h7a timestamptz, h7l timestamptz, r7 smallint)
    left join procedures p on p.code = x.pc
    order by x.code
    on conflict (province_code, code) do update set procedure_code = excluded.procedure_code, unit_code = excluded.unit_code,
      channel = excluded.channel, source = excluded.source, status = excluded.status,
      submitted_at = excluded.submitted_at, received_at = excluded.received_at,
      appointment_at = excluded.appointment_at, returned_at = excluded.returned_at,
      finished_at = excluded.finished_at, refused_at = excluded.refused_at, paid_online = excluded.paid_online,
      fee_lines = excluded.fee_lines, fee_positive = excluded.fee_positive, raw = excluded.raw, record766 = excluded.record766, updated_at = now()
    -- A resend updates only a dossier of the sender's scope (checked against the row as committed);
    -- the system's own writes (seed, data folder) have no sender and pass no scope.
    where ${inScope(sql`dossiers.unit_code`, opts.scope ?? EVERY_UNIT)}
    returning province_code as province, id::int8::float8 as id, code, xmax <> 0 as updated`,
  );
  // Steps go in by the keys the upsert returned (no lookup by MaHoSo).
  const keys = new Map(rowsWritten.map((w) => [w.code, { province: w.province, id: Number(w.id) }]));
  await insertStepsByKey(
    orm,
    b.flatMap((d) => (keys.has(d.code) ? d.steps.map((s) => ({ ...stepJson(s), ...keys.get(d.code)! })) : [])),
  );
  const updated = rowsWritten.filter((w) => w.updated).map((w) => w.code);
  if (updated.length && opts.refresh !== false) {
    await refreshDerived(orm, sql`d.code in ${textList(updated)}`);
  }
  return rowsWritten.map((w) => w.code);
}

/** METHOD §A.2–A.3 and METHOD-766 §2.1 for a new dossier, from its own record and steps (the pure rules). */
function derivedJson(d: DossierRow, now: Date) {
  // The steps as the table keeps them: one per (status, time), as insertStepsByKey writes them.
  const steps = [...new Map(d.steps.map((x) => [`${x.status}|${x.at.getTime()}`, x])).values()];
  const facts = {
    status: d.status,
    receivedAt: d.receivedAt,
    refusedAt: d.refusedAt,
    syncedAt: d.syncedAt ?? now,
    steps,
  };
  const f = derive(facts);
  const h = history766(facts, null);
  return {
    dsa: iso(f.startAt),
    dss: f.startSource,
    dda: iso(f.doneAt),
    dca: iso(f.closedAt),
    dcs: f.closedStatus,
    h7e: iso(h.end?.at ?? null),
    h7s: h.end?.status ?? null,
    h7w: h.waitingMs,
    h7n: h.supplements,
    h7a: iso(h.supplementAt),
    h7l: iso(h.lastEventAt),
    r7: record766(d.raw),
  };
}

function stepJson(s: StepRow) {
  return {
    st: s.status,
    at: s.at.toISOString(),
    h: s.handler ?? null,
    t: s.title ?? null,
    dep: s.department ?? null,
    c: s.content ?? null,
    sa: iso(s.startedAt),
    due: iso(s.stepDueAt),
  };
}

/**
 * Adds process steps to dossiers by key; a step already present (same status and time) is
 * kept as is. Each new step's facts (S.1.3–S.1.5) are computed in the insert from the steps
 * sent with it: exact for a new dossier, whose steps all come in one batch (one dossier's
 * steps never straddle two); a dossier that had steps before is refreshed after
 * (refreshDerived), in the same transaction.
 */
async function insertStepsByKey(
  orm: Orm,
  steps: Array<ReturnType<typeof stepJson> & { province: string; id: number }>,
): Promise<void> {
  const byDossier = [...steps].sort((a, b) => a.province.localeCompare(b.province) || a.id - b.id);
  for (const b of batchesOfDossiers(byDossier, 10_000)) {
    const sent = sql`
      -- One row per key, as the table keeps them (the first sent wins, as on conflict does).
      select distinct on (x.province, x.id, x.st, x.at) x.province as province_code, x.id as dossier_id, x.st as status, x.at,
        x.h as handler, x.t as title, x.dep as department, x.c as content, x.sa as started_at, x.due as step_due_at
      from jsonb_to_recordset(${JSON.stringify(b.map((x, n) => ({ ...x, n })))}::jsonb) as x(province text, id bigint, st smallint,
        at timestamptz, h text, t text, dep text, c text, sa timestamptz, due timestamptz, n int)
      order by x.province, x.id, x.st, x.at, x.n`;
    await orm.execute(sql`
      insert into process_steps (province_code, dossier_id, status, at, handler, title, department, content, started_at,
        step_due_at, ${sql.raw(STEP_DERIVED_COLUMNS.join(", "))})
      select province_code, dossier_id, status, at, handler, title, department, content, started_at,
        step_due_at, ${sql.raw(STEP_DERIVED_COLUMNS.join(", "))}
      from (${newStepsDerivedSql(sent)}) n
      on conflict (province_code, dossier_id, status, at) do nothing`);
  }
}

/** Batches of about `size` steps that keep each dossier's steps together. */
function* batchesOfDossiers<T extends { province: string; id: number }>(list: T[], size: number): Generator<T[]> {
  let batch: T[] = [];
  for (let i = 0; i < list.length; i++) {
    batch.push(list[i]);
    const next = list[i + 1];
    const sameDossier = next && next.province === list[i].province && next.id === list[i].id;
    if (batch.length >= size && !sameDossier) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** CapNhatTienDoHoSoMC: adds steps to existing dossiers and refreshes their facts, as one transaction. */
export async function addSteps(
  orm: Orm,
  steps: Array<StepRow & { dossierCode: string }>,
  opts: { refresh?: boolean } = {},
): Promise<void> {
  const codes = [...new Set(steps.map((s) => s.dossierCode))];
  if (!codes.length) return;
  await orm.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Orm;
    await holdReferenceShared(tx);
    // Locked before the steps go in: the refresh below then reads every writer's steps (write-locks.ts).
    await lockDossiers(tx, codes);
    const found = await rows<{ province: string; id: number; code: string }>(
      tx,
      sql`select province_code as province, id::float8 as id, code from dossiers where code in ${textList(codes)}`,
    );
    const keys = new Map(found.map((f) => [f.code, { province: f.province, id: Number(f.id) }]));
    await insertStepsByKey(
      tx,
      steps.filter((s) => keys.has(s.dossierCode)).map((s) => ({ ...stepJson(s), ...keys.get(s.dossierCode)! })),
    );
    if (opts.refresh === false) return;
    for (const b of batches(codes)) {
      await refreshDerived(tx, sql`d.code in ${textList(b)}`);
    }
  });
}

export interface FeedbackRow {
  code: string;
  receivedAt: Date;
  kind: number;
  unitCode: string;
  sector: string | null;
  field: string | null;
  /** METHOD-766 §6's optional columns the file carried; a re-sent PAKN replaces them as it replaces the rest. */
  i766?: Record<string, string | null>;
}
export async function upsertFeedback(orm: Orm, list: FeedbackRow[]): Promise<void> {
  // A unit move re-stamps these rows' province: not while they are being written (write-locks.ts).
  await asWriter(orm, async (tx) => {
    for (const b of batches(list)) {
      await tx.execute(sql`
        insert into feedback (province_code, code, received_at, kind, unit_code, sector, field, i766)
        select province_of("unitCode"), code, "receivedAt", kind, "unitCode", sector, field, coalesce(i766, '{}')
        from jsonb_to_recordset(${JSON.stringify(b)}::jsonb)
          as x(code text, "receivedAt" timestamptz, kind smallint, "unitCode" text, sector text, field text, i766 jsonb)
        on conflict (province_code, code) do update set received_at = excluded.received_at, kind = excluded.kind,
          unit_code = excluded.unit_code, sector = excluded.sector, field = excluded.field, i766 = excluded.i766`);
    }
    await rememberColumns(
      tx,
      "pakn",
      list.flatMap((f) => Object.keys(f.i766 ?? {})),
    );
  });
}

export interface ReportRow {
  unitCode: string;
  fromDay: string;
  toDay: string;
  source: "bcqg" | "thongke";
  received: number;
}
export async function upsertReports(orm: Orm, list: ReportRow[]): Promise<void> {
  // A unit move re-stamps these rows' province: not while they are being written (write-locks.ts).
  await asWriter(orm, async (tx) => {
    for (const b of batches(list)) {
      await tx.execute(sql`
        insert into reported_totals (province_code, unit_code, from_day, to_day, source, received)
        select province_of("unitCode"), "unitCode", "fromDay", "toDay", source, received
        from jsonb_to_recordset(${JSON.stringify(b)}::jsonb)
          as x("unitCode" text, "fromDay" date, "toDay" date, source text, received int)
        on conflict (province_code, unit_code, from_day, to_day, source) do update set received = excluded.received`);
    }
  });
}

export async function countDossiers(orm: Orm): Promise<number> {
  const [r] = await rows<{ n: number }>(orm, sql`select count(*)::int as n from dossiers`);
  return r.n;
}
