/**
 * The second round of defense (issue: the API document is the contract…): one case per
 * finding of the outside probes that this change closes. Each failed before.
 */
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows } from "@/db";
import { POST as sync } from "@/app/api/v1/sync/route";
import { POST as resend } from "@/app/api/v1/quarantine/[id]/resend/route";
import { POST as importRoute } from "@/app/api/v1/import/[kind]/route";
import { GET as indicators } from "@/app/api/v1/indicators/route";
import { POST as createTokenRoute } from "@/app/api/v1/tokens/route";
import { DELETE as revokeTokenRoute } from "@/app/api/v1/tokens/[id]/route";
import { pageParam } from "@/lib/page";
import { call } from "../helpers/api";
import { record, withSmallProvince } from "../helpers/province";
import { EVERY_UNIT } from "@/lib/engine/sql-util";

const province = withSmallProvince();
const envelope = (data: unknown[], o: Record<string, unknown> = {}) => ({ service: "DongBoHoSoMC", data, ...o });

describe("credentials before bodies", () => {
  it("resend: no credentials is 401 before the body is read, and a body larger than a record is 413", async () => {
    let pulled = 0;
    // A body that would take 300 MB: the handler must answer without pulling it.
    const body = new ReadableStream({
      pull(c) {
        pulled++;
        if (pulled > 5000) return c.close();
        c.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const r = await call(resend, "/api/v1/quarantine/1/resend", { method: "POST", rawBody: body, params: { id: "1" } });
    expect(r.status).toBe(401);
    expect(pulled).toBeLessThan(3);
    const big = await call(resend, "/api/v1/quarantine/1/resend", {
      method: "POST",
      token: province.tokens.A,
      rawBody: "x".repeat(300 * 1024),
      params: { id: "1" },
    });
    expect(big.status).toBe(413);
  });
});

describe("an envelope's madonvi names only the caller's own units", () => {
  it("an agency token naming another agency in madonvi is refused, and nothing lands in the other's quarantine", async () => {
    const r = await call(sync, "/api/v1/sync", {
      token: province.tokens.A,
      body: envelope([{ MaHoSo: "", MaTTHC: "P1" }], { madonvi: "B" }),
    });
    expect(r.status).toBe(403);
    expect(
      await rows(province.db.orm, sql`select count(*)::int as n from rejected_records where unit_code = 'B'`),
    ).toEqual([{ n: 0 }]);
  });
  it("its own sub-unit is fine: the invalid record is filed there", async () => {
    const r = await call(sync, "/api/v1/sync", {
      token: province.tokens.A,
      body: envelope([{ MaHoSo: "Q-A1", MaTTHC: "P1", TrangThaiHoSo: "99" }], { madonvi: "A1" }),
    });
    expect(r.status).toBe(200);
    expect(
      await rows(province.db.orm, sql`select unit_code as u from rejected_records where dossier_code = 'Q-A1'`),
    ).toEqual([{ u: "A1" }]);
  });
});

describe("strict parsing: never a 500, never a guess", () => {
  it("a lone surrogate or a NUL quarantines its record and keeps the batch", async () => {
    const r = await call(sync, "/api/v1/sync", {
      token: province.tokens.T,
      body: envelope([
        record("LS-ok"),
        record("LS-bad", { ChuHoSo: "Nguy\ud800n" }),
        record("LS-nul", { ChuHoSo: "a\u0000b" }),
      ]),
    });
    expect(r.status).toBe(200);
    expect(r.json.accepted).toBe(1);
    expect(r.json.results[1]).toMatchObject({ status: "rejected", errors: [{ field: "ChuHoSo" }] });
    const kept = await rows<{ p: string }>(
      province.db.orm,
      sql`select payload->>'ChuHoSo' as p from rejected_records where dossier_code = 'LS-bad'`,
    );
    expect(kept).toEqual([{ p: "Nguy\\ud800n" }]);
  });

  it("ids in canonical decimal only: 0x6b, 107e0 and ' 107' name no token (they revoked token 107)", async () => {
    const [{ id }] = await rows<{ id: number }>(
      province.db.orm,
      sql`select id::int as id from api_tokens where name = 'B'`,
    );
    for (const raw of [`0x${id.toString(16)}`, `${id}e0`, ` ${id}`, `${id}.0`, `+${id}`, "0"]) {
      const r = await call(revokeTokenRoute, `/api/v1/tokens/${encodeURIComponent(raw)}`, {
        method: "DELETE",
        userId: province.users.admin,
        params: { id: raw },
      });
      expect(r.status, raw).toBe(404);
    }
    expect(
      await rows(province.db.orm, sql`select revoked_at is null as live from api_tokens where id = ${id}`),
    ).toEqual([{ live: true }]);
  });

  it("dryRun is true, false, 1 or 0: TRUE, yes, 2 and an empty value are 422, never a real import", async () => {
    const csv = "MaDonVi,TenDonVi,LoaiDonVi,MaDonViCha,MaDiaBan\nZ9,Xã Z,xa,T,\n";
    for (const v of ["TRUE", "yes", "2", ""]) {
      const r = await call(importRoute, `/api/v1/import/donvi?dryRun=${v}`, {
        method: "POST",
        userId: province.users.admin,
        rawBody: csv,
        headers: { "content-type": "text/csv" },
        params: { kind: "donvi" },
      });
      expect(r.status, v).toBe(422);
    }
    expect(await rows(province.db.orm, sql`select count(*)::int as n from units where code = 'Z9'`)).toEqual([
      { n: 0 },
    ]);
  });

  it("an inherited name is no kind: /import/toString and /import/constructor are 404", async () => {
    for (const kind of ["toString", "constructor", "__proto__"]) {
      const r = await call(importRoute, `/api/v1/import/${kind}`, {
        method: "POST",
        userId: province.users.admin,
        rawBody: "a",
        headers: { "content-type": "text/csv" },
        params: { kind },
      });
      expect(r.status, kind).toBe(404);
    }
  });

  it("a parameter sent twice is 422 naming it", async () => {
    const r = await call(indicators, "/api/v1/indicators?by=agency&by=area", { token: province.tokens.T });
    expect(r.status).toBe(422);
    expect(r.json.error.details).toEqual([{ field: "by", vi: "Chỉ được gửi một lần", en: "May be sent only once" }]);
  });

  it("a NUL in a new token's name is 422, not 500", async () => {
    const r = await call(createTokenRoute, "/api/v1/tokens", {
      userId: province.users.admin,
      body: { name: "a\u0000b", unitCode: "A" },
    });
    expect(r.status).toBe(422);
  });

  it("a page number is canonical decimal (1e309 is the first page)", () => {
    expect([pageParam("1e309"), pageParam("Infinity"), pageParam("-3"), pageParam("2"), pageParam(undefined)]).toEqual([
      1, 1, 1, 2, 1,
    ]);
  });
});

describe("a session secret per database", () => {
  it("each database makes its own on first start and keeps it; a demo's cookie cannot open another portal", async () => {
    const { databaseSecret } = await import("@/lib/auth/secret");
    const { testDatabase } = await import("../helpers/db");
    const other = await testDatabase();
    try {
      const mine = await databaseSecret(province.db.orm);
      expect(mine).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await databaseSecret(province.db.orm)).toBe(mine);
      expect(await databaseSecret(other.orm)).not.toBe(mine);
    } finally {
      await other.close();
    }
  });
});

describe("a named PGLITE_DIR that holds no database", () => {
  it("npm start (seed --if-empty) refuses to seed a fresh demo with published passwords there", async () => {
    const { spawnSync } = await import("node:child_process");
    const path = await import("node:path");
    const os = await import("node:os");
    const fs = await import("node:fs");
    const root = path.resolve(import.meta.dirname, "../..");
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tthc-wrong-")), "typo", "pglite");
    const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts/seed.ts"), "--if-empty"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: dir },
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("không có cơ sở dữ liệu");
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe("the password rule", () => {
  it("refuses short, one-kind, username-bearing and common passwords; takes a strong one", async () => {
    const { passwordProblem, randomPassword } = await import("@/lib/passwords");
    expect(passwordProblem("aaaaaaaaaa", "nguyen.a")?.vi).toContain("3 trong 4");
    expect(passwordProblem("Nguyen.A-2026!", "nguyen.a")?.vi).toContain("tên đăng nhập");
    expect(passwordProblem("Password123!", "x")?.vi).toContain("phổ biến");
    expect(passwordProblem("MatKhau@2026", "x")?.vi).toContain("phổ biến");
    expect(passwordProblem("Ngắn@1", "x")?.vi).toContain("tối thiểu");
    expect(passwordProblem("ChiSoTTHC@2026", "admin")).toBeNull();
    expect(passwordProblem("Đường-làng-số-7", "x")).toBeNull();
    for (let i = 0; i < 50; i++) expect(passwordProblem(randomPassword())).toBeNull();
  });
  it("an administrator cannot give a new account a weak password, nor a user choose one", async () => {
    const { runForm } = await import("@/lib/actions");
    const { createUserForm } = await import("@/app/(portal)/quan-tri/forms");
    const { signedIn } = await import("../helpers/province");
    const form = new FormData();
    for (const [k, v] of Object.entries({
      username: "yeu.mk",
      name: "Yếu",
      role: "agency_staff",
      unitCode: "A",
      password: "aaaaaaaaaa",
    }))
      form.set(k, v);
    const r = await runForm(createUserForm, (await signedIn(province.db, province.users.admin))!, form);
    expect(r.fieldErrors?.password).toContain("3 trong 4");
  });
});

describe("exports", () => {
  it("a name that looks like a formula is written after an apostrophe, never as a formula", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const { upsertUnits } = await import("@/lib/store/writes");
    const { scorecard } = await import("@/lib/engine/scorecard");
    const { scorecardWorkbook } = await import("@/lib/report/excel");
    const { makePeriod } = await import("@/lib/method/period");
    await upsertUnits(province.db.orm, [
      { code: "EVIL", name: '=HYPERLINK("http://x","bấm")', kind: "so_nganh", parentCode: "T", areaCode: null },
    ]);
    const period = makePeriod("2025-03-01", "2025-03-31", new Date("2025-04-01T00:00:00Z"));
    const card = await scorecard(province.db.orm, { period, by: "agency", scope: EVERY_UNIT, filter: { parent: "T" } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await scorecardWorkbook(card, "+Tỉnh", period)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Tổng hợp")!;
    const names: unknown[] = [];
    ws.eachRow((row) => names.push(row.getCell(3).value));
    expect(names).toContain('\'=HYPERLINK("http://x","bấm")');
    expect(ws.getRow(1).getCell(1).value).toMatch(/^'\+Tỉnh/);
    ws.eachRow((row) => row.eachCell((c) => expect(c.formula).toBeUndefined()));
  });
});
