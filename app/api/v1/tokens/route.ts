/** GET /api/v1/tokens — tokens the caller manages; POST — create one (shown once). */
import { getDb } from "@/lib/data/db";
import { readBody, utf8 } from "@/lib/api/body";
import { BODY_LIMITS } from "@/lib/api/limits";
import { tokenInput } from "@/lib/api/params";
import { requireCaller } from "@/lib/api/caller";
import { ApiError } from "@/lib/api/errors";
import { handler } from "@/lib/api/handler";
import { fieldErrors } from "@/lib/ingest/errors";
import { createToken, listTokens } from "@/lib/data/tokens";
import { reply, tokenCreatedSchema, tokenListSchema } from "@/lib/api/responses";
import { formatLocalInstant } from "@/lib/method/time";

export const GET = handler(async (req: Request) => {
  const { orm } = await getDb();
  const local = (d: Date | null) => d && formatLocalInstant(d);
  const items = await listTokens(orm, await requireCaller(orm, req));
  return reply(tokenListSchema, {
    items: items.map((t) => ({
      ...t,
      createdAt: formatLocalInstant(t.createdAt),
      lastUsedAt: local(t.lastUsedAt),
      revokedAt: local(t.revokedAt),
    })),
  });
});

export const POST = handler(async (req: Request) => {
  const { orm } = await getDb();
  const caller = await requireCaller(orm, req);
  let body: unknown;
  try {
    body = JSON.parse(utf8(await readBody(req, BODY_LIMITS.token), { vi: "Dữ liệu gửi", en: "The body" }));
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError("bad_request", "JSON không hợp lệ", "Malformed JSON");
  }
  const input = tokenInput.safeParse(body);
  if (!input.success)
    throw new ApiError("unprocessable", "Dữ liệu không hợp lệ", "Invalid input", fieldErrors(input.error, body));
  return reply(tokenCreatedSchema, await createToken(orm, caller, input.data), { status: 201 });
});
