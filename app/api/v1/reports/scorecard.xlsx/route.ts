/** GET /api/v1/reports/scorecard.xlsx?from&to&unit — the tiered scorecard as an Excel workbook. */
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { handler } from "@/lib/api/errors";
import { parseQuery, periodFrom, periodQuery } from "@/lib/api/params";
import { getIndicators } from "@/lib/data/indicators";
import { homeUnit } from "@/lib/data/tree";
import { scorecardWorkbook } from "@/lib/report/excel";
import { z } from "zod";

export const GET = handler(async (req: Request) => {
  const q = parseQuery(req, periodQuery.extend({ unit: z.string().optional() }));
  const { orm } = await getDb();
  const caller = await requireCaller(orm, req);
  const unit = q.unit ?? (await homeUnit(orm, caller))?.code;
  const period = periodFrom(q);
  const card = await getIndicators(orm, caller, { period, by: "agency", filter: unit ? { parent: unit } : { topLevel: true } });
  const total = await getIndicators(orm, caller, { period, by: "all", filter: unit ? { unit } : {} });
  const title = `Bảng chỉ số — ${total.rows[0]?.name ?? "Toàn bộ"}`;
  const body = await scorecardWorkbook({ ...card, rows: [...total.rows.map((r) => ({ ...r, key: unit ?? r.key })), ...card.rows] }, title);
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="bang-chi-so-${period.from}-${period.to}.xlsx"`,
    },
  });
});
