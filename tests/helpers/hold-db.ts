/** A second process for the lock test: opens the embedded database given, says "ready", then holds it. */
import { openDatabase } from "@/db";

const dir = process.argv[2];
await openDatabase({ dataDir: dir, skipMigrations: true });
process.stdout.write("ready\n");
setInterval(() => {}, 1 << 30);
