/**
 * Loads the demo province into a database: reference data, a year of dossiers,
 * feedback, reported totals and one login per role.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import {
  upsertAuthorities,
  upsertDossiers,
  upsertFeedback,
  upsertProcedures,
  upsertReports,
  upsertUnits,
} from "@/lib/store/writes";
import { hashPassword } from "@/lib/passwords";
import { rebuildRollup } from "@/lib/engine/rollup";
import { issueToken } from "@/lib/store/tokens";
import { localDate } from "@/lib/method/time";
import type { Role } from "@/lib/roles";
import { demoCatalogue766, demoDossiers, demoFeedback, demoReference, demoReports } from "./generate";
import { foreignUsers, markDemo } from "./guard";
import { DEMO_ACCOUNTS } from "./accounts";

export interface SeedOptions {
  dossiers?: number;
  until?: string;
  now?: Date;
  /** Where to write demo-users.json and demo-tokens.json (readable by the owner only); null to skip. */
  dataDir?: string | null;
  log?: (msg: string) => void;
  /** All 34 provinces (Thái Nguyên with its real units, the others synthetic). */
  national?: boolean;
  /** False: the dossiers without the process inside agencies (lib/demo/process.ts), for the test that it changes no figure. */
  process?: boolean;
}

export interface DemoUser {
  username: string;
  password: string;
  role: Role;
  agency: string;
  name: string;
}

export const DEMO_PASSWORD = "ChiSoTTHC@2026";

export async function seedDemo(db: Database, opts: SeedOptions = {}) {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? new Date();
  const until = opts.until ?? localDate(now);
  const n = opts.dossiers ?? 50_000;
  const t0 = Date.now();
  const ref = demoReference(undefined, { national: opts.national });
  await upsertUnits(db.orm, ref.units);
  await upsertProcedures(db.orm, demoCatalogue766(ref.procedures, until));
  await upsertAuthorities(db.orm, ref.authorities);
  log(`Danh mục: ${ref.units.length} đơn vị, ${ref.procedures.length} thủ tục, ${ref.authorities.length} thẩm quyền`);

  const perUnitMonth = new Map<string, number>();
  // A few dossiers of each agency for the PAKN that name one (METHOD-766 §5.4).
  const named = new Map<string, Array<{ code: string; at: number }>>();
  let written = 0;
  for (const chunk of demoDossiers(ref, { dossiers: n, until, now, process: opts.process })) {
    await upsertDossiers(db.orm, chunk, now, { refresh: false });
    for (const d of chunk) {
      if (!d.receivedAt) continue;
      const key = `${d.unitCode}|${localDate(d.receivedAt).slice(0, 7)}`;
      perUnitMonth.set(key, (perUnitMonth.get(key) ?? 0) + 1);
      const some = named.get(d.unitCode) ?? [];
      if (some.length < 40) named.set(d.unitCode, [...some, { code: d.code, at: d.receivedAt.getTime() }]);
    }
    written += chunk.length;
    if (written % 100_000 < chunk.length) log(`  ${written.toLocaleString("vi-VN")} hồ sơ…`);
  }
  await upsertFeedback(db.orm, demoFeedback(ref, { dossiers: n, until, now, dossiers766: named }));
  await upsertReports(db.orm, demoReports(perUnitMonth, until));
  // Written batch by batch, the rollup is mostly dead rows (each batch rewrote the month and
  // day rows it touched: 309 MB for 57,000 month rows at 1M); rebuilt once, one row per key.
  await rebuildRollup(db.orm);
  await db.orm.execute(sql`analyze`);
  log(`Hồ sơ: ${written.toLocaleString("vi-VN")} trong ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // A database with accounts of its own (its administrator made by admin:create) gets the
  // demo's data but no account with the published password and no demo token.
  const own = (await foreignUsers(db.orm)).length > 0;
  const demoUsers = own ? [] : await seedUsers(db);
  const tokens = own ? [] : await seedTokens(db, ref.units);
  await markDemo(db.orm);
  if (opts.dataDir !== null && !own) {
    const dir = opts.dataDir ?? path.join(process.cwd(), ".data");
    fs.mkdirSync(dir, { recursive: true });
    const secret = (file: string, value: unknown) => {
      fs.writeFileSync(path.join(dir, file), JSON.stringify(value, null, 2), { mode: 0o600 });
      fs.chmodSync(path.join(dir, file), 0o600); // also when the file was already there
    };
    secret(
      "demo-users.json",
      demoUsers.map(({ username, password, role, agency }) => ({ username, password, role, agency })),
    );
    secret("demo-tokens.json", tokens);
  }
  return { dossiers: written, users: demoUsers, tokens, ms: Date.now() - t0 };
}

/** One API token for the province and one per agency, bound to its subtree. */
async function seedTokens(db: Database, units: Array<{ code: string; name: string; kind: string }>) {
  const out: Array<{ token: string; unitCode: string; unitName: string; scope: string }> = [];
  for (const u of units) {
    const { token } = await issueToken(db.orm, { name: `Demo — ${u.name}`, unitCode: u.code });
    out.push({ token, unitCode: u.code, unitName: u.name, scope: u.kind === "tinh" ? "province" : "agency" });
  }
  return out;
}

export async function seedUsers(db: Database): Promise<DemoUser[]> {
  const list: DemoUser[] = DEMO_ACCOUNTS.map((u) => ({ ...u, password: DEMO_PASSWORD }));
  const hash = await hashPassword(DEMO_PASSWORD);
  // The demo password is published: on a real server (not the embedded demo) each demo user replaces it at first sign-in.
  const mustChangePassword = db.kind === "postgres";
  for (const u of list) {
    await db.orm
      .insert(users)
      .values({
        username: u.username,
        name: u.name,
        role: u.role,
        unitCode: u.agency,
        passwordHash: hash,
        email: `${u.username}@demo.tthc.vn`,
        mustChangePassword,
      })
      .onConflictDoNothing();
  }
  return list;
}
