/**
 * POST /api/v1/import/{kind}?dryRun=1 — reference data (DATA.md §2) as CSV or XLSX,
 * sent as multipart form-data (field `file`) or as the raw body.
 */
import { getDb } from "@/lib/data/db";
import { readBody } from "@/lib/api/body";
import { requireCaller } from "@/lib/api/caller";
import { ApiError } from "@/lib/api/errors";
import { handler } from "@/lib/api/handler";
import { importQuery, isTrue, parseQuery } from "@/lib/api/params";
import { importForCaller } from "@/lib/data/imports";
import { REFERENCE_KINDS, type ReferenceKind } from "@/lib/ingest/reference";
import { BODY_LIMITS } from "@/lib/api/limits";
import { notifyDataChanged } from "@/lib/live/events";
import { importReportSchema, reply } from "@/lib/api/responses";

export const POST = handler(async (req: Request, ctx: { params: Promise<{ kind: string }> }) => {
  const { kind } = await ctx.params;
  const { orm } = await getDb();
  const caller = await requireCaller(orm, req);
  // Own keys only: "toString" or "constructor" name no kind.
  if (!Object.hasOwn(REFERENCE_KINDS, kind))
    throw new ApiError("not_found", "Loại dữ liệu không có", "Unknown kind", { kinds: Object.keys(REFERENCE_KINDS) });
  const q = parseQuery(req, importQuery);
  const dryRun = isTrue(q.dryRun);
  // The caller is known (above) before the body is read, and the body is read bounded.
  const bytes = await readBody(req, BODY_LIMITS.import);
  let file: { name: string; bytes: Uint8Array };
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(bytes, { headers: { "content-type": type } }).formData().catch(() => null);
    const f = form?.get("file");
    if (!(f instanceof File))
      throw new ApiError("unprocessable", "Thiếu tệp (trường file)", "Missing file (field `file`)");
    file = { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
  } else {
    file = { name: q.filename ?? `${kind}.csv`, bytes };
  }
  const report = await importForCaller(orm, caller, kind as ReferenceKind, file, dryRun);
  if (!dryRun && report.valid > 0) notifyDataChanged();
  return reply(importReportSchema, report);
});
