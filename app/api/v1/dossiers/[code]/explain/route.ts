/** GET /api/v1/dossiers/{MaHoSo}/explain — why a dossier counts as it does (METHOD §A). */
import { NextResponse } from "next/server";
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { handler } from "@/lib/api/errors";
import { parseQuery, periodFrom, periodQuery, routeParam } from "@/lib/api/params";
import { explainForCaller } from "@/lib/data/dossiers";

export const GET = handler(async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const { code } = await ctx.params;
  const q = parseQuery(req, periodQuery);
  const { orm } = await getDb();
  const caller = await requireCaller(orm, req);
  return NextResponse.json(await explainForCaller(orm, caller, routeParam(code), periodFrom(q)));
});
