/**
 * A second process for the lock and backup tests: opens the embedded database given, says
 * "ready", then holds it; with --serve-backups it answers backup requests as the portal does.
 */
import { openDatabase } from "@/db";
import { serveBackupRequests } from "@/db/backup";

const dir = process.argv[2];
const db = await openDatabase({ dataDir: dir, skipMigrations: true });
if (process.argv.includes("--serve-backups")) serveBackupRequests(db, dir);
process.stdout.write("ready\n");
setInterval(() => {}, 1 << 30);
