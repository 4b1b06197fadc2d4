import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentCaller } from "@/lib/auth/session";
import { MIN_PASSWORD_LENGTH } from "@/lib/passwords";
import { ActionForm } from "../_components/action-form";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Đổi mật khẩu" };

/** Outside the portal shell: a user whose password was set by someone else comes here first. */
export default async function ChangePasswordPage() {
  const caller = await currentCaller();
  if (!caller) redirect("/login?callbackUrl=/doi-mat-khau");
  const must = caller.kind === "user" && caller.mustChangePassword;
  const field = "w-full rounded border border-gray-300 px-3 py-2";
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <h1 className="text-2xl font-semibold">Đổi mật khẩu</h1>
      {must && (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          Mật khẩu của bạn do người khác đặt hoặc đã được công bố. Hãy đặt mật khẩu của riêng bạn trước khi dùng cổng.
        </p>
      )}
      <ActionForm
        action={changePasswordAction}
        submit="Đổi mật khẩu"
        className="space-y-3 rounded-lg border border-gray-200 bg-white p-6"
      >
        <label className="block text-sm">
          Mật khẩu hiện tại
          <input name="current" type="password" autoComplete="current-password" required className={field} />
        </label>
        <label className="block text-sm">
          Mật khẩu mới (tối thiểu {MIN_PASSWORD_LENGTH} ký tự, có 3 trong 4 loại: chữ thường, chữ hoa, chữ số, ký hiệu;
          không chứa tên đăng nhập)
          <input
            name="next"
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            className={field}
          />
        </label>
        <label className="block text-sm">
          Nhập lại mật khẩu mới
          <input name="again" type="password" autoComplete="new-password" required className={field} />
        </label>
      </ActionForm>
      <p className="text-sm">
        <Link className="text-blue-700 underline" href="/login">
          Đăng nhập lại
        </Link>{" "}
        sau khi đổi mật khẩu.
      </p>
    </div>
  );
}
