/** GET /api/v1/reports/scorecard.xlsx?from&to&unit&profile — the tiered scorecard as an Excel workbook (profile=766 adds its sheets). */
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { handler } from "@/lib/api/handler";
import { parseQuery, periodFrom, workbookQuery } from "@/lib/api/params";
import { getIndicators } from "@/lib/data/indicators";
import { resolveUnit } from "@/lib/data/tree";
import { scorecardWorkbook, workbookFileName } from "@/lib/report/excel";
import { callerKey, heavy, takeRate } from "@/lib/api/limits";

export const GET = handler(async (req: Request) => {
  const { orm } = await getDb();
  const caller = await requireCaller(orm, req);
  const q = parseQuery(req, workbookQuery);
  takeRate("heavy", callerKey(req, caller));
  const unit = await resolveUnit(orm, caller, q.unit);
  const period = periodFrom(q);
  // A workbook is an expensive read: it waits for a place in the bounded queue (lib/api/limits.ts).
  const [card, total] = await heavy(() =>
    Promise.all([
      getIndicators(orm, caller, {
        period,
        by: "agency",
        filter: unit ? { parent: unit.code } : { topLevel: true },
        profile: q.profile,
      }),
      getIndicators(orm, caller, { period, by: "all", filter: unit ? { unit: unit.code } : {}, profile: q.profile }),
    ]),
  );
  // The first row is the unit itself, named (never "Toàn bộ" when the portal holds one province).
  const name = unit?.name ?? "Toàn quốc";
  const own = total.rows.map((r) => ({ ...r, key: unit?.code ?? r.key, name }));
  const body = await scorecardWorkbook(
    { ...card, rows: [...own, ...card.rows] },
    `Bảng chỉ số giải quyết thủ tục hành chính — ${name}`,
    period,
  );
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${workbookFileName(unit?.code ?? null, period, q.profile)}"`,
    },
  });
});
