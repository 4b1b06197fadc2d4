/**
 * `npm run db:backup [-- --out FILE]`: a backup of the configured database (DATABASE_URL,
 * else the embedded folder) while the portal keeps running (db/backup.ts). Without --out,
 * into .data/backups/ with the time in the name.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "@/db";
import { backupOpenPglite, backupPostgres, BackupError, requestPgliteBackup } from "@/db/backup";
import { DatabaseLockedError } from "@/db/lock";
import { env } from "@/lib/env";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const fail = (e: unknown): never => {
  console.error(
    e instanceof BackupError || e instanceof DatabaseLockedError ? e.message : `Lỗi / Error: ${(e as Error).message}`,
  );
  process.exit(2);
};

const stamp = new Date(Date.now() + 7 * 3_600_000).toISOString().replace(/\D/g, "").slice(0, 14);
const kind = env.DATABASE_URL ? "postgres" : "pglite";
const out = path.resolve(
  values.out ??
    path.join(path.dirname(env.PGLITE_DIR), "backups", `tthc-${kind}-${stamp}.${env.DATABASE_URL ? "dump" : "tar.gz"}`),
);
if (fs.existsSync(out)) fail(new BackupError(`Tệp ${out} đã có; chọn tên khác`, `${out} exists; choose another name`));

try {
  if (env.DATABASE_URL) {
    await backupPostgres(env.DATABASE_URL, out);
  } else {
    // Opening a missing folder would create an empty database and back that up.
    if (!fs.existsSync(env.PGLITE_DIR) || !fs.readdirSync(env.PGLITE_DIR).length) {
      fail(
        new BackupError(
          `Không có cơ sở dữ liệu nhúng ở ${env.PGLITE_DIR} (kiểm tra PGLITE_DIR)`,
          `No embedded database at ${env.PGLITE_DIR} (check PGLITE_DIR)`,
        ),
      );
    }
    try {
      const db = await openDatabase({ dataDir: env.PGLITE_DIR, skipMigrations: true });
      try {
        await backupOpenPglite(db, out);
      } finally {
        await db.close();
      }
    } catch (e) {
      // The portal holds the folder: it makes the backup itself.
      if (!(e instanceof DatabaseLockedError)) throw e;
      console.log(
        `Cổng (tiến trình ${e.pid}) đang giữ cơ sở dữ liệu: nhờ cổng sao lưu… / The portal (process ${e.pid}) holds the database: asking it…`,
      );
      await requestPgliteBackup(env.PGLITE_DIR, e.pid, out);
    }
  }
  const mb = (fs.statSync(out).size / 1048576).toFixed(1);
  console.log(
    `Đã sao lưu vào ${out} (${mb} MB). Khôi phục: npm run db:restore -- ${out} / Backed up to ${out}. Restore: npm run db:restore -- ${out}`,
  );
} catch (e) {
  fail(e);
}
