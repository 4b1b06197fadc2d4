/** DELETE /api/v1/tokens/{id} — revoke a token. */
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { handler } from "@/lib/api/handler";
import { idParam } from "@/lib/api/params";
import { revokeToken } from "@/lib/data/tokens";

export const DELETE = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const { orm } = await getDb();
  const caller = await requireCaller(orm, req);
  await revokeToken(orm, caller, idParam((await ctx.params).id));
  return new Response(null, { status: 204 });
});
