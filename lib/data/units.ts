/** Unit-tree questions the scoped data layer asks. */
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";

/** True when `unit` lies in the subtree of `scope` (null scope: anything that exists). */
export async function unitInScope(orm: Orm, scope: string | null, unit: string): Promise<boolean> {
  const r = await rows<{ ok: boolean }>(
    orm,
    scope
      ? sql`select exists(select 1 from unit_closure where ancestor_code = ${scope} and descendant_code = ${unit}) as ok`
      : sql`select exists(select 1 from units where code = ${unit}) as ok`,
  );
  return r[0]?.ok === true;
}

/** Of `codes`, those that exist, and those within `scope`. */
export async function classifyUnits(orm: Orm, scope: string | null, codes: string[]) {
  const found = await rows<{ code: string; inside: boolean }>(
    orm,
    sql`select u.code, ${scope ? sql`exists(select 1 from unit_closure c where c.ancestor_code = ${scope} and c.descendant_code = u.code)` : sql`true`} as inside
      from units u where u.code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`,
  );
  return { exists: new Set(found.map((f) => f.code)), inside: new Set(found.filter((f) => f.inside).map((f) => f.code)) };
}
