/**
 * POST /api/v1/sync — the DVCQG sync services (`DongBoHoSoMC`, `CapNhatTienDoHoSoMC`)
 * as one-stop systems already send them (DATA.md §1).
 */
import { NextResponse } from "next/server";
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { ApiError, handler } from "@/lib/api/errors";
import { envelopeSchema } from "@/lib/ingest/dvcqg";
import { fieldErrors } from "@/lib/ingest/errors";
import { ingest, MAX_BATCH } from "@/lib/data/sync";
import { notifyDataChanged } from "@/lib/live/events";

const MAX_BYTES = 64 * 1024 * 1024;

export const POST = handler(async (req: Request) => {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BYTES) {
    throw new ApiError("payload_too_large", `Dữ liệu gửi quá lớn (tối đa ${MAX_BYTES / 1024 / 1024} MB)`, `Payload too large (max ${MAX_BYTES / 1024 / 1024} MB)`);
  }
  const text = await req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new ApiError("bad_request", "JSON không hợp lệ", "Malformed JSON", { reason: (e as Error).message });
  }
  const env = envelopeSchema.safeParse(body);
  if (!env.success) {
    throw new ApiError("unprocessable", "Phong bì dữ liệu không hợp lệ", "Invalid envelope", fieldErrors(env.error, body));
  }
  const { orm } = await getDb();
  const caller = await requireCaller(orm, req, env.data.session);
  if (env.data.data.length > MAX_BATCH) {
    throw new ApiError("payload_too_large", `Mỗi lần gửi tối đa ${MAX_BATCH} bản ghi (nhận ${env.data.data.length})`, `At most ${MAX_BATCH} records per batch (got ${env.data.data.length})`);
  }
  const out = await ingest(orm, caller, { service: env.data.service, data: env.data.data, defaultUnit: env.data.madonvi ?? null }, new Date(), {
    // JSON writes U+0000 as \u0000: without that text the records need no cleaning.
    mayHaveNul: text.includes("\\u0000"),
  });
  if (out.accepted > 0) notifyDataChanged();
  // Senders mark a batch synced when the message says "thành công": say it only when all went through.
  const message = out.rejected === 0
    ? `Đồng bộ thành công ${out.accepted} bản ghi`
    : `Đã nhận ${out.accepted} bản ghi; ${out.rejected} bản ghi bị từ chối, xem results / ${out.rejected} record(s) rejected, see results`;
  return NextResponse.json({
    error_code: out.rejected === 0 ? 0 : 1,
    message,
    accepted: out.accepted,
    rejected: out.rejected,
    results: out.results.map((r) => ({ ...r, quarantineId: out.quarantined.get(r.index) ?? undefined })),
  });
});
