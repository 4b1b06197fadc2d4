import type { Metadata } from "next";
import { ROLE_LABELS, ROLES } from "@/lib/roles";
import { unitsForCaller } from "@/lib/data/unit-list";
import { listUsers } from "@/lib/data/user-admin";
import { requirePage } from "@/lib/page";
import { ActionForm } from "../../../_components/action-form";
import { createUserAction, resetPasswordAction, updateUserAction } from "../actions";

export const metadata: Metadata = { title: "Người dùng" };

const input = "max-w-full rounded border border-gray-300 px-2 py-1 text-sm";

export default async function UsersPage() {
  const { orm, caller } = await requirePage("users:manage");
  const [users, units] = await Promise.all([listUsers(orm, caller), unitsForCaller(orm, caller)]);
  const unitName = new Map(units.map((u) => [u.code, u.name]));
  const unitOptions = units.map((u) => (
    <option key={u.code} value={u.code}>
      {u.name}
    </option>
  ));
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">Người dùng</h1>
      <section className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">Tạo tài khoản</h2>
        <ActionForm action={createUserAction} submit="Tạo tài khoản" className="grid gap-2 sm:grid-cols-3">
          <label className="flex flex-col text-xs">
            Tên đăng nhập
            <input name="username" required className={input} aria-describedby="err-username" />
          </label>
          <label className="flex flex-col text-xs">
            Họ tên
            <input name="name" required className={input} aria-describedby="err-name" />
          </label>
          <label className="flex flex-col text-xs">
            Email
            <input name="email" type="email" className={input} aria-describedby="err-email" />
          </label>
          <label className="flex flex-col text-xs">
            Vai trò
            <select name="role" className={input}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs">
            Đơn vị
            <select name="unitCode" className={input}>
              {unitOptions}
            </select>
          </label>
          <label className="flex flex-col text-xs">
            Mật khẩu ban đầu
            <input
              name="password"
              type="password"
              minLength={10}
              required
              className={input}
              aria-describedby="err-password"
            />
          </label>
        </ActionForm>
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">Danh sách ({users.length})</h2>
        {users.map((u) => (
          <div key={u.id} className="rounded-lg border border-gray-200 bg-white p-3 text-sm" data-user={u.username}>
            <p>
              <strong>{u.username}</strong> — {u.name}
              {u.email ? ` · ${u.email}` : ""} · {unitName.get(u.unitCode) ?? u.unitCode}
              {u.disabled && <span className="ml-2 rounded bg-gray-700 px-1.5 text-xs text-white">Đã khoá</span>}
              {u.lockedUntil && u.lockedUntil > new Date() && (
                <span className="ml-2 rounded bg-red-600 px-1.5 text-xs text-white">Tạm khoá do đăng nhập sai</span>
              )}
            </p>
            <div className="mt-2 flex flex-wrap items-end gap-3">
              <ActionForm action={updateUserAction} submit="Lưu" className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="id" value={u.id} />
                <label className="flex flex-col text-xs">
                  Vai trò
                  <select name="role" defaultValue={u.role} className={input}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="flex flex-col text-xs">
                  Đơn vị
                  <select name="unitCode" defaultValue={u.unitCode} className={input}>
                    {unitOptions}
                  </select>
                </label>
                <label className="flex flex-col text-xs">
                  Trạng thái
                  <select name="disabled" defaultValue={u.disabled ? "1" : "0"} className={input}>
                    <option value="0">Hoạt động</option>
                    <option value="1">Khoá</option>
                  </select>
                </label>
              </ActionForm>
              <ActionForm
                action={resetPasswordAction}
                submit="Đặt lại mật khẩu"
                confirm={`Đặt lại mật khẩu của ${u.username}?`}
              >
                <input type="hidden" name="id" value={u.id} />
              </ActionForm>
            </div>
          </div>
        ))}
      </section>
    </div>
  );
}
