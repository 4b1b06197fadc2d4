/** POST /api/v1/quarantine/{id}/resend — body: the corrected record. */
import { getDb } from "@/lib/data/db";
import { readBody, utf8 } from "@/lib/api/body";
import { requireCaller } from "@/lib/api/caller";
import { ApiError } from "@/lib/api/errors";
import { handler } from "@/lib/api/handler";
import { idParam } from "@/lib/api/params";
import { resendRecord } from "@/lib/data/quarantine";
import { RECORD_LIMITS } from "@/lib/ingest/bounds";
import { notifyDataChanged } from "@/lib/live/events";
import { reply, resendResultSchema } from "@/lib/api/responses";

export const POST = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const { orm } = await getDb();
  // Credentials before the body, and the body bounded by what one record may be (a batch's record limit).
  const caller = await requireCaller(orm, req);
  const id = idParam((await ctx.params).id);
  const text = utf8(await readBody(req, RECORD_LIMITS.bytes), { vi: "Bản ghi", en: "The record" });
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (e) {
    throw new ApiError("bad_request", "JSON không hợp lệ", "Malformed JSON", { reason: (e as Error).message });
  }
  const result = await resendRecord(orm, caller, id, record);
  // Still invalid: the error envelope of every route, the record's errors in its details (it stays open with them).
  if (result.status !== "ok")
    throw new ApiError("unprocessable", "Bản ghi vẫn còn lỗi", "The record is still invalid", result.errors ?? []);
  notifyDataChanged();
  return reply(resendResultSchema, { index: 0, MaHoSo: result.MaHoSo, status: "ok" });
});
