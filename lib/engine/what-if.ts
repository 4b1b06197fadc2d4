/**
 * What the data defects cost: per agency, the on-time rate (METHOD §A.5) as it is,
 * and at most what it would be if the dossiers counted late only for missing data
 * (no start, §A.3; no known deadline, §A.4 [decision]) were fixed and on time.
 */
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import type { Period } from "@/lib/method/period";
import { rate } from "@/lib/method/rates";
import { dossierVerdict, overlapsPeriod } from "./verdict-sql";
import { inScope, type Scope } from "./sql-util";

export async function onTimeIfFixed(orm: Orm, period: Period, scope: Scope) {
  const found = await rows<{ unit_code: string; population: number; ok: number; forced: number }>(
    orm,
    sql`
    select d.unit_code, count(*)::int as population, count(*) filter (where v.ok)::int as ok,
      count(*) filter (where not v.ok and (d.start_at is null or d.due_at is null))::int as forced
    from dossiers d cross join lateral ${dossierVerdict(period)} v
    where ${overlapsPeriod(period)} and v.pop and ${inScope(sql`d.unit_code`, scope)}
    group by d.unit_code`,
  );
  return new Map(
    found.map((r) => [
      r.unit_code,
      {
        population: r.population,
        forced: r.forced,
        rate: rate(r.ok, r.population),
        rateIfFixed: rate(r.ok + r.forced, r.population),
      },
    ]),
  );
}
