/** GET /api/v1/worklist — "Cần ưu tiên": open dossiers of the caller's scope, due first, with what each is worth. */
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { handler } from "@/lib/api/handler";
import { callerKey, heavy, takeRate } from "@/lib/api/limits";
import { parseQuery, worklistQuery } from "@/lib/api/params";
import { worklistForCaller, worklistJson } from "@/lib/data/dossiers";
import { reply, worklistSchema } from "@/lib/api/responses";
import { periodAround } from "@/lib/method/period";

export const GET = handler(async (req: Request) => {
  const { orm } = await getDb();
  // Credentials before anything else: an anonymous caller learns nothing of what is valid.
  const caller = await requireCaller(orm, req);
  const q = parseQuery(req, worklistQuery);
  // Worth reads the 766 scorecard: an expensive read, queued and charged like profile=766 (limits.ts).
  takeRate("heavy", callerKey(req, caller));
  const period = periodAround(q.period, new Date());
  const list = await heavy(() => worklistForCaller(orm, caller, { ...q, period }));
  return reply(worklistSchema, worklistJson(period, list));
});
