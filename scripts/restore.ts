/**
 * `npm run db:restore -- FILE [--yes-wipe NAME]`: puts a backup of `npm run db:backup` in
 * place of the configured database, with the portal stopped. A database that holds
 * anything is replaced only when named with --yes-wipe (the embedded folder in place is
 * kept beside the new one, renamed). Migrations then bring an older backup up to date.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { BackupError, restorePglite, restorePostgres } from "@/db/backup";
import { DatabaseLockedError } from "@/db/lock";
import { env } from "@/lib/env";
import { databaseState } from "@/lib/demo/guard";
import { databaseName, openConfiguredStore, openStore } from "@/lib/store/open";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { "yes-wipe": { type: "string" } } });
const fail = (vi: string, en: string): never => {
  console.error(`${vi} / ${en}`);
  process.exit(2);
};
const file = positionals[0]
  ? path.resolve(positionals[0])
  : fail("Cần tệp sao lưu: npm run db:restore -- TỆP", "A backup file is needed: npm run db:restore -- FILE");
if (!fs.existsSync(file)) fail(`Không có tệp ${file}`, `No file ${file}`);
const isPgDump = fs.readFileSync(file).subarray(0, 5).toString() === "PGDMP";
if (Boolean(env.DATABASE_URL) !== isPgDump) {
  fail(
    `Tệp ${path.basename(file)} là bản sao lưu ${isPgDump ? "PostgreSQL" : "cơ sở dữ liệu nhúng"}, không khôi phục được vào ${env.DATABASE_URL ? "PostgreSQL" : "cơ sở dữ liệu nhúng"}`,
    `${path.basename(file)} is a ${isPgDump ? "PostgreSQL" : "embedded database"} backup; it cannot be restored into ${env.DATABASE_URL ? "PostgreSQL" : "the embedded database"}`,
  );
}

try {
  // What is there now: empty, or named by the operator.
  const hasFolder = !env.DATABASE_URL && fs.existsSync(env.PGLITE_DIR) && fs.readdirSync(env.PGLITE_DIR).length > 0;
  if (env.DATABASE_URL || hasFolder) {
    const db = await openConfiguredStore();
    try {
      const name = await databaseName(db);
      const state = await databaseState(db.orm);
      if (!state.empty && values["yes-wipe"] !== name) {
        fail(
          `Cơ sở dữ liệu ${name} đang có dữ liệu (${state.dossiers.toLocaleString("vi-VN")} hồ sơ). Khôi phục sẽ thay toàn bộ; xác nhận bằng --yes-wipe ${name}`,
          `Database ${name} holds data (${state.dossiers} dossiers). A restore replaces all of it; confirm with --yes-wipe ${name}`,
        );
      }
    } finally {
      await db.close();
    }
  }
  if (env.DATABASE_URL) {
    // Any other client of the database (the portal, a tool) would see it replaced under it.
    const client = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
    const [{ n }] =
      await client`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
    await client.end();
    if (n > 0)
      fail(
        `Có ${n} kết nối khác tới cơ sở dữ liệu: dừng cổng trước khi khôi phục`,
        `${n} other connections to the database: stop the portal before restoring`,
      );
    await restorePostgres(env.DATABASE_URL, file);
    // A backup of an older version: its migrations are applied now.
    await (await openStore({ url: env.DATABASE_URL })).close();
    console.log(`Đã khôi phục ${file} vào PostgreSQL / Restored ${file} into PostgreSQL`);
  } else {
    const kept = await restorePglite(env.PGLITE_DIR, file, (blob) =>
      openStore({ dataDir: env.PGLITE_DIR, loadDataDir: blob }),
    );
    console.log(
      `Đã khôi phục ${file} vào ${path.resolve(env.PGLITE_DIR)} / Restored.${kept ? ` Thư mục cũ giữ ở / the old folder is kept at ${kept}` : ""}`,
    );
  }
} catch (e) {
  if (!(e instanceof BackupError || e instanceof DatabaseLockedError)) throw e;
  console.error(e.message);
  process.exit(2);
}
