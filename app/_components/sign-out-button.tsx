"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/" })} className="rounded bg-white/10 px-3 py-1 hover:bg-white/20">
      Đăng xuất
    </button>
  );
}
