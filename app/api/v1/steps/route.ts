/** GET /api/v1/steps — where the time goes (METHOD-STEPS S.3) for the caller's scope. */
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { handler } from "@/lib/api/handler";
import { parseQuery, periodFrom, stepsQuery } from "@/lib/api/params";
import { getStepFigures } from "@/lib/data/steps";
import { callerKey, heavy, isHeavy, takeRate } from "@/lib/api/limits";
import { reply, stepsSchema } from "@/lib/api/responses";
import { periodJson } from "@/lib/method/period";

export const GET = handler(async (req: Request) => {
  const { orm } = await getDb();
  // Credentials before anything else: an anonymous caller learns nothing of what is valid.
  const caller = await requireCaller(orm, req);
  const q = parseQuery(req, stepsQuery);
  const period = periodFrom(q);
  const expensive = isHeavy(q);
  if (expensive) takeRate("heavy", callerKey(req, caller));
  const read = () =>
    getStepFigures(orm, caller, { period, by: q.by, filter: { unit: q.unit, procedure: q.procedure, field: q.field } });
  const figures = await (expensive ? heavy(read) : read());
  return reply(stepsSchema, { period: periodJson(period), by: q.by, ...figures });
});
