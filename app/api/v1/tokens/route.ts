/** GET /api/v1/tokens — tokens the caller manages; POST — create one (shown once). */
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { ApiError, handler } from "@/lib/api/errors";
import { fieldErrors } from "@/lib/ingest/errors";
import { createToken, listTokens } from "@/lib/data/tokens";

const tokenInput = z.object({
  name: z.string().trim().min(1).max(200).describe("Tên gợi nhớ, ví dụ: Hệ thống một cửa Sở Tư pháp"),
  unitCode: z.string().min(1).describe("Mã đơn vị (MaDonVi): mã truy cập chỉ đọc/ghi dữ liệu của đơn vị này và các đơn vị trực thuộc"),
});

export const GET = handler(async (req: Request) => {
  const { orm } = await getDb();
  return NextResponse.json({ items: await listTokens(orm, await requireCaller(orm, req)) });
});

export const POST = handler(async (req: Request) => {
  const { orm } = await getDb();
  const caller = await requireCaller(orm, req);
  const body = await req.json().catch(() => {
    throw new ApiError("bad_request", "JSON không hợp lệ", "Malformed JSON");
  });
  const input = tokenInput.safeParse(body);
  if (!input.success) throw new ApiError("unprocessable", "Dữ liệu không hợp lệ", "Invalid input", fieldErrors(input.error, body));
  return NextResponse.json(await createToken(orm, caller, input.data), { status: 201 });
});
