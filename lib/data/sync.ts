/**
 * Ingestion of DVCQG envelopes (DATA.md §1) for the sync API and the quarantine's
 * resend: every record is validated on its own; valid ones are upserted in one
 * transaction (a crash leaves all of them or none), invalid ones are kept verbatim
 * with their errors to be corrected and resent. A record for a unit outside the
 * caller's subtree (in a record, or as the envelope's madonvi) refuses the whole batch
 * (403) before anything is written.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import { rejectedRecords } from "@/db/schema";
import { addSteps, upsertDossiers, type DossierRow, type StepRow } from "@/lib/store/writes";
import type { Permission } from "@/lib/roles";
import { allowed, scopeOf, type Caller } from "@/lib/data/scope";
import { ForbiddenError } from "@/lib/errors";
import { classifyUnits } from "@/lib/data/units";
import { boundedError, type FieldError } from "@/lib/ingest/errors";
import { quarantineCopy, visibleText } from "@/lib/ingest/bounds";
import { parseDossier, parseStep, type Service } from "@/lib/ingest/dvcqg";
import { inScope, textList, type Scope, scopeRoot } from "@/lib/engine/sql-util";
import { holdReferenceShared, lockDossiers, retryOnConflict } from "@/lib/engine/write-locks";

export interface RecordResult {
  index: number;
  MaHoSo: string | null;
  status: "ok" | "rejected";
  errors?: FieldError[];
}

export interface IngestOutcome {
  accepted: number;
  rejected: number;
  results: RecordResult[];
  /** Ids of the quarantined records, by index. */
  quarantined: Map<number, number>;
}

type Step = StepRow & { dossierCode: string };
/** The MaHoSo a record names, as text the quarantine can hold (U+0000 and half surrogates shown as escapes, at most 100 characters). */
const codeOf = (raw: unknown) => {
  const c = (raw as { MaHoSo?: unknown } | null)?.MaHoSo;
  if (c == null || typeof c === "object" || String(c).trim() === "") return null;
  // By characters, not UTF-16 units: a cut through an emoji would leave half of it.
  return Array.from(visibleText(String(c).trim()))
    .slice(0, 100)
    .join("");
};

export async function ingest(
  orm: Orm,
  caller: Caller,
  input: { service: Service; data: unknown[]; defaultUnit?: string | null },
  now = new Date(),
  opts: { permission?: Permission; quarantine?: boolean } = {},
): Promise<IngestOutcome> {
  if (!allowed(caller, opts.permission ?? "sync:write")) throw new ForbiddenError();
  const scope = scopeOf(caller);
  // A token bound to a single agency is that batch's default MaDonVi (DATA.md §1).
  const defaultUnit = input.defaultUnit ?? (caller.kind === "token" ? caller.unitCode : null);
  const results: RecordResult[] = [];
  // Errors as the API answers and the quarantine keeps them: bounded (a record may name a 5,000-character field).
  const reject = (index: number, raw: unknown, errors: FieldError[]) =>
    results.push({ index, MaHoSo: codeOf(raw), status: "rejected", errors: errors.map(boundedError) });

  const dossiers = new Map<string, { index: number; row: DossierRow }>();
  const steps: Array<{ index: number; row: Step }> = [];
  const data = input.data;
  data.forEach((raw, index) => {
    if (input.service === "DongBoHoSoMC") {
      const r = parseDossier(raw, defaultUnit);
      if (!r.ok) return reject(index, raw, r.errors);
      // The same MaHoSo twice in a batch: the later record wins, the steps of both are kept.
      const prev = dossiers.get(r.value.code);
      if (prev) r.value.steps = [...prev.row.steps, ...r.value.steps];
      dossiers.set(r.value.code, { index, row: r.value });
      results.push({ index, MaHoSo: r.value.code, status: "ok" });
    } else {
      const r = parseStep(raw);
      if (!r.ok) return reject(index, raw, r.errors);
      steps.push({ index, row: r.value });
      results.push({ index, MaHoSo: r.value.dossierCode, status: "ok" });
    }
  });

  // Units: unknown ones reject the record; known ones outside the scope refuse the batch.
  const rawUnits = data
    .map((r) => (r as { MaDonVi?: unknown } | null)?.MaDonVi)
    // A code PostgreSQL cannot compare (U+0000) or no code can be (over 100 characters) names no unit: its record is rejected anyway.
    .filter((u): u is string => typeof u === "string" && u.trim() !== "" && u.length <= 100 && !u.includes("\u0000"));
  // The envelope's madonvi too: it files records (and quarantined ones) under that unit, so it names one of the caller's.
  const envelopeUnit = input.defaultUnit?.trim() || null;
  const units = [
    ...new Set([
      ...[...dossiers.values()].map((d) => d.row.unitCode),
      ...rawUnits.map((u) => u.trim()),
      ...(envelopeUnit ? [envelopeUnit] : []),
    ]),
  ];
  const { exists, inside } = await classifyUnits(orm, scope, units);
  const outsideUnit = units.find((u) => exists.has(u) && !inside.has(u));
  if (outsideUnit)
    throw new ForbiddenError(
      `Có bản ghi của đơn vị ${outsideUnit}, ngoài phạm vi của mã truy cập`,
      `A record belongs to unit ${outsideUnit}, outside this token's scope`,
    );
  // Existing dossiers (by MaHoSo) must be in the scope too, so nobody rewrites another agency's dossier.
  const codes = [...new Set([...dossiers.keys(), ...steps.map((s) => s.row.dossierCode)])];
  const existing = await rows<{ code: string; inside: boolean }>(
    orm,
    sql`select d.code, ${inScope(sql`d.unit_code`, scope)} as inside from dossiers d where d.code in ${textList(codes)}`,
  );
  const taken = existing.find((e) => !e.inside);
  if (taken)
    throw new ForbiddenError(
      `Hồ sơ ${taken.code} thuộc đơn vị ngoài phạm vi`,
      `Dossier ${taken.code} belongs to a unit outside this scope`,
    );
  const known = new Set(existing.map((e) => e.code));

  const byIndex = new Map(results.map((r) => [r.index, r]));
  const turnDown = (index: number, errors: FieldError[]) => {
    const r = byIndex.get(index)!;
    r.status = "rejected";
    r.errors = errors;
  };
  for (const { index, row } of dossiers.values()) {
    if (!exists.has(row.unitCode)) {
      turnDown(index, [
        {
          field: "MaDonVi",
          vi: `Mã đơn vị không tồn tại: "${row.unitCode}"`,
          en: `Unknown unit code: "${row.unitCode}"`,
        },
      ]);
      dossiers.delete(row.code);
    }
  }
  const validSteps = steps.filter(({ index, row }) => {
    if (known.has(row.dossierCode)) return true;
    turnDown(index, [
      {
        field: "MaHoSo",
        vi: "Hồ sơ chưa được đồng bộ (gửi DongBoHoSoMC trước)",
        en: "Unknown dossier (send DongBoHoSoMC first)",
      },
    ]);
    return false;
  });

  const rejected = results.filter((r) => r.status === "rejected");
  const quarantined = new Map<number, number>();
  // One transaction; a deadlock or serialization failure PostgreSQL resolves by rolling it back is run again (write-locks.ts).
  await retryOnConflict(() =>
    orm.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Orm;
      quarantined.clear();
      // Every dossier this batch writes or adds steps to, locked first, in the global order.
      await holdReferenceShared(tx);
      await lockDossiers(tx, [...new Set([...dossiers.keys(), ...validSteps.map((s) => s.row.dossierCode)])]);
      if (dossiers.size) {
        // Ownership is checked again where it is written: a dossier that another agency
        // created meanwhile is not taken over (the conditional upsert leaves it unwritten).
        const list = [...dossiers.values()].map((d) => d.row);
        const written = await upsertDossiers(tx, list, now, { scope });
        const refused = list.find((d) => !written.has(d.code));
        if (refused)
          throw new ForbiddenError(
            `Hồ sơ ${refused.code} thuộc đơn vị ngoài phạm vi`,
            `Dossier ${refused.code} belongs to a unit outside this scope`,
          );
      }
      if (validSteps.length)
        await addSteps(
          tx,
          validSteps.map((s) => s.row),
        );
      if (rejected.length && opts.quarantine !== false) {
        const ids = await tx
          .insert(rejectedRecords)
          .values(
            rejected
              .map((r) => ({ r, unitCode: unitOf(data[r.index], inside, defaultUnit, scope) }))
              .map(({ r, unitCode }) => ({
                provinceCode: sql`province_of(${unitCode}::text)`,
                service: input.service,
                unitCode,
                dossierCode: r.MaHoSo,
                // A JSON null record is kept as JSON null, not as a missing value.
                payload: data[r.index] == null ? sql`'null'::jsonb` : (quarantineCopy(data[r.index]) as object),
                errors: r.errors ?? [],
              })),
          )
          .returning({ id: rejectedRecords.id });
        rejected.forEach((r, i) => quarantined.set(r.index, ids[i].id));
      }
    }),
  );
  results.sort((a, b) => a.index - b.index);
  return { accepted: results.length - rejected.length, rejected: rejected.length, results, quarantined };
}

/**
 * The unit a quarantined record is filed under, so that its agency sees it: its own
 * MaDonVi when that is a unit of the caller's scope, else the sender's.
 */
function unitOf(raw: unknown, inside: Set<string>, defaultUnit: string | null, scope: Scope): string | null {
  const u = (raw as { MaDonVi?: unknown } | null)?.MaDonVi;
  const own = typeof u === "string" ? u.trim() : "";
  // Never a unit outside the caller's scope: another agency would find the record in its quarantine.
  return (
    (inside.has(own) ? own : null) ?? (defaultUnit && inside.has(defaultUnit) ? defaultUnit : null) ?? scopeRoot(scope)
  );
}
