/** GET /api/v1/quarantine — rejected sync records in the caller's scope. */
import { getDb } from "@/lib/data/db";
import { requireCaller } from "@/lib/api/caller";
import { handler } from "@/lib/api/handler";
import { parseQuery, quarantineQuery } from "@/lib/api/params";
import { listQuarantine } from "@/lib/data/quarantine";
import { quarantineListSchema, reply } from "@/lib/api/responses";
import type { FieldError } from "@/lib/ingest/errors";
import type { Service } from "@/lib/ingest/dvcqg";
import { formatLocalInstant } from "@/lib/method/time";

export const GET = handler(async (req: Request) => {
  const { orm } = await getDb();
  const caller = await requireCaller(orm, req);
  const list = await listQuarantine(orm, caller, parseQuery(req, quarantineQuery));
  return reply(quarantineListSchema, {
    total: list.total,
    items: list.items.map((r) => ({
      id: r.id,
      receivedAt: formatLocalInstant(r.receivedAt),
      service: r.service as Service,
      unitCode: r.unitCode,
      dossierCode: r.dossierCode,
      payload: r.payload,
      errors: r.errors as FieldError[],
      state: r.state,
    })),
  });
});
