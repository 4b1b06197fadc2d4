/** GET /api/v1/tokens — tokens the caller manages; POST — create one (shown once). */
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/data/db";
import { readBody, utf8 } from "@/lib/api/body";
import { requireCaller } from "@/lib/api/caller";
import { ApiError, handler } from "@/lib/api/errors";
import { fieldErrors } from "@/lib/ingest/errors";
import { createToken, listTokens } from "@/lib/data/tokens";

const noNul = (s: string) => !s.includes("\u0000");
const NUL = "Có ký tự U+0000 / Contains U+0000";
const tokenInput = z.object({
  name: z.string().trim().min(1).max(200).refine(noNul, NUL).describe("Tên gợi nhớ, ví dụ: Hệ thống một cửa Sở Tư pháp"),
  unitCode: z.string().min(1).max(100).refine(noNul, NUL).describe("Mã đơn vị (MaDonVi): mã truy cập chỉ đọc/ghi dữ liệu của đơn vị này và các đơn vị trực thuộc"),
});

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
