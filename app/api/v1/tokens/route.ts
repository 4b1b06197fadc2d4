/** GET /api/v1/tokens — tokens the caller manages; POST — create one (shown once). */
import { NextResponse } from "next/server";
import { getDb } from "@/lib/data/db";
import { readBody, utf8 } from "@/lib/api/body";
import { tokenInput } from "@/lib/api/params";
import { requireCaller } from "@/lib/api/caller";
import { ApiError, handler } from "@/lib/api/errors";
import { fieldErrors } from "@/lib/ingest/errors";
import { createToken, listTokens } from "@/lib/data/tokens";

export const GET = handler(async (req: Request) => {
  const { orm } = await getDb();
  return NextResponse.json({ items: await listTokens(orm, await requireCaller(orm, req)) });
});

export const POST = handler(async (req: Request) => {
  const { orm } = await getDb();
  const caller = await requireCaller(orm, req);
  let body: unknown;
  try {
    body = JSON.parse(utf8(await readBody(req, 64 * 1024), { vi: "Dữ liệu gửi", en: "The body" }));
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError("bad_request", "JSON không hợp lệ", "Malformed JSON");
  }
  const input = tokenInput.safeParse(body);
  if (!input.success) throw new ApiError("unprocessable", "Dữ liệu không hợp lệ", "Invalid input", fieldErrors(input.error, body));
  return NextResponse.json(await createToken(orm, caller, input.data), { status: 201 });
});
