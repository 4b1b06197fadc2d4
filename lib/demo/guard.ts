/**
 * What a demo reset may wipe. `db:seed -- --reset` empties the database; on a real one
 * (47,600 synced dossiers, its tokens, its audit log) that was done in seconds with no
 * question asked. Now the seed leaves a fingerprint of what it wrote (portal_meta "demo"),
 * and a database is "the demo" only while it still matches it: same counts, no dossier
 * written since, no account but the demo's. Anything else needs the database named
 * (--yes-wipe), and accounts of its own are never wiped by the seed.
 */
import { inArray, notInArray, sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import { portalMeta, users } from "@/db/schema";
import { DEMO_ACCOUNTS } from "./accounts";

interface Fingerprint {
  dossiers: number;
  steps: number;
  feedback: number;
  units: number;
  procedures: number;
  tokens: number;
  rejected: number;
  lastWrite: string | null;
}

async function fingerprint(orm: Orm): Promise<Fingerprint> {
  const [f] = await rows<Fingerprint>(
    orm,
    sql`select
    (select count(*) from dossiers)::int as dossiers, (select count(*) from process_steps)::int as steps,
    (select count(*) from feedback)::int as feedback, (select count(*) from units)::int as units,
    (select count(*) from procedures)::int as procedures, (select count(*) from api_tokens)::int as tokens,
    (select count(*) from rejected_records)::int as rejected,
    (select max(greatest(updated_at, synced_at))::text from dossiers) as "lastWrite"`,
  );
  return f;
}

/** Called by the seed when it is done. */
export async function markDemo(orm: Orm): Promise<void> {
  const value = await fingerprint(orm);
  await orm
    .insert(portalMeta)
    .values({ key: "demo", value })
    .onConflictDoUpdate({ target: portalMeta.key, set: { value, at: sql`now()` } });
}

const sameFingerprint = (a: Fingerprint, b: Fingerprint) =>
  (Object.keys(b) as Array<keyof Fingerprint>).every((k) => a[k] === b[k]);

const demoNames = DEMO_ACCOUNTS.map((a) => a.username);

/** Accounts that are not the demo's (made on the portal, or by admin:create). */
export async function foreignUsers(orm: Orm): Promise<string[]> {
  const found = await orm
    .select({ username: users.username })
    .from(users)
    .where(notInArray(users.username, demoNames))
    .limit(20);
  return found.map((u) => u.username);
}

export interface DatabaseState {
  /** No dossier, no unit, no account. */
  empty: boolean;
  /** Exactly what the demo seed left. */
  demoOnly: boolean;
  foreignUsers: string[];
  dossiers: number;
}

export async function databaseState(orm: Orm): Promise<DatabaseState> {
  const now = await fingerprint(orm);
  const [meta] = await orm
    .select()
    .from(portalMeta)
    .where(inArray(portalMeta.key, ["demo"]));
  const [{ n: accounts }] = await rows<{ n: number }>(orm, sql`select count(*)::int as n from users`);
  const foreign = await foreignUsers(orm);
  return {
    empty: now.dossiers === 0 && now.units === 0 && accounts === 0,
    demoOnly: Boolean(meta) && foreign.length === 0 && sameFingerprint(meta.value as Fingerprint, now),
    foreignUsers: foreign,
    dossiers: now.dossiers,
  };
}
