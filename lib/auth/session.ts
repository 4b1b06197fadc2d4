/**
 * The caller of a page or server action, resolved on the server from the session
 * cookie (next-auth JWT), with the role and agency read fresh from the database.
 */
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { getDb } from "@/lib/data/db";
import type { Caller } from "@/lib/data/scope";
import { callerFromUserId } from "@/lib/data/users";
import { authOptions } from "./options";

/** Once per request (layout, menu and page all ask). */
export const currentCaller = cache(async (): Promise<Caller | null> => {
  const session = (await getServerSession(authOptions)) as { uid?: number; sv?: number } | null;
  if (!session?.uid) return null;
  return callerFromUserId((await getDb()).orm, session.uid, session.sv ?? 0);
});
