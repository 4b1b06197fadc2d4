/** GET /api/v1/indicators — the DATA.md §3 JSON for the caller's scope (same engine as the CLI). */
import { NextResponse } from "next/server";
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { handler } from "@/lib/api/errors";
import { indicatorsQuery, parseQuery, periodFrom } from "@/lib/api/params";
import { getIndicators } from "@/lib/data/indicators";

export const GET = handler(async (req: Request) => {
  const q = parseQuery(req, indicatorsQuery);
  const { orm } = await getDb();
  const caller = await requireCaller(orm, req);
  const card = await getIndicators(orm, caller, {
    period: periodFrom(q),
    by: q.by,
    filter: { unit: q.unit, area: q.area, procedure: q.procedure, field: q.field, parent: q.parent },
    profile: q.profile,
  });
  return NextResponse.json(card);
});
