"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";

/**
 * Signs out without following next-auth's absolute callback URL (it names
 * localhost:3000 when NEXTAUTH_URL is unset): the browser stays on this site's own host.
 */
export function SignOutButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      onClick={async () => {
        await signOut({ redirect: false });
        router.replace("/");
        router.refresh();
      }}
      className="whitespace-nowrap rounded bg-white/10 px-3 py-1 hover:bg-white/20"
    >
      Đăng xuất
    </button>
  );
}
