/**
 * The portal attacked as an outsider and as a careless operator would (one case per
 * finding of the hardening issue; the lock on the embedded database is
 * tests/db/lock.test.ts, the sign-in throttling tests/auth/login.test.ts).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows } from "@/db";
import { POST as sync } from "@/app/api/v1/sync/route";
import { GET as indicators } from "@/app/api/v1/indicators/route";
import { GET as explain } from "@/app/api/v1/dossiers/[code]/explain/route";
import { GET as events } from "@/app/api/v1/events/route";
import { POST as importRoute } from "@/app/api/v1/import/[kind]/route";
import { POST as createTokenRoute } from "@/app/api/v1/tokens/route";
import { runForm } from "@/lib/actions";
import { changePasswordForm } from "@/app/doi-mat-khau/forms";
import { safeNext } from "@/lib/auth/redirect";
import { callerFromUserId } from "@/lib/data/users";
import { seedDemo } from "@/lib/demo/seed";
import { env } from "@/lib/env";
import { prng } from "@/lib/demo/generate";
import { periodFromParams } from "@/lib/ui/period";
import { hashPassword } from "@/lib/passwords";
import { users } from "@/db/schema";
import { eq } from "drizzle-orm";
import { openStore } from "@/lib/store/open";
import { resetLimits } from "@/lib/api/limits";
import { call } from "../helpers/api";
import { withDatabase } from "../global-setup";
import { withServer } from "../helpers/server";
import { record, withSmallProvince } from "../helpers/province";

const province = withSmallProvince();
const root = path.resolve(import.meta.dirname, "../..");
const envelope = (data: unknown[]) => ({ service: "DongBoHoSoMC", data });

describe("demo secrets and a real server's first start", () => {
  it("writes the demo's logins and tokens readable by their owner only", async () => {
    const db = await openStore({ memory: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tthc-demo-"));
    await seedDemo(db, { dossiers: 50, dataDir: dir, until: "2026-11-25", now: new Date("2026-11-25T05:00:00Z") });
    for (const f of ["demo-users.json", "demo-tokens.json"])
      expect(fs.statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    // On the embedded demo the published password stays usable.
    expect(await rows(db.orm, sql`select count(*)::int as n from users where must_change_password`)).toEqual([
      { n: 0 },
    ]);
    await db.close();
  });

  it.skipIf(!env.DATABASE_URL)(
    "on PostgreSQL `npm start` loads no demo; the first administrator comes from a one-time command",
    async () => {
      const name = `tthc_empty_${process.pid}`;
      await withServer(env.DATABASE_URL!, (s) =>
        s.unsafe(`drop database if exists ${name}`).then(() => s.unsafe(`create database ${name}`)),
      );
      const url = withDatabase(env.DATABASE_URL!, name);
      const run = (script: string, ...args: string[]) =>
        spawnSync(process.execPath, ["--import", "tsx", path.join(root, script), ...args], {
          cwd: root,
          env: { ...process.env, DATABASE_URL: url },
          encoding: "utf8",
        });
      try {
        const seed = run("scripts/seed.ts", "--if-empty");
        expect(seed.status).toBe(0);
        expect(seed.stdout).toContain("admin:create");
        const first = run(
          "scripts/create-admin.ts",
          "--username",
          "quantri",
          "--name",
          "Quản trị",
          "--unit",
          "T01",
          "--unit-name",
          "UBND tỉnh Thử",
        );
        expect(first.status).toBe(0);
        const password = /: (\S+)$/.exec(first.stdout.trim())![1];
        const again = run("scripts/create-admin.ts", "--username", "thuhai", "--name", "X", "--unit", "T01");
        expect(again.status).toBe(2);
        expect(again.stderr).toContain("Đã có quản trị viên");
        const db = await openStore({ url });
        const found = await rows<{ username: string; must: boolean; dossiers: number }>(
          db.orm,
          sql`select username, must_change_password as must, (select count(*)::int from dossiers) as dossiers from users`,
        );
        expect(found).toEqual([{ username: "quantri", must: true, dossiers: 0 }]);
        const { verifyPassword } = await import("@/lib/passwords");
        const [u] = await db.orm.select().from(users).where(eq(users.username, "quantri"));
        expect(await verifyPassword(password, u.passwordHash)).toBe(true);
        await db.close();
      } finally {
        await withServer(env.DATABASE_URL!, (s) => s.unsafe(`drop database if exists ${name} with (force)`));
      }
    },
  );

  it("a user whose password someone else set is sent to change it, and may use nothing else until then", async () => {
    const [u] = await province.db.orm
      .insert(users)
      .values({
        username: "moi",
        name: "Mới",
        role: "agency_staff",
        unitCode: "A",
        passwordHash: await hashPassword("Tam-thoi-123"),
        mustChangePassword: true,
      })
      .returning();
    expect((await call(indicators, "/api/v1/indicators", { userId: u.id })).status).toBe(403);
    const caller = (await callerFromUserId(province.db.orm, u.id))!;
    const form = (o: Record<string, string>) =>
      Object.entries(o).reduce((f, [k, v]) => (f.set(k, v), f), new FormData());
    expect(
      (
        await runForm(
          changePasswordForm,
          caller,
          form({ current: "sai", next: "Mat-khau-rieng-1", again: "Mat-khau-rieng-1" }),
        )
      ).error,
    ).toBe("Mật khẩu hiện tại không đúng.");
    expect(
      (
        await runForm(
          changePasswordForm,
          caller,
          form({ current: "Tam-thoi-123", next: "Mat-khau-rieng-1", again: "khac" }),
        )
      ).fieldErrors?.again,
    ).toBe("Hai lần nhập mật khẩu mới không khớp");
    expect(
      (
        await runForm(
          changePasswordForm,
          caller,
          form({ current: "Tam-thoi-123", next: "Mat-khau-rieng-1", again: "Mat-khau-rieng-1" }),
        )
      ).ok,
    ).toContain("Đã đổi mật khẩu");
    // The session it was changed from has ended; a new one works everywhere.
    expect(await callerFromUserId(province.db.orm, u.id, 0)).toBeNull();
    expect(await callerFromUserId(province.db.orm, u.id, 1)).toMatchObject({ mustChangePassword: false });
  });
});

describe("bodies are bounded before anyone is known", () => {
  it("refuses a 50 MB chunked body without credentials after reading about 1 MB of it", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (pulled >= 50 * 1024 * 1024) return c.close();
        pulled += chunk.byteLength;
        c.enqueue(chunk);
      },
    });
    const rss = process.memoryUsage().rss;
    const r = await call(sync, "/api/v1/sync", { rawBody: body, headers: { "content-type": "application/json" } });
    expect(r.status).toBe(413);
    expect(r.json.error.message).toContain("Authorization: Bearer");
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
    expect(process.memoryUsage().rss - rss).toBeLessThan(40 * 1024 * 1024);
  });
  it("a bad token is refused before the body is read", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled += 1;
        c.enqueue(new Uint8Array(1024));
        if (pulled > 100) c.close();
      },
    });
    const r = await call(sync, "/api/v1/sync", { token: "tthc_sai", rawBody: body });
    expect(r.status).toBe(401);
    expect(pulled).toBeLessThanOrEqual(1);
  });
  it("an authenticated sender still has a hard limit that counts chunked bodies", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (pulled >= 100) return c.close();
        pulled++;
        c.enqueue(chunk);
      },
    });
    const r = await call(sync, "/api/v1/sync", { token: province.tokens.A, rawBody: body });
    expect(r.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(66);
  });
});

describe("one bad record never loses the batch", () => {
  it("quarantines each out-of-bounds record with its reason and keeps the valid ones beside it", async () => {
    // Nested 10,000 deep: written as text (JSON.stringify itself would overflow here).
    const DEEP = "@@DEEP@@";
    const deep = `${"[".repeat(10_000)}"đáy"${"]".repeat(10_000)}`;
    const batch = [
      record("OK-1"),
      record("FEES", { DanhSachLePhi: Array.from({ length: 32_768 }, () => ({ Gia: "1000" })) }),
      record("DEEP", { ChuHoSo: DEEP }),
      record("BIG", { GhiChu: "x".repeat(300 * 1024) }),
      record("LONG", { MaTTHC: "1".repeat(51) }),
      record("YEAR", { NgayTiepNhan: "00010303090000" }),
      record("NUL\u0000", {}),
      record("OK-2"),
      record("FEES-1001", { DanhSachLePhi: Array.from({ length: 1001 }, () => ({})) }),
    ];
    const raw = JSON.stringify(envelope(batch)).replace(`"${DEEP}"`, deep);
    const r = await call(sync, "/api/v1/sync", {
      token: province.tokens.A,
      rawBody: raw,
      headers: { "content-type": "application/json" },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ accepted: 2, rejected: 7 });
    const why = Object.fromEntries(
      r.json.results
        .filter((x: { status: string }) => x.status === "rejected")
        .map((x: { index: number; errors: Array<{ field: string; vi: string }> }) => [
          x.index,
          `${x.errors[0].field}: ${x.errors[0].vi}`,
        ]),
    );
    expect(why[1]).toContain("quá lớn"); // 32,768 fee lines overflowed a smallint before
    expect(why[8]).toContain("DanhSachLePhi: tối đa 1000 dòng");
    expect(why[2]).toContain("lồng nhau quá sâu");
    expect(why[3]).toContain("quá lớn");
    expect(why[4]).toContain("MaTTHC: Quá dài");
    expect(why[5]).toContain("năm 1900–2100");
    expect(why[6]).toContain("MaHoSo: Có ký tự U+0000");
    expect(
      await rows(province.db.orm, sql`select code from dossiers where code in ('OK-1', 'OK-2') order by code`),
    ).toEqual([{ code: "OK-1" }, { code: "OK-2" }]);
    // The quarantine keeps what it can show: the NUL as visible text, never the whole oversized record.
    const q = await rows<{ code: string | null; size: number }>(
      province.db.orm,
      sql`select dossier_code as code, octet_length(payload::text) as size from rejected_records order by id desc limit 7`,
    );
    expect(Math.max(...q.map((x) => x.size))).toBeLessThan(300 * 1024);
  });
  it("a catalogue deadline of 1e9 is refused at import (it would put every due date out of range)", async () => {
    const csv =
      "MaTTHC,TenTTHC,MaLinhVuc,TenLinhVuc,ThoiHan,DonViTinh,CoPhiLePhi\nP1,Thủ tục P1,F,Lĩnh vực,1000000000,Ngày,0\n";
    const r = await call(importRoute, "/api/v1/import/thutuc", {
      userId: province.users.admin,
      params: { kind: "thutuc" },
      rawBody: csv,
    });
    expect(r.json.errors).toEqual([expect.objectContaining({ line: 2, field: "ThoiHan" })]);
    expect(
      (await call(sync, "/api/v1/sync", { token: province.tokens.A, body: envelope([record("AFTER")]) })).json.accepted,
    ).toBe(1);
  });
  it("a CSV that is not UTF-8 is refused, never stored garbled", async () => {
    const latin = Uint8Array.from([
      ...Buffer.from("MaDonVi,TenDonVi,LoaiDonVi,MaDonViCha,MaDiaBan\nZ,S"),
      0xf4,
      ...Buffer.from(" ng,so_nganh,T,\n"),
    ]);
    const r = await call(importRoute, "/api/v1/import/donvi", {
      userId: province.users.admin,
      params: { kind: "donvi" },
      rawBody: latin,
    });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toContain("không phải UTF-8");
    expect(r.json.error.details).toEqual({ line: 2 });
  });
});

describe("the scope is checked where the dossier is written", () => {
  it.skipIf(!env.DATABASE_URL)(
    "two agencies creating the same new MaHoSo at once: one owns it, the other is refused by name (30 rounds)",
    async () => {
      for (let i = 0; i < 30; i++) {
        const code = `RACE-${i}`;
        const [a, b] = await Promise.all([
          call(sync, "/api/v1/sync", { token: province.tokens.A, body: envelope([record(code)]) }),
          call(sync, "/api/v1/sync", {
            token: province.tokens.B,
            body: envelope([record(code, { MaDonVi: "B", MaTTHC: "P2" })]),
          }),
        ]);
        const statuses = [a.status, b.status].sort();
        expect(statuses).toEqual([200, 403]);
        const refused = a.status === 403 ? a : b;
        expect(refused.json.error.message).toContain(code);
        const [owner] = await rows<{ unit: string }>(
          province.db.orm,
          sql`select unit_code as unit from dossiers where code = ${code}`,
        );
        expect(owner.unit).toBe(a.status === 200 ? "A" : "B");
      }
    },
  );
});

describe("redirects stay on the portal", () => {
  it("follows only same-origin paths after sign-in", () => {
    for (const bad of [
      "//evil.example/",
      "/\\evil.example/",
      "/%5Cevil.example/".replace("%5C", "\\"),
      "https://evil.example/",
      "/\t/evil.example",
      "javascript:alert(1)",
      "",
      undefined,
    ]) {
      expect(safeNext(bad), String(bad)).toBe("/");
    }
    expect(safeNext("/xep-hang?from=2025-03-01&unit=A#b")).toBe("/xep-hang?from=2025-03-01&unit=A#b");
    expect(safeNext("/../tong-quan")).toBe("/tong-quan");
  });
});

describe("inputs that answered 500", () => {
  it("a dossier code that is a lone %, a year 0001, a NUL parameter: 4xx with the envelope", async () => {
    const ex = await call(explain, "/api/v1/dossiers/%25/explain", { token: province.tokens.T, params: { code: "%" } });
    expect(ex.status).toBe(404);
    const y = await call(indicators, "/api/v1/indicators?from=0001-01-01&to=0001-01-31", { token: province.tokens.T });
    expect(y.status).toBe(422);
    const nul = await call(indicators, "/api/v1/indicators?field=%00", { token: province.tokens.T });
    expect(nul.status).toBe(422);
    expect(nul.json.error.details[0].field).toBe("field");
    // A page falls back to the current month rather than failing.
    expect(periodFromParams({ from: "0001-01-01" }, new Date("2026-11-25T05:00:00Z")).from).toBe("2026-11-01");
  });
  it("fuzz over the query parameters never answers 500", async () => {
    const rng = prng(7);
    const values = [
      "",
      "0001-01-01",
      "2025-02-30",
      "9999-12-31",
      "%00",
      "%25",
      "a".repeat(5000),
      "2025-03-01",
      "A",
      "T",
      "agency",
      "sector",
      "x'; drop table units;--",
      "%C0%AF",
      "-1",
    ];
    for (let i = 0; i < 150; i++) {
      const qs = ["from", "to", "by", "unit", "area", "procedure", "field", "parent"]
        .filter(() => rng.chance(0.4))
        .map((k) => `${k}=${rng.pick(values)}`)
        .join("&");
      resetLimits(); // 150 requests in a moment are past any caller's rate (429): here the question is 500s
      const r = await call(indicators, `/api/v1/indicators?${qs}`, { token: province.tokens.A });
      expect([200, 404, 422], qs).toContain(r.status);
    }
  });
});

describe("sessions, cookies and events", () => {
  it("a cookie-authenticated write from another site is refused; from the portal's own page it goes through", async () => {
    const body = { name: "t", unitCode: "A" };
    const foreign = await call(createTokenRoute, "/api/v1/tokens", {
      userId: province.users.admin,
      body,
      headers: { origin: "https://evil.example", host: "localhost" },
    });
    expect(foreign.status).toBe(403);
    const none = await call(createTokenRoute, "/api/v1/tokens", {
      userId: province.users.admin,
      body,
      headers: { origin: "", host: "localhost" },
    });
    expect(none.status).toBe(403);
    const own = await call(createTokenRoute, "/api/v1/tokens", {
      userId: province.users.admin,
      body,
      headers: { origin: "http://localhost", host: "localhost" },
    });
    expect(own.status).toBe(201);
    // Tokens are not cookies: a one-stop system posts from anywhere.
    expect(
      (await call(sync, "/api/v1/sync", { token: province.tokens.A, body: envelope([record("TOKEN-OK")]) })).status,
    ).toBe(200);
  });
  it("the live events stream needs a session or a token", async () => {
    expect((await call(events, "/api/v1/events")).status).toBe(401);
    const controller = new AbortController();
    const res = await (events as unknown as (r: Request) => Promise<Response>)(
      new Request("http://localhost/api/v1/events", {
        headers: { authorization: `Bearer ${province.tokens.A}` },
        signal: controller.signal,
      }),
    );
    expect(res.status).toBe(200);
    controller.abort();
  });
});
