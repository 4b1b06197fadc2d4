/**
 * The running portal answers `npm run db:backup` for the embedded database it holds
 * (db/backup.ts): only this process may read the folder consistently while it serves.
 */
import "server-only";
import { serveBackupRequests } from "@/db/backup";
import { getDb } from "@/lib/data/db";
import { env } from "@/lib/env";

export async function answerBackupRequests(): Promise<void> {
  if (env.DATABASE_URL) return; // pg_dump reads PostgreSQL while the portal runs
  const g = globalThis as { __tthcBackups?: boolean };
  if (g.__tthcBackups) return;
  g.__tthcBackups = true;
  serveBackupRequests(await getDb(), env.PGLITE_DIR);
}
