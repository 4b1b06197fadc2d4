/** GET /api/v1/dossiers/{MaHoSo}/explain — why a dossier counts as it does (METHOD §A). */
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { handler } from "@/lib/api/handler";
import { parseQuery, periodFrom, periodQuery, routeParam } from "@/lib/api/params";
import { explainForCaller } from "@/lib/data/dossiers";
import { explanationSchema, reply } from "@/lib/api/responses";

export const GET = handler(async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const { code } = await ctx.params;
  const { orm } = await getDb();
  const caller = await requireCaller(orm, req);
  const q = parseQuery(req, periodQuery);
  return reply(explanationSchema, await explainForCaller(orm, caller, routeParam(code), periodFrom(q)));
});
