/**
 * "Where do we stand?": an agency's place among its peers (sở/ban/ngành among the
 * departments of its parent, xã/phường among its communes) by the on-time rate
 * (METHOD §A.5), and the province's figure beside it.
 * [decision] Role matrix: every role that reads scores sees its own rank "k/N", the
 * province's rate and its tier as the public page shows it — each peer's name, on-time
 * rate and colour, nothing more (issue #23: an agency must not see less than a visitor).
 * The peers' other indicators, and any dossier, stay with the roles that see the province.
 * So the data layer computes the tier as the system and returns only those public figures.
 */
import "server-only";
import { eq, sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import { units } from "@/db/schema";
import { scorecard } from "@/lib/engine/scorecard";
import { unitIndex, type Index766 } from "@/lib/method/i766/score";
import type { Band } from "@/lib/method/bands";
import type { Period } from "@/lib/method/period";
import type { Caller } from "./scope";
import { scopeForRead } from "./units";
import { EVERY_UNIT, scopeRoot, subtreeOf } from "@/lib/engine/sql-util";

export interface Standing {
  rank: number;
  of: number;
  rate: number | null;
  provinceName: string;
  provinceRate: number | null;
  peers: string;
  /** The tier as the public page shows it, best first: the caller's own row marked. */
  tier: PeerRow[];
}

/** A peer as any visitor reads it on the public page: name, on-time rate, colour, place. */
export interface PeerRow {
  key: string;
  name: string;
  rate: number | null;
  band: Band;
  rank: number;
  own: boolean;
}

const PEERS: Record<string, string> = { so_nganh: "sở, ban, ngành", xa: "xã, phường", huyen: "huyện", tinh: "tỉnh" };

export async function standingOf(orm: Orm, caller: Caller, unitCode: string, period: Period): Promise<Standing | null> {
  await scopeForRead(orm, caller, "scores:read", unitCode);
  const [u] = await orm.select().from(units).where(eq(units.code, unitCode)).limit(1);
  if (!u?.parentCode) return null;
  // The province the unit belongs to (a national portal holds several).
  const [root] = await rows<{ code: string }>(
    orm,
    sql`select c.ancestor_code as code from unit_closure c
    join units a on a.code = c.ancestor_code where c.descendant_code = ${unitCode} and a.parent_code is null limit 1`,
  );
  const [tier, whole] = await Promise.all([
    // The tier as the system sees it; only this unit's place and the public figures leave here.
    scorecard(orm, { period, by: "agency", scope: EVERY_UNIT, filter: { parent: u.parentCode } }),
    scorecard(orm, { period, by: "all", scope: root ? subtreeOf(root.code) : EVERY_UNIT }),
  ]);
  const peers = tier.rows.filter((r) => r.kind === u.kind);
  const own = peers.find((r) => r.key === unitCode);
  if (!own) return null;
  // Ties share a rank; a unit without a rate ranks after every unit with one.
  const rankOf = (rate: number | null) =>
    1 + peers.filter((r) => r.onTime.rate !== null && (rate === null || r.onTime.rate > rate)).length;
  const tierRows = peers
    .map((r) => ({
      key: r.key,
      name: r.name,
      rate: r.onTime.rate,
      band: r.onTime.band,
      rank: rankOf(r.onTime.rate),
      own: r.key === unitCode,
    }))
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, "vi"));
  return {
    rank: rankOf(own.onTime.rate),
    of: peers.length,
    rate: own.onTime.rate,
    tier: tierRows,
    provinceName: whole.rows[0]?.name ?? "Toàn tỉnh",
    provinceRate: whole.rows[0]?.onTime.rate ?? null,
    peers: PEERS[u.kind] ?? u.kind,
  };
}

export interface Standing766 {
  name: string;
  index: Index766 | null;
  /** The tier the rank is within (sở, ban, ngành…), when the unit has peers. */
  peers: string | null;
}

/**
 * The 766 index of a unit (METHOD-766 §0.4, §7) with its rank among its peers — the
 * same role matrix as `standingOf`: the peers' totals are computed as the system and
 * only the unit's own index and its rank "k/N" leave this function. Without a unit,
 * the caller's whole scope.
 */
export async function index766Of(
  orm: Orm,
  caller: Caller,
  unitCode: string | null,
  period: Period,
): Promise<Standing766> {
  const scope = await scopeForRead(orm, caller, "scores:read", unitCode ?? undefined);
  const code = unitCode ?? scopeRoot(scope);
  const [u] = code === null ? [] : await orm.select().from(units).where(eq(units.code, code)).limit(1);
  if (u?.parentCode) {
    const tier = await scorecard(orm, {
      period,
      by: "agency",
      scope: EVERY_UNIT,
      filter: { parent: u.parentCode },
      profile: "766",
    });
    const own = tier.rows.find((r) => r.key === u.code);
    if (own) return { name: u.name, index: unitIndex(own.index766) ?? null, peers: PEERS[u.kind] ?? u.kind };
  }
  const whole = await scorecard(orm, { period, by: "all", scope, filter: code ? { unit: code } : {}, profile: "766" });
  return { name: u?.name ?? "Toàn bộ", index: unitIndex(whole.rows[0]?.index766) ?? null, peers: null };
}
