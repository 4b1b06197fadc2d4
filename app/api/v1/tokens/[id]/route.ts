/** DELETE /api/v1/tokens/{id} — revoke a token. */
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { ApiError, handler } from "@/lib/api/errors";
import { revokeToken } from "@/lib/data/tokens";

export const DELETE = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const id = Number((await ctx.params).id);
  if (!Number.isInteger(id)) throw new ApiError("not_found", "Không tìm thấy", "Not found");
  const { orm } = await getDb();
  await revokeToken(orm, await requireCaller(orm, req), id);
  return new Response(null, { status: 204 });
});
