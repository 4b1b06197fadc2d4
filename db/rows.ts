/**
 * Raw SQL through either driver, as plain objects. Queries cast what they return
 * (counts to int, instants to text or epoch ms) so neither driver's type parsing leaks out.
 */
import type { SQL } from "drizzle-orm";
import type { Orm } from "./index";

export async function rows<T = Record<string, unknown>>(orm: Pick<Orm, "execute">, query: SQL): Promise<T[]> {
  const result = (await orm.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
