/**
 * POST /api/v1/sync (DATA.md §1) against the real database: validation record by
 * record, idempotent upserts, the quarantine, token scopes, and a fuzz test.
 */
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows } from "@/db";
import { POST as sync } from "@/app/api/v1/sync/route";
import { GET as indicators } from "@/app/api/v1/indicators/route";
import { GET as quarantine } from "@/app/api/v1/quarantine/route";
import { POST as resend } from "@/app/api/v1/quarantine/[id]/resend/route";
import { DELETE as revoke } from "@/app/api/v1/tokens/[id]/route";
import { prng } from "@/lib/demo/generate";
import { call } from "../helpers/api";
import { record, withSmallProvince } from "../helpers/province";

const province = withSmallProvince();

const envelope = (data: unknown[], extra: Record<string, unknown> = {}) => ({
  service: "DongBoHoSoMC",
  isUpdating: "False",
  data,
  ...extra,
});
const snapshot = async () =>
  (
    await rows<{ h: string; n: number; s: number; q: number }>(
      province.db.orm,
      sql`select
    (select md5(coalesce(string_agg(code || status || coalesce(start_at::text, '') || coalesce(done_at::text, '') || coalesce(due_at::text, ''), ',' order by code), '')) from dossiers) as h,
    (select count(*)::int from dossiers) as n, (select count(*)::int from process_steps) as s,
    (select count(*)::int from rejected_records) as q`,
    )
  )[0];

describe("happy path and idempotence", () => {
  it("accepts string-typed DVCQG records with embedded steps, and scores change at once", async () => {
    const before = await call(indicators, "/api/v1/indicators?from=2025-03-01&to=2025-03-31&by=all", {
      token: province.tokens.A,
    });
    expect(before.json.rows[0].onTime.population).toBe(0);
    const r = await call(sync, "/api/v1/sync", {
      token: province.tokens.A,
      body: envelope([record("H-1"), record("H-2"), record("H-3", { MaDonVi: "A1" })]),
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ error_code: 0, accepted: 3, rejected: 0 });
    expect(r.json.message).toContain("thành công");
    expect(r.json.results.map((x: { status: string }) => x.status)).toEqual(["ok", "ok", "ok"]);
    const after = await call(indicators, "/api/v1/indicators?from=2025-03-01&to=2025-03-31&by=all", {
      token: province.tokens.A,
    });
    expect(after.json.rows[0].onTime.population).toBe(3);
    const raw = await rows<{ chu: string }>(
      province.db.orm,
      sql`select raw->>'ChuHoSo' as chu from dossiers where code = 'H-1'`,
    );
    expect(raw[0].chu).toBe("Nguyễn Văn A"); // fields we do not use are kept as received
  });

  it("sending the same batch twice changes nothing", async () => {
    const before = await snapshot();
    const r = await call(sync, "/api/v1/sync", {
      token: province.tokens.A,
      body: envelope([record("H-1"), record("H-2"), record("H-3", { MaDonVi: "A1" })]),
    });
    expect(r.json.accepted).toBe(3);
    expect(await snapshot()).toEqual(before);
  });

  it("a later send updates the dossier and adds new steps without duplicating old ones", async () => {
    const later = record("H-1", {
      TrangThaiHoSo: "10",
      QuaTrinhXuLy: [
        { TrangThai: "2", ThoiDiemXuLy: "20250303090000" },
        { TrangThai: "9", ThoiDiemXuLy: "20250305100000" },
        { TrangThai: "10", ThoiDiemXuLy: "20250306100000" },
      ],
    });
    await call(sync, "/api/v1/sync", { token: province.tokens.A, body: envelope([later]) });
    await call(sync, "/api/v1/sync", {
      token: province.tokens.A,
      body: {
        service: "CapNhatTienDoHoSoMC",
        data: [{ MaHoSo: "H-2", TrangThai: "9", ThoiDiemXuLy: "20250304100000" }],
      },
    });
    const steps = await rows<{ code: string; n: number; status: number }>(
      province.db.orm,
      sql`
      select d.code, count(p.*)::int as n, d.status from dossiers d join process_steps p on p.dossier_id = d.id
      where d.code in ('H-1', 'H-2') group by d.code, d.status order by d.code`,
    );
    expect(steps).toEqual([
      { code: "H-1", n: 3, status: 10 },
      { code: "H-2", n: 2, status: 4 },
    ]);
    const r = await call(indicators, "/api/v1/indicators?from=2025-03-01&to=2025-03-31&by=all", {
      token: province.tokens.A,
    });
    expect(r.json.rows[0].onTime.onTime).toBe(2); // H-1 and H-2 finished within 5 working days
  });

  it("takes the token from the envelope's `session` and MaDonVi from `madonvi`", async () => {
    const rec = record("H-S");
    delete (rec as Record<string, unknown>).MaDonVi;
    const r = await call(sync, "/api/v1/sync", { body: envelope([rec], { session: province.tokens.T, madonvi: "B" }) });
    expect(r.json.accepted).toBe(1);
    expect(
      (await rows<{ u: string }>(province.db.orm, sql`select unit_code as u from dossiers where code = 'H-S'`))[0].u,
    ).toBe("B");
  });
});

describe("a partial batch: each bad record is rejected alone, with its field and reason", () => {
  it("rejects each kind of bad field, keeps the valid ones, and quarantines the rest", async () => {
    const before = await snapshot();
    const bad = [
      record("OK-1"),
      record("BAD-DATE", { NgayTiepNhan: "2025/03/03" }),
      record("BAD-STATUS", { TrangThaiHoSo: "11" }),
      record("BAD-CHANNEL", { KenhThucHien: "4" }),
      { ...record("X"), MaHoSo: "" },
      record("BAD-FEE", { DanhSachLePhi: [{ Gia: "năm mươi nghìn" }] }),
      record("BAD-UNIT", { MaDonVi: "KHONG-CO" }),
      "not an object",
      record("BAD-STEP", { QuaTrinhXuLy: [{ TrangThai: "2" }] }),
      record("OK-2"),
    ];
    const r = await call(sync, "/api/v1/sync", { token: province.tokens.A, body: envelope(bad) });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ error_code: 1, accepted: 2, rejected: 8 });
    expect(r.json.message).not.toContain("thành công");
    const fields = Object.fromEntries(
      r.json.results
        .filter((x: { status: string }) => x.status === "rejected")
        .map((x: { index: number; errors: Array<{ field: string; vi: string; en: string }> }) => [
          x.index,
          x.errors[0],
        ]),
    );
    expect(fields[1]).toMatchObject({ field: "NgayTiepNhan" });
    expect(fields[1].vi).toContain("Ngày giờ không hợp lệ");
    expect(fields[1].en).toContain("Invalid date-time");
    expect(fields[2]).toMatchObject({ field: "TrangThaiHoSo" });
    expect(fields[3]).toMatchObject({ field: "KenhThucHien" });
    expect(fields[4]).toMatchObject({ field: "MaHoSo" });
    expect(fields[5]).toMatchObject({ field: "DanhSachLePhi.0.Gia" });
    expect(fields[6]).toMatchObject({ field: "MaDonVi" });
    expect(fields[7]).toMatchObject({ field: "(bản ghi)" });
    expect(fields[8]).toMatchObject({ field: "QuaTrinhXuLy.0.ThoiDiemXuLy", vi: "Thiếu trường bắt buộc" });
    const after = await snapshot();
    expect(after.n).toBe(before.n + 2);
    expect(after.q).toBe(before.q + 8);
  });

  it("keeps rejected records verbatim, for the agency's manager to correct and resend", async () => {
    const list = await call(quarantine, "/api/v1/quarantine", { userId: province.users.managerA });
    expect(list.status).toBe(200);
    const badDate = list.json.items.find((i: { dossierCode: string }) => i.dossierCode === "BAD-DATE");
    expect(badDate.payload.NgayTiepNhan).toBe("2025/03/03");
    expect(badDate.errors[0].field).toBe("NgayTiepNhan");
    // Another agency's manager does not see it; a token cannot read the quarantine.
    const other = await call(quarantine, "/api/v1/quarantine", { userId: province.users.managerB });
    expect(other.json.items.some((i: { dossierCode: string }) => i.dossierCode === "BAD-DATE")).toBe(false);
    expect((await call(quarantine, "/api/v1/quarantine", { token: province.tokens.A })).status).toBe(403);
    // Still wrong: stays open with the new errors. Corrected: accepted and closed.
    const again = await call(resend, `/api/v1/quarantine/${badDate.id}/resend`, {
      userId: province.users.managerA,
      params: { id: String(badDate.id) },
      body: { ...badDate.payload, NgayTiepNhan: "03-03-2025" },
    });
    expect(again.status).toBe(422);
    // The error envelope of every route, the record's errors in its details (issue #22: one error shape).
    expect(again.json.error.details).toEqual([expect.objectContaining({ field: "NgayTiepNhan" })]);
    const fixed = await call(resend, `/api/v1/quarantine/${badDate.id}/resend`, {
      userId: province.users.managerA,
      params: { id: String(badDate.id) },
      body: { ...badDate.payload, NgayTiepNhan: "20250303090000" },
    });
    expect(fixed.status).toBe(200);
    expect((await rows(province.db.orm, sql`select 1 from dossiers where code = 'BAD-DATE'`)).length).toBe(1);
    const open = await call(quarantine, "/api/v1/quarantine", { userId: province.users.managerA });
    expect(open.json.items.some((i: { id: number }) => i.id === badDate.id)).toBe(false);
    // Out of scope: 404, not 403.
    expect(
      (
        await call(resend, `/api/v1/quarantine/${badDate.id}/resend`, {
          userId: province.users.managerB,
          params: { id: String(badDate.id) },
          body: {},
        })
      ).status,
    ).toBe(404);
  });

  it("rejects steps of a dossier that was never synced", async () => {
    const r = await call(sync, "/api/v1/sync", {
      token: province.tokens.A,
      body: {
        service: "CapNhatTienDoHoSoMC",
        data: [{ MaHoSo: "NEVER", TrangThai: "4", ThoiDiemXuLy: "20250303090000" }],
      },
    });
    expect(r.json.results[0]).toMatchObject({ status: "rejected", errors: [{ field: "MaHoSo" }] });
  });
});

describe("refusals: nothing is written", () => {
  it("413 for more than 5,000 records", async () => {
    const before = await snapshot();
    const r = await call(sync, "/api/v1/sync", {
      token: province.tokens.A,
      body: envelope(Array.from({ length: 5001 }, (_, i) => record(`BIG-${i}`))),
    });
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe("payload_too_large");
    expect(await snapshot()).toEqual(before);
  });
  it("401 without a token or with a wrong one; 401 for a revoked one", async () => {
    const before = await snapshot();
    expect((await call(sync, "/api/v1/sync", { body: envelope([record("N-1")]) })).status).toBe(401);
    expect((await call(sync, "/api/v1/sync", { token: "tthc_wrong", body: envelope([record("N-2")]) })).status).toBe(
      401,
    );
    const { createToken } = await import("@/lib/data/tokens");
    const t = await createToken(province.db.orm, { kind: "system" }, { name: "tạm", unitCode: "A" });
    expect(
      (
        await call(revoke, `/api/v1/tokens/${t.id}`, {
          method: "DELETE",
          userId: province.users.admin,
          params: { id: String(t.id) },
        })
      ).status,
    ).toBe(204);
    expect((await call(sync, "/api/v1/sync", { token: t.token, body: envelope([record("N-3")]) })).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });
  it("403 for a token of another agency, for the whole batch", async () => {
    const before = await snapshot();
    const r = await call(sync, "/api/v1/sync", {
      token: province.tokens.B,
      body: envelope([record("B-OK", { MaDonVi: "B" }), record("A-X", { MaDonVi: "A" })]),
    });
    expect(r.status).toBe(403);
    // …nor may a sub-unit's token rewrite its parent's dossier.
    expect(
      (
        await call(sync, "/api/v1/sync", {
          token: province.tokens.A1,
          body: envelope([record("H-1", { MaDonVi: "A1" })]),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(sync, "/api/v1/sync", {
          token: province.tokens.B,
          body: {
            service: "CapNhatTienDoHoSoMC",
            data: [{ MaHoSo: "H-1", TrangThai: "8", ThoiDiemXuLy: "20250310090000" }],
          },
        })
      ).status,
    ).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
  it("400 for malformed JSON, 422 for a bad envelope, in the one error envelope", async () => {
    const r = await call(sync, "/api/v1/sync", {
      token: province.tokens.A,
      rawBody: '{"service": "DongBoHoSoMC", "data": [',
      headers: { "content-type": "application/json" },
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: "bad_request" });
    expect(r.json.error.message).toContain("JSON không hợp lệ");
    const e = await call(sync, "/api/v1/sync", { token: province.tokens.A, body: { service: "LayThuTuc", data: [] } });
    expect(e.status).toBe(422);
    expect(e.json.error.details[0].field).toBe("service");
  });
});

describe("fuzz: random and mutated payloads", () => {
  it("never answers 500, and every accepted record is readable afterwards", async () => {
    const rng = prng(2024);
    const junk = () =>
      rng.pick<unknown>([
        "",
        "x",
        "2025-13-45",
        "20250230120000",
        0,
        -1,
        99,
        null,
        true,
        [],
        {},
        "11",
        "3",
        "2",
        "20250304090000",
        "2025-03-04T09:00:00+07:00",
        "Ä‘",
        "\u0000",
        "9".repeat(400),
      ]);
    const fields = [
      "MaHoSo",
      "MaTTHC",
      "MaDonVi",
      "KenhThucHien",
      "NguonNop",
      "TrangThaiHoSo",
      "NgayTiepNhan",
      "NgayTuChoi",
      "DuocThanhToanTrucTuyen",
      "DanhSachLePhi",
      "QuaTrinhXuLy",
      "ThoiDiemDongBo",
    ];
    const accepted = new Set<string>();
    for (let batch = 0; batch < 20; batch++) {
      const data: unknown[] = [];
      for (let i = 0; i < 150; i++) {
        const rec: Record<string, unknown> = record(`FZ-${batch}-${i}`, { MaDonVi: rng.pick(["A", "A1"]) });
        const n = rng.int(0, 3);
        for (let k = 0; k < n; k++) rec[rng.pick(fields)] = junk();
        if (rng.chance(0.05)) rec.QuaTrinhXuLy = [{ TrangThai: junk(), ThoiDiemXuLy: junk() }];
        data.push(rng.chance(0.02) ? junk() : rec);
      }
      const body = rng.chance(0.1)
        ? { service: rng.pick(["DongBoHoSoMC", "x", 5]), data: rng.chance(0.5) ? data : "no" }
        : envelope(data);
      const r = await call(sync, "/api/v1/sync", { token: province.tokens.A, body });
      expect([200, 400, 403, 413, 422]).toContain(r.status);
      if (r.status === 200) for (const x of r.json.results) if (x.status === "ok") accepted.add(x.MaHoSo);
    }
    expect(accepted.size).toBeGreaterThan(500);
    const found = await rows<{ code: string }>(
      province.db.orm,
      sql`select code from dossiers where code in (select jsonb_array_elements_text(${JSON.stringify([...accepted])}::jsonb))`,
    );
    expect(found.length).toBe(accepted.size);
  });
});

describe("DATA.md §2 repeated keys through the sync API", () => {
  it("the same MaHoSo twice in one batch: the later record wins, the steps of both are kept", async () => {
    const r = await call(sync, "/api/v1/sync", {
      token: province.tokens.A,
      body: envelope([
        record("REP-1", { KenhThucHien: "1", QuaTrinhXuLy: [{ TrangThai: "2", ThoiDiemXuLy: "20250303090000" }] }),
        record("REP-1", { KenhThucHien: "3", QuaTrinhXuLy: [{ TrangThai: "4", ThoiDiemXuLy: "20250304090000" }] }),
      ]),
    });
    expect(r.json).toMatchObject({ accepted: 2, rejected: 0 });
    const d = await rows<{ ch: number; steps: number }>(
      province.db.orm,
      sql`select channel as ch,
      (select count(*)::int from process_steps s where s.dossier_id = d.id) as steps from dossiers d where code = 'REP-1'`,
    );
    expect(d).toEqual([{ ch: 3, steps: 2 }]);
  });
});
