import { redirect } from "next/navigation";
import { currentCaller } from "@/lib/auth/session";

/** Signed-in pages (the menu is the root layout's). proxy.ts redirects early; this is the real check. */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const caller = await currentCaller();
  if (!caller) redirect("/login");
  if (caller.kind === "user" && caller.mustChangePassword) redirect("/doi-mat-khau");
  return children;
}
