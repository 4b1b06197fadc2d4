import Link from "next/link";
import { currentCaller } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/roles";
import { SignOutButton } from "./sign-out-button";

export async function UserMenu() {
  const caller = await currentCaller();
  if (!caller || caller.kind !== "user") {
    return (
      <Link href="/login" className="rounded bg-white/10 px-3 py-1 text-sm hover:bg-white/20">
        Đăng nhập
      </Link>
    );
  }
  return (
    <div className="flex items-center gap-3 text-sm">
      <span title={ROLE_LABELS[caller.role]}>{caller.name}</span>
      <SignOutButton />
    </div>
  );
}
