/**
 * POST /api/v1/sync — the DVCQG sync services (`DongBoHoSoMC`, `CapNhatTienDoHoSoMC`)
 * as one-stop systems already send them (DATA.md §1).
 */
import { getDb } from "@/lib/data/db";
import { readBody, utf8 } from "@/lib/api/body";
import { requestCaller, requireCaller } from "@/lib/api/caller";
import { ApiError } from "@/lib/api/errors";
import { handler } from "@/lib/api/handler";
import { envelopeSchema } from "@/lib/ingest/dvcqg";
import { fieldErrors } from "@/lib/ingest/errors";
import { ingest } from "@/lib/data/sync";
import { MAX_BATCH } from "@/lib/ingest/bounds";
import { notifyDataChanged } from "@/lib/live/events";
import { BODY_LIMITS, callerKey, takeRate } from "@/lib/api/limits";
import { reply, syncResultSchema } from "@/lib/api/responses";

export const POST = handler(async (req: Request) => {
  const { orm } = await getDb();
  // Authenticate first from the headers (a bad token is refused here, before the body).
  const known = await requestCaller(orm, req);
  // A caller known from the headers is limited before its body is read; one known from the envelope, after.
  takeRate("sync", callerKey(req, known));
  const bytes = await readBody(
    req,
    known ? BODY_LIMITS.sync : BODY_LIMITS.syncUnauthenticated,
    known
      ? undefined
      : {
          vi: "khi chưa xác thực, gửi mã truy cập trong tiêu đề Authorization: Bearer để gửi lô lớn",
          en: "unauthenticated; send the token as Authorization: Bearer for large batches",
        },
  );
  const text = utf8(bytes, { vi: "Dữ liệu gửi", en: "The body" });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new ApiError("bad_request", "JSON không hợp lệ", "Malformed JSON", { reason: (e as Error).message });
  }
  const env = envelopeSchema.safeParse(body);
  if (!env.success) {
    throw new ApiError(
      "unprocessable",
      "Phong bì dữ liệu không hợp lệ",
      "Invalid envelope",
      fieldErrors(env.error, body),
    );
  }
  const caller = known ?? (await requireCaller(orm, req, env.data.session));
  if (!known) takeRate("sync", callerKey(req, caller));
  if (env.data.data.length > MAX_BATCH) {
    throw new ApiError(
      "payload_too_large",
      `Mỗi lần gửi tối đa ${MAX_BATCH} bản ghi (nhận ${env.data.data.length})`,
      `At most ${MAX_BATCH} records per batch (got ${env.data.data.length})`,
    );
  }
  const out = await ingest(orm, caller, {
    service: env.data.service,
    data: env.data.data,
    defaultUnit: env.data.madonvi ?? null,
  });
  if (out.accepted > 0) notifyDataChanged();
  // Senders mark a batch synced when the message says "thành công": say it only when all went through.
  const message =
    out.rejected === 0
      ? `Đồng bộ thành công ${out.accepted} bản ghi`
      : `Đã nhận ${out.accepted} bản ghi; ${out.rejected} bản ghi bị từ chối, xem results / ${out.rejected} record(s) rejected, see results`;
  return reply(syncResultSchema, {
    error_code: out.rejected === 0 ? 0 : 1,
    message,
    accepted: out.accepted,
    rejected: out.rejected,
    results: out.results.map((r) => ({ ...r, quarantineId: out.quarantined.get(r.index) ?? undefined })),
  });
});
