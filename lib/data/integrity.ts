/** The last check of the rollup and the derived facts (tthc verify, the nightly run), for administrators. */
import "server-only";
import type { Orm } from "@/db";
import { lastCheck, type IntegrityCheck } from "@/lib/engine/verify";
import { ForbiddenError } from "@/lib/errors";
import { allowed, type Caller } from "./scope";

/** Province-wide data about the whole database: the administrators' (users:manage) only. */
export async function lastIntegrityCheck(orm: Orm, caller: Caller): Promise<IntegrityCheck | null> {
  if (caller.kind !== "user" || !allowed(caller, "users:manage")) throw new ForbiddenError();
  return lastCheck(orm);
}
