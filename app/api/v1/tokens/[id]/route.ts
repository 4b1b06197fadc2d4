/** DELETE /api/v1/tokens/{id} — revoke a token. */
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { handler } from "@/lib/api/errors";
import { idParam } from "@/lib/api/params";
import { revokeToken } from "@/lib/data/tokens";

export const DELETE = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const id = idParam((await ctx.params).id);
  const { orm } = await getDb();
  await revokeToken(orm, await requireCaller(orm, req), id);
  return new Response(null, { status: 204 });
});
