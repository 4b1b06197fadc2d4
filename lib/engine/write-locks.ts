/**
 * How concurrent writers stay exact (docs/scale.md, "Many writers"). Dozens of one-stop
 * systems sync at once; each write is one transaction that takes, first and in this order:
 * 1. the reference data lock, shared: writers never wait for each other on it, but a
 *    change of the catalogue, the calendar or the unit tree (which re-derives deadlines
 *    and provinces of stored dossiers) takes it exclusively, so no dossier is derived
 *    from reference data that such a change is replacing, or written after the change
 *    re-derived the stored ones and before it committed;
 * 2. the rows of the dossiers it writes, in one global order, so two batches that share
 *    dossiers take turns (a batch at most) instead of deadlocking, and the facts derived
 *    after the lock read the steps of every writer before it.
 * The rollup needs no lock: its writers only add and fold rows (db/migrations/0012).
 * What PostgreSQL may still refuse (a deadlock among new MaHoSo inserted in another order
 * by a third writer, a serialization failure) is retried as a whole: `retryOnConflict`.
 */
import { sql } from "drizzle-orm";
import type { Orm } from "@/db";
import { textList } from "./sql-util";

/** An arbitrary constant naming the lock (pg_advisory_xact_lock's key space is the database's). */
const REFERENCE_LOCK = 766_200_001;

/** Step 1 for a writer of dossiers: held to the end of its transaction. */
export async function holdReferenceShared(orm: Orm): Promise<void> {
  await orm.execute(sql`select pg_advisory_xact_lock_shared(${REFERENCE_LOCK}::int8)`);
}

/** A change of reference data, in one transaction that holds the lock exclusively (step 1). */
export async function referenceChange<T>(orm: Orm, change: (tx: Orm) => Promise<T>): Promise<T> {
  return orm.transaction(async (tx) => {
    const t = tx as unknown as Orm;
    await t.execute(sql`select pg_advisory_xact_lock(${REFERENCE_LOCK}::int8)`);
    return change(t);
  }) as Promise<T>;
}

/** Step 2: the existing dossiers with these codes, locked in the order (province, code). */
export async function lockDossiers(orm: Orm, codes: readonly string[]): Promise<void> {
  if (!codes.length) return;
  await orm.execute(sql`
    select 1 from dossiers where code in ${textList(codes)}
    order by province_code, code for no key update`);
}

/** deadlock_detected, serialization_failure: PostgreSQL rolled the transaction back; it may simply run again. */
const RETRYABLE = new Set(["40P01", "40001"]);
const codeOf = (e: unknown): string | undefined => {
  for (let x = e as { code?: unknown; cause?: unknown } | undefined, i = 0; x && i < 4; x = x.cause as typeof x, i++) {
    if (typeof x.code === "string") return x.code;
  }
  return undefined;
};

export async function retryOnConflict<T>(run: () => Promise<T>, tries = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      const code = codeOf(e);
      if (attempt >= tries || !code || !RETRYABLE.has(code)) throw e;
      // A short random pause, so the writers that collided do not collide again in step.
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}
