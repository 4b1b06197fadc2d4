/**
 * The portal's forms as their users send them (FormData through `runForm`, against the
 * real database): coercion, reasons that reach the user, permissions, and the
 * quarantine's resend and discard.
 */
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows } from "@/db";
import { POST as sync } from "@/app/api/v1/sync/route";
import { calendarForm, createUserForm, updateUserForm } from "@/app/(portal)/quan-tri/forms";
import { discardForm, resendForm } from "@/app/(portal)/ra-soat/forms";
import { runForm } from "@/lib/actions";
import { call } from "../helpers/api";
import { formOf, record, userOf, withSmallProvince } from "../helpers/province";

const province = withSmallProvince();
const form = formOf;
const caller = (who: keyof typeof province.users) => userOf(province, who);

describe("forms: FormData coercion and reasons (STYLE.md §4)", () => {
  it("coerces the form's strings (id, 0/1) and saves", async () => {
    const r = await runForm(
      updateUserForm,
      await caller("admin"),
      form({ id: String(province.users.staffA), role: "agency_staff", unitCode: "A1", disabled: "1" }),
    );
    expect(r).toEqual({ ok: "Đã lưu." });
    expect(
      await rows(
        province.db.orm,
        sql`select unit_code as u, disabled as d from users where id = ${province.users.staffA}`,
      ),
    ).toEqual([{ u: "A1", d: true }]);
    await runForm(
      updateUserForm,
      await caller("admin"),
      form({ id: String(province.users.staffA), role: "agency_staff", unitCode: "A", disabled: "0" }),
    );
  });
  it("names the field that is wrong", async () => {
    const r = await runForm(calendarForm, await caller("admin"), form({ day: "31/12/2025", kind: "off" }));
    expect(r.fieldErrors?.day).toBe("Ngày dạng YYYY-MM-DD");
  });
  it("a duplicate username reaches the user as a duplicate, not as a system error", async () => {
    const input = {
      username: "managera",
      name: "Trùng",
      role: "agency_staff",
      unitCode: "A",
      password: "Mat-khau-du-dai",
    };
    expect(await runForm(createUserForm, await caller("admin"), form({ ...input, username: "moi.nguoi" }))).toEqual({
      ok: "Đã tạo tài khoản moi.nguoi.",
    });
    expect(await runForm(createUserForm, await caller("admin"), form({ ...input, username: "moi.nguoi" }))).toEqual({
      error: "Đã tồn tại (trùng mã hoặc tên).",
    });
  });
  it("an administrator cannot disable or demote themselves, and is told why", async () => {
    const admin = await caller("admin");
    const id = String(province.users.admin);
    expect(await runForm(updateUserForm, admin, form({ id, role: "admin", unitCode: "T", disabled: "1" }))).toEqual({
      error: "Không thể tự khoá hoặc tự hạ quyền của chính mình.",
    });
    expect(await runForm(updateUserForm, admin, form({ id, role: "viewer", unitCode: "T", disabled: "0" }))).toEqual({
      error: "Không thể tự khoá hoặc tự hạ quyền của chính mình.",
    });
    expect(
      await rows(province.db.orm, sql`select role, disabled from users where id = ${province.users.admin}`),
    ).toEqual([{ role: "admin", disabled: false }]);
  });
  it("only an administrator changes the calendar (METHOD §0.6), and the change is audited", async () => {
    const day = form({ day: "2025-03-14", kind: "off", name: "Nghỉ thử", source: "" });
    for (const who of ["leader", "managerA", "staffA", "viewer"] as const) {
      expect(await runForm(calendarForm, await caller(who), day)).toEqual({
        error: "Không có quyền thực hiện thao tác này.",
      });
    }
    expect(await rows(province.db.orm, sql`select 1 from calendar_exceptions where day = '2025-03-14'`)).toEqual([]);
    const ok = await runForm(calendarForm, await caller("admin"), day);
    expect(ok.ok).toMatch(/^Đã cập nhật lịch; \d+ hồ sơ được tính lại hạn xử lý\.$/);
    expect(await rows(province.db.orm, sql`select kind from calendar_exceptions where day = '2025-03-14'`)).toEqual([
      { kind: "off" },
    ]);
    expect(await rows(province.db.orm, sql`select action from audit_log where target = '2025-03-14'`)).toEqual([
      { action: "calendar.change" },
    ]);
    await runForm(calendarForm, await caller("admin"), form({ day: "2025-03-14", kind: "remove" }));
  });
});

describe("the quarantine: resend a corrected record, discard one", () => {
  it("a corrected record is accepted and its quarantine entry closed; a handled one cannot be resent", async () => {
    const bad = await call(sync, "/api/v1/sync", {
      token: province.tokens.A,
      body: {
        service: "DongBoHoSoMC",
        data: [record("QR-1", { NgayTiepNhan: "sai" }), record("QR-2", { NgayTiepNhan: "sai" })],
      },
    });
    expect(bad.json).toMatchObject({ accepted: 0, rejected: 2 });
    const [q1, q2] = await rows<{ id: number }>(
      province.db.orm,
      sql`select id::int as id from rejected_records where dossier_code in ('QR-1', 'QR-2') order by dossier_code`,
    );
    const manager = await caller("managerA");

    const still = await runForm(
      resendForm,
      manager,
      form({ id: String(q1.id), record: JSON.stringify(record("QR-1", { NgayTiepNhan: "vẫn sai" })) }),
    );
    expect(still.error).toBe("Bản ghi vẫn chưa hợp lệ.");
    expect(Object.keys(still.fieldErrors ?? {})).toEqual(["NgayTiepNhan"]);

    expect(
      await runForm(resendForm, manager, form({ id: String(q1.id), record: JSON.stringify(record("QR-1")) })),
    ).toEqual({ ok: "Đã gửi lại thành công; hồ sơ đã được ghi nhận." });
    expect(await rows(province.db.orm, sql`select code from dossiers where code = 'QR-1'`)).toEqual([{ code: "QR-1" }]);
    expect(
      await runForm(resendForm, manager, form({ id: String(q1.id), record: JSON.stringify(record("QR-1")) })),
    ).toEqual({ error: "Bản ghi đã được xử lý." });

    expect(await runForm(discardForm, manager, form({ id: String(q2.id) }))).toEqual({ ok: "Đã loại bỏ bản ghi." });
    expect(
      await rows(province.db.orm, sql`select state from rejected_records where id in (${q1.id}, ${q2.id}) order by id`),
    ).toEqual([{ state: "resent" }, { state: "discarded" }]);
  });
  it("another agency's record is not found, and staff may not resend", async () => {
    await call(sync, "/api/v1/sync", {
      token: province.tokens.A,
      body: { service: "DongBoHoSoMC", data: [record("QR-3", { NgayTiepNhan: "sai" })] },
    });
    const [q] = await rows<{ id: number }>(
      province.db.orm,
      sql`select id::int as id from rejected_records where dossier_code = 'QR-3'`,
    );
    expect(await runForm(discardForm, await caller("managerB"), form({ id: String(q.id) }))).toEqual({
      error: "Không tìm thấy (hoặc ngoài phạm vi của bạn).",
    });
    expect(await runForm(discardForm, await caller("staffA"), form({ id: String(q.id) }))).toEqual({
      error: "Không có quyền thực hiện thao tác này.",
    });
    expect(await rows(province.db.orm, sql`select state from rejected_records where id = ${q.id}`)).toEqual([
      { state: "open" },
    ]);
  });
});
