/** GET /api/v1/worklist — "Cần ưu tiên": open dossiers of the caller's scope, due first, with what each is worth. */
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { handler } from "@/lib/api/handler";
import { parseQuery, worklistQuery } from "@/lib/api/params";
import { worklistForCaller } from "@/lib/data/dossiers";
import { reply, worklistSchema } from "@/lib/api/responses";
import { periodAround, periodJson } from "@/lib/method/period";
import { formatLocalInstant } from "@/lib/method/time";

export const GET = handler(async (req: Request) => {
  const { orm } = await getDb();
  // Credentials before anything else: an anonymous caller learns nothing of what is valid.
  const caller = await requireCaller(orm, req);
  const q = parseQuery(req, worklistQuery);
  const period = periodAround(q.period, new Date());
  const list = await worklistForCaller(orm, caller, { ...q, period });
  const at = (ms: number | null) => (ms === null ? null : formatLocalInstant(new Date(ms)));
  return reply(worklistSchema, {
    period: periodJson(period),
    total: list.total,
    overdue: list.overdue,
    atStake: list.atStake,
    items: list.items.map((x) => ({
      code: x.code,
      unit: x.unit,
      procedure: x.procedure,
      department: x.department,
      start: at(x.startMs),
      dueAt: at(x.dueMs),
      overdue: x.overdue,
      leftMinutes: x.leftMs === null ? null : Math.trunc(x.leftMs / 60_000),
      leftWorkingDays: x.leftWorkingDays,
      worth: { rate: x.worthRate, points766: x.worthPoints766 },
    })),
  });
});
