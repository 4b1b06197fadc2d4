/** Units the caller may pick in forms (their subtree). */
import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import type { UnitKind } from "@/db/schema";
import { scopeOf, type Caller } from "./scope";
import { inScope } from "@/lib/engine/sql-util";

export async function unitsForCaller(orm: Orm, caller: Caller) {
  const scope = scopeOf(caller);
  return rows<{ code: string; name: string; kind: UnitKind; parent_code: string | null }>(
    orm,
    sql`select code, name, kind, parent_code from units
        where ${inScope(sql`code`, scope)}
        order by (parent_code is not null), kind, name`,
  );
}

/** The procedure catalogue, for the filters of the dossier list (public reference data). */
export async function proceduresForPicker(orm: Orm) {
  return rows<{ code: string; name: string }>(orm, sql`select code, name from procedures order by name`);
}
