/** GET /api/v1/quarantine — rejected sync records in the caller's scope. */
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { handler } from "@/lib/api/errors";
import { intParam, parseQuery } from "@/lib/api/params";
import { QUARANTINE_STATES } from "@/db/schema";
import { listQuarantine } from "@/lib/data/quarantine";

const query = z.object({
  state: z.enum(QUARANTINE_STATES).default("open"),
  limit: intParam(1, 500).default(50),
  offset: intParam(0, 100_000_000).default(0),
});

export const GET = handler(async (req: Request) => {
  const q = parseQuery(req, query);
  const { orm } = await getDb();
  return NextResponse.json(await listQuarantine(orm, await requireCaller(orm, req), q));
});
