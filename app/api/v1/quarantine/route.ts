/** GET /api/v1/quarantine — rejected sync records in the caller's scope. */
import { NextResponse } from "next/server";
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { handler } from "@/lib/api/errors";
import { parseQuery, quarantineQuery } from "@/lib/api/params";
import { listQuarantine } from "@/lib/data/quarantine";


export const GET = handler(async (req: Request) => {
  const q = parseQuery(req, quarantineQuery);
  const { orm } = await getDb();
  return NextResponse.json(await listQuarantine(orm, await requireCaller(orm, req), q));
});
