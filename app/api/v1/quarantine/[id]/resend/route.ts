/** POST /api/v1/quarantine/{id}/resend — body: the corrected record. */
import { NextResponse } from "next/server";
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { ApiError, handler } from "@/lib/api/errors";
import { resendRecord } from "@/lib/data/quarantine";
import { notifyDataChanged } from "@/lib/live/events";

export const POST = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const id = Number((await ctx.params).id);
  if (!Number.isInteger(id)) throw new ApiError("not_found", "Không tìm thấy", "Not found");
  let record: unknown;
  try {
    record = JSON.parse(await req.text());
  } catch (e) {
    throw new ApiError("bad_request", "JSON không hợp lệ", "Malformed JSON", { reason: (e as Error).message });
  }
  const { orm } = await getDb();
  const result = await resendRecord(orm, await requireCaller(orm, req), id, record);
  if (result.status === "ok") notifyDataChanged();
  return NextResponse.json(result, { status: result.status === "ok" ? 200 : 422 });
});
