/** POST /api/v1/quarantine/{id}/resend — body: the corrected record. */
import { NextResponse } from "next/server";
import { getDb } from "@/lib/data/db";
import { readBody, utf8 } from "@/lib/api/body";
import { requireCaller } from "@/lib/api/caller";
import { ApiError, handler } from "@/lib/api/errors";
import { idParam } from "@/lib/api/params";
import { resendRecord } from "@/lib/data/quarantine";
import { RECORD_LIMITS } from "@/lib/ingest/bounds";
import { notifyDataChanged } from "@/lib/live/events";

export const POST = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const id = idParam((await ctx.params).id);
  const { orm } = await getDb();
  // Credentials before the body, and the body bounded by what one record may be (a batch's record limit).
  const caller = await requireCaller(orm, req);
  const text = utf8(await readBody(req, RECORD_LIMITS.bytes), { vi: "Bản ghi", en: "The record" });
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (e) {
    throw new ApiError("bad_request", "JSON không hợp lệ", "Malformed JSON", { reason: (e as Error).message });
  }
  const result = await resendRecord(orm, caller, id, record);
  if (result.status === "ok") notifyDataChanged();
  return NextResponse.json(result, { status: result.status === "ok" ? 200 : 422 });
});
