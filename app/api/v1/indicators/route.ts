/** GET /api/v1/indicators — the DATA.md §3 JSON for the caller's scope (same engine as the CLI). */
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { handler } from "@/lib/api/handler";
import { indicatorsQuery, parseQuery, periodFrom } from "@/lib/api/params";
import { getIndicators } from "@/lib/data/indicators";
import { callerKey, heavy, isHeavy, takeRate } from "@/lib/api/limits";
import { reply, scorecardSchema } from "@/lib/api/responses";

export const GET = handler(async (req: Request) => {
  const { orm } = await getDb();
  // Credentials before anything else: an anonymous caller learns nothing of what is valid.
  const caller = await requireCaller(orm, req);
  const q = parseQuery(req, indicatorsQuery);
  const expensive = isHeavy(q);
  if (expensive) takeRate("heavy", callerKey(req, caller));
  const read = () =>
    getIndicators(orm, caller, {
      period: periodFrom(q),
      by: q.by,
      filter: { unit: q.unit, area: q.area, procedure: q.procedure, field: q.field, parent: q.parent },
      profile: q.profile,
    });
  // An expensive read waits for a place in the bounded queue; a cheap one never does.
  return reply(scorecardSchema, await (expensive ? heavy(read) : read()));
});
