import { redirect } from "next/navigation";
import { currentCaller } from "@/lib/auth/session";
import { PortalNav } from "../_components/portal-nav";

/** Signed-in pages. proxy.ts redirects early; this is the real check for the shell. */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const caller = await currentCaller();
  if (!caller) redirect("/login");
  if (caller.kind === "user" && caller.mustChangePassword) redirect("/doi-mat-khau");
  return (
    <>
      <PortalNav caller={caller} />
      {children}
    </>
  );
}
