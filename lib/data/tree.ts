/** Where a caller stands in the unit tree: their root, a unit's breadcrumb, its children. */
import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import type { UnitKind } from "@/db/schema";
import { scopeOf, type Caller } from "./scope";
import { NotFoundError } from "@/lib/errors";
import { unitInScope } from "./units";
import { inScope, scopeRoot } from "@/lib/engine/sql-util";

export interface UnitRef {
  code: string;
  name: string;
  kind: UnitKind;
}

/** The unit a caller starts from: their agency, or the province (when the portal holds one). */
export async function homeUnit(orm: Orm, caller: Caller): Promise<UnitRef | null> {
  const root = scopeRoot(scopeOf(caller));
  const found = await rows<UnitRef>(
    orm,
    root
      ? sql`select code, name, kind from units where code = ${root}`
      : sql`select code, name, kind from units where parent_code is null order by code limit 2`,
  );
  return found.length === 1 ? found[0] : null;
}

/** The unit asked for in the URL, if the caller may see it (else not found), or their home unit. */
export async function resolveUnit(orm: Orm, caller: Caller, code: string | undefined): Promise<UnitRef | null> {
  if (!code) return homeUnit(orm, caller);
  if (!(await unitInScope(orm, scopeOf(caller), code))) throw new NotFoundError();
  return (await rows<UnitRef>(orm, sql`select code, name, kind from units where code = ${code}`))[0] ?? null;
}

/** Ancestors of `code` from the caller's top (inclusive) down to it (inclusive). */
export async function breadcrumb(orm: Orm, caller: Caller, code: string): Promise<UnitRef[]> {
  const scope = scopeOf(caller);
  return rows<UnitRef>(
    orm,
    sql`select u.code, u.name, u.kind from unit_closure c join units u on u.code = c.ancestor_code
        where c.descendant_code = ${code}
          and ${inScope(sql`c.ancestor_code`, scope)}
        order by c.depth desc`,
  );
}

/** The public front page's heading: the province (first root) and how many units the portal holds. */
export async function portalSummary(orm: Orm): Promise<{ code: string | null; name: string | null; units: number }> {
  const [r] = await rows<{ code: string | null; name: string | null; units: number }>(
    orm,
    sql`select (select code from units where parent_code is null order by code limit 1) as code,
      (select name from units where parent_code is null order by code limit 1) as name, (select count(*)::int from units) as units`,
  );
  return r ?? { code: null, name: null, units: 0 };
}

/**
 * The province a report is signed in ("Thái Nguyên, ngày …"): the root of `code`'s tree,
 * or the portal's only root; its name without "UBND tỉnh". Public, like the unit tree's names.
 */
export async function placeName(orm: Orm, code: string | null): Promise<string | null> {
  const [r] = code
    ? await rows<{ name: string | null }>(orm, sql`select name from units where code = province_of(${code}::text)`)
    : await rows<{ name: string | null }>(
        orm,
        sql`select name from units where parent_code is null and (select count(*) from units where parent_code is null) = 1`,
      );
  return r?.name ? r.name.replace(/^(UBND|Ủy ban nhân dân) (tỉnh|thành phố) /i, "") : null;
}

/** Whether `code` has units below it in the period (else its own scorecard is the answer, not a tier). */
export async function hasChildUnits(
  orm: Orm,
  caller: Caller,
  code: string,
  period: { from: string; to: string },
): Promise<boolean> {
  if (!(await unitInScope(orm, scopeOf(caller), code))) throw new NotFoundError();
  const [r] = await rows<{ ok: boolean }>(
    orm,
    sql`select exists(select 1 from units u where u.parent_code = ${code}
    and (u.valid_from is null or u.valid_from <= ${period.to}::date) and (u.valid_to is null or u.valid_to >= ${period.from}::date)) as ok`,
  );
  return r?.ok === true;
}
