/** Reference-data imports, for administrators only; every applied import is audited. */
import "server-only";
import type { Orm } from "@/db";
import { auditLog } from "@/db/schema";
import { importReference } from "@/lib/ingest/import";
import type { ReferenceKind } from "@/lib/ingest/reference";
import { allowed, type Caller } from "./scope";
import { ForbiddenError } from "@/lib/errors";
import { actorName } from "./tokens";

export async function importForCaller(
  orm: Orm,
  caller: Caller,
  kind: ReferenceKind,
  file: { name: string; bytes: Uint8Array },
  dryRun: boolean,
) {
  if (!allowed(caller, "imports:write") || caller.kind === "token") throw new ForbiddenError();
  const report = await importReference(orm, kind, file, { dryRun });
  if (!dryRun) {
    await orm.insert(auditLog).values({
      actor: actorName(caller),
      action: `import.${kind}`,
      target: file.name,
      details: { rows: report.rows, inserted: report.inserted, updated: report.updated, errors: report.errors.length },
    });
  }
  return report;
}
