/**
 * Authorization as a table (STYLE.md §14): every role × resource × unit (own, a
 * sibling agency, the parent), called directly as that user; the status is asserted
 * and, for refusals, that nothing changed. Out-of-scope units answer 404 so that
 * their existence does not leak.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type Database } from "@/db";
import { setDatabase } from "@/lib/data/db";
import { GET as indicators } from "@/app/api/v1/indicators/route";
import { GET as steps } from "@/app/api/v1/steps/route";
import { GET as explain } from "@/app/api/v1/dossiers/[code]/explain/route";
import { GET as quarantine } from "@/app/api/v1/quarantine/route";
import { GET as excel } from "@/app/api/v1/reports/scorecard.xlsx/route";
import { POST as createTokenRoute } from "@/app/api/v1/tokens/route";
import { POST as importRoute } from "@/app/api/v1/import/[kind]/route";
import { POST as sync } from "@/app/api/v1/sync/route";
import { listDossiersForCaller } from "@/lib/data/dossiers";
import { createUser, updateUser } from "@/lib/data/user-admin";
import { callerFromToken } from "@/lib/data/tokens";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { makePeriod } from "@/lib/method/period";
import { testDatabase } from "../helpers/db";
import { call } from "../helpers/api";
import { record, signedIn, smallProvince } from "../helpers/province";

let db: Database;
let ids: Awaited<ReturnType<typeof smallProvince>>["users"];
let tokens: Awaited<ReturnType<typeof smallProvince>>["tokens"];

beforeAll(async () => {
  db = await testDatabase();
  setDatabase(db);
  const p = await smallProvince(db);
  ids = p.users;
  tokens = p.tokens;
  const r = await call(sync, "/api/v1/sync", {
    token: p.tokens.T,
    body: {
      service: "DongBoHoSoMC",
      data: [record("DA"), record("DB", { MaDonVi: "B", MaTTHC: "P2" }), record("DT", { MaDonVi: "T" })],
    },
  });
  expect(r.json.accepted).toBe(3);
  await call(sync, "/api/v1/sync", {
    token: p.tokens.A,
    body: { service: "DongBoHoSoMC", data: [record("QA", { NgayTiepNhan: "sai" })] },
  });
  await call(sync, "/api/v1/sync", {
    token: p.tokens.B,
    body: { service: "DongBoHoSoMC", data: [record("QB", { MaDonVi: "B", NgayTiepNhan: "sai" })] },
  });
});
afterAll(() => db?.close());

type UserRole = "admin" | "leader" | "viewer" | "managerA" | "staffA";
/** API tokens are callers too: one bound to the province, one to agency A. */
type Role = UserRole | "tokenT" | "tokenA";
const ROLES: Role[] = ["admin", "leader", "viewer", "managerA", "staffA", "tokenT", "tokenA"];
/** Units by relation for each role: province roles sit at T, agency roles at A. */
const OWN: Record<Role, string> = {
  admin: "T",
  leader: "T",
  viewer: "T",
  managerA: "A",
  staffA: "A",
  tokenT: "T",
  tokenA: "A",
};
/** How a role authenticates to a route: a session cookie, or its API token. */
const as = (role: Role) =>
  role === "tokenT" ? { token: tokens.T } : role === "tokenA" ? { token: tokens.A } : { userId: ids[role] };
const callerOf = async (role: Role) =>
  role === "tokenT" || role === "tokenA"
    ? (await callerFromToken(db.orm, role === "tokenT" ? tokens.T : tokens.A))!
    : (await signedIn(db, ids[role]))!;
const OTHER = "B";
const PARENT = "T";
const DOSSIER_OF: Record<string, string> = { A: "DA", B: "DB", T: "DT" };
const Q = "from=2025-03-01&to=2025-03-31";

const snapshot = async () =>
  (
    await rows(
      db.orm,
      sql`select (select count(*)::int from users) as u, (select count(*)::int from api_tokens) as t,
    (select count(*)::int from procedures) as p, (select count(*)::int from calendar_exceptions) as c,
    (select string_agg(role || unit_code || disabled::text, ',' order by id) from users) as r`,
    )
  )[0];

/** Expected status per role for [own, other, parent]. */
const TABLE: Array<{
  resource: string;
  expect: Record<Role, [number, number, number]>;
  run: (role: Role, unit: string) => Promise<number>;
}> = [
  {
    resource: "indicators API (scorecard)",
    expect: {
      admin: [200, 200, 200],
      leader: [200, 200, 200],
      viewer: [200, 200, 200],
      managerA: [200, 404, 404],
      staffA: [200, 404, 404],
      tokenT: [200, 200, 200],
      tokenA: [200, 404, 404],
    },
    run: async (role, unit) =>
      (await call(indicators, `/api/v1/indicators?${Q}&by=agency&unit=${unit}`, as(role))).status,
  },
  {
    resource: "explain API (dossier-level)",
    expect: {
      admin: [200, 200, 200],
      leader: [200, 200, 200],
      viewer: [403, 403, 403],
      managerA: [200, 404, 404],
      staffA: [200, 404, 404],
      tokenT: [200, 200, 200],
      tokenA: [200, 404, 404],
    },
    run: async (role, unit) =>
      (
        await call(explain, `/api/v1/dossiers/${DOSSIER_OF[unit]}/explain?${Q}`, {
          ...as(role),
          params: { code: DOSSIER_OF[unit] },
        })
      ).status,
  },
  {
    resource: "dossier list",
    expect: {
      admin: [200, 200, 200],
      leader: [200, 200, 200],
      viewer: [403, 403, 403],
      managerA: [200, 404, 404],
      staffA: [200, 404, 404],
      tokenT: [200, 200, 200],
      tokenA: [200, 404, 404],
    },
    run: async (role, unit) => {
      const caller = await callerOf(role);
      try {
        await listDossiersForCaller(db.orm, caller, { period: makePeriod("2025-03-01", "2025-03-31"), unit });
        return 200;
      } catch (e) {
        if (e instanceof NotFoundError) return 404;
        if (e instanceof ForbiddenError) return 403;
        throw e;
      }
    },
  },
  {
    // METHOD-STEPS S.3: department figures follow METHOD's scopes.
    resource: "steps API by department",
    expect: {
      admin: [200, 200, 200],
      leader: [200, 200, 200],
      viewer: [200, 200, 200],
      managerA: [200, 404, 404],
      staffA: [200, 404, 404],
      tokenT: [200, 200, 200],
      tokenA: [200, 404, 404],
    },
    run: async (role, unit) => (await call(steps, `/api/v1/steps?${Q}&by=department&unit=${unit}`, as(role))).status,
  },
  {
    // METHOD-STEPS S.4: officer figures are personal data — no viewer, no machine; agency roles within their subtree.
    resource: "steps API by officer",
    expect: {
      admin: [200, 200, 200],
      leader: [200, 200, 200],
      viewer: [403, 403, 403],
      managerA: [200, 404, 404],
      staffA: [200, 404, 404],
      tokenT: [403, 403, 403],
      tokenA: [403, 403, 403],
    },
    run: async (role, unit) => (await call(steps, `/api/v1/steps?${Q}&by=officer&unit=${unit}`, as(role))).status,
  },
  {
    resource: "Excel export",
    expect: {
      admin: [200, 200, 200],
      leader: [200, 200, 200],
      viewer: [200, 200, 200],
      managerA: [200, 404, 404],
      staffA: [200, 404, 404],
      tokenT: [200, 200, 200],
      tokenA: [200, 404, 404],
    },
    run: async (role, unit) => (await call(excel, `/api/v1/reports/scorecard.xlsx?${Q}&unit=${unit}`, as(role))).status,
  },
  {
    resource: "create an API token (admin action)",
    expect: {
      admin: [201, 201, 201],
      leader: [403, 403, 403],
      viewer: [403, 403, 403],
      managerA: [201, 404, 404],
      staffA: [403, 403, 403],
      tokenT: [403, 403, 403],
      tokenA: [403, 403, 403],
    },
    run: async (role, unit) =>
      (await call(createTokenRoute, "/api/v1/tokens", { ...as(role), body: { name: "t", unitCode: unit } })).status,
  },
  {
    resource: "reference import (admin action, dry run)",
    expect: {
      admin: [200, 200, 200],
      leader: [403, 403, 403],
      viewer: [403, 403, 403],
      managerA: [403, 403, 403],
      staffA: [403, 403, 403],
      tokenT: [403, 403, 403],
      tokenA: [403, 403, 403],
    },
    run: async (role, unit) =>
      (
        await call(importRoute, "/api/v1/import/baocao?dryRun=1", {
          ...as(role),
          params: { kind: "baocao" },
          rawBody: `MaDonVi,TuNgay,DenNgay,Nguon,SoHoSoTiepNhan\n${unit},2025-03-01,2025-03-31,bcqg,1\n`,
        })
      ).status,
  },
];

describe("authorization table: role × resource × unit", () => {
  for (const row of TABLE) {
    for (const role of ROLES) {
      it(`${row.resource} — ${role}`, async () => {
        const units = [OWN[role], OTHER, PARENT];
        const got: number[] = [];
        for (const unit of units) {
          const before = await snapshot();
          const status = await row.run(role, unit);
          got.push(status);
          if (status >= 400) expect(await snapshot(), `${role} ${unit}: nothing changed`).toEqual(before);
        }
        expect(got).toEqual(row.expect[role]);
      });
    }
  }
});

describe("the quarantine through the scope", () => {
  it("admins see all, an agency manager only its own, others are refused", async () => {
    const seen = async (role: UserRole) => {
      const r = await call(quarantine, "/api/v1/quarantine", as(role));
      return r.status === 200 ? r.json.items.map((i: { dossierCode: string }) => i.dossierCode).sort() : r.status;
    };
    expect(await seen("admin")).toEqual(["QA", "QB"]);
    expect(await seen("managerA")).toEqual(["QA"]);
    expect(await seen("staffA")).toBe(403);
    expect(await seen("leader")).toBe(403);
    expect(await seen("viewer")).toBe(403);
  });
});

describe("user administration", () => {
  const attempt = async (role: UserRole) => {
    const caller = (await signedIn(db, ids[role]))!;
    const before = await snapshot();
    try {
      await createUser(db.orm, caller, {
        username: `new.${role}`,
        name: "N",
        role: "agency_staff",
        unitCode: "A",
        password: "mat-khau-dai-1",
      });
      await updateUser(db.orm, caller, ids.staffA, { disabled: true });
      await updateUser(db.orm, caller, ids.staffA, { disabled: false });
      return "ok";
    } catch (e) {
      expect(await snapshot()).toEqual(before);
      return e instanceof ForbiddenError ? "forbidden" : String(e);
    }
  };
  it("only administrators create and change users", async () => {
    expect(await attempt("leader")).toBe("forbidden");
    expect(await attempt("managerA")).toBe("forbidden");
    expect(await attempt("staffA")).toBe("forbidden");
    expect(await attempt("viewer")).toBe("forbidden");
    expect(await attempt("admin")).toBe("ok");
  });
  it("records every change in the audit log without any password", async () => {
    const log = await rows<{ action: string; details: unknown }>(
      db.orm,
      sql`select action, details from audit_log where action like 'user.%'`,
    );
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(["user.create", "user.update"]));
    expect(JSON.stringify(log)).not.toContain("mat-khau-dai-1");
  });
  it("only administrators read the audit log", async () => {
    const { listAudit } = await import("@/lib/data/audit");
    for (const role of ["leader", "viewer", "managerA", "staffA"] as const) {
      await expect(listAudit(db.orm, (await signedIn(db, ids[role]))!)).rejects.toBeInstanceOf(ForbiddenError);
    }
    const entries = await listAudit(db.orm, (await signedIn(db, ids.admin))!, { q: "user." });
    expect(entries.length).toBeGreaterThan(0);
    // An administrator reads who did it and to whom by name, never "user:3" (issue #23: words).
    for (const e of entries) {
      expect(`${e.actorLabel} ${e.targetLabel}`).not.toMatch(/\b(user|token|rejected):\d/);
    }
    expect(entries.map((e) => e.actorLabel)).toEqual(expect.arrayContaining([expect.stringMatching(/\(admin\)$/)]));
  });

  it("a disabled user is no caller at all", async () => {
    const admin = (await signedIn(db, ids.admin))!;
    await updateUser(db.orm, admin, ids.staffA, { disabled: true });
    expect(await signedIn(db, ids.staffA)).toBeNull();
    expect((await call(indicators, `/api/v1/indicators?${Q}`, { userId: ids.staffA })).status).toBe(401);
    await updateUser(db.orm, admin, ids.staffA, { disabled: false });
  });
});
