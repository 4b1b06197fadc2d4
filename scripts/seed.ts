/**
 * `npm run db:seed [-- --dossiers N] [--until YYYY-MM-DD] [--reset [--yes-wipe NAME]] [--national]`:
 * loads the demo province (or all 34 provinces) into the configured database
 * (DATABASE_URL, else the embedded PGlite). `--reset` empties it first, but only a
 * database that holds nothing but the demo, unless the database is named with
 * --yes-wipe; never one with accounts of its own (lib/demo/guard.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { env } from "@/lib/env";
import { openConfiguredStore } from "@/lib/store/open";
import { countDossiers } from "@/lib/store/writes";
import { seedDemo } from "@/lib/demo/seed";
import { databaseState } from "@/lib/demo/guard";
import { databaseName } from "@/lib/store/open";

const { values } = parseArgs({
  options: {
    dossiers: { type: "string", default: "50000" },
    until: { type: "string" },
    reset: { type: "boolean", default: false },
    "if-empty": { type: "boolean", default: false },
    "yes-wipe": { type: "string" },
    national: { type: "boolean", default: false },
  },
});

// `npm start` seeds the demo only into the embedded database: a real server starts empty
// (its first administrator comes from `npm run admin:create`), never with published passwords.
if (values["if-empty"] && env.DATABASE_URL) {
  console.log(
    "DATABASE_URL: không nạp dữ liệu mẫu. Tạo quản trị viên đầu tiên: npm run admin:create -- --username … --name … --unit … --unit-name …",
  );
  process.exit(0);
}

// A PGLITE_DIR that was named but holds no database is a mistake (a typo, an unmounted
// disk), not a wish for a fresh demo with published passwords: `npm start` stops here.
// Asking for the demo there is `npm run db:seed` without --if-empty.
if (
  values["if-empty"] &&
  !env.DATABASE_URL &&
  env.PGLITE_DIR_NAMED &&
  !(fs.existsSync(env.PGLITE_DIR) && fs.readdirSync(env.PGLITE_DIR).length)
) {
  console.error(
    `PGLITE_DIR=${env.PGLITE_DIR} không có cơ sở dữ liệu. Kiểm tra đường dẫn; muốn tạo dữ liệu mẫu ở đó: npm run db:seed / ` +
      `PGLITE_DIR=${env.PGLITE_DIR} holds no database. Check the path; to create the demo there: npm run db:seed`,
  );
  process.exit(1);
}

const db = await openConfiguredStore();
try {
  const existing = await countDossiers(db.orm);
  if (existing > 0 && values["if-empty"]) {
    console.log(`Cơ sở dữ liệu đã có ${existing.toLocaleString("vi-VN")} hồ sơ — bỏ qua dữ liệu mẫu.`);
  } else {
    if (existing > 0 && !values.reset) {
      console.error(
        "Cơ sở dữ liệu đã có dữ liệu; dùng --reset để xoá và nạp lại / The database has data; use --reset.",
      );
      process.exit(1);
    }
    if (values.reset) {
      const state = await databaseState(db.orm);
      const name = await databaseName(db);
      if (state.foreignUsers.length) {
        console.error(
          `Không xoá: cơ sở dữ liệu ${name} có tài khoản không phải của dữ liệu mẫu (${state.foreignUsers.join(", ")}). ` +
            "Đây là cơ sở dữ liệu thật; muốn bỏ nó, hãy tự xoá nó (và sao lưu trước: npm run db:backup). / " +
            `Refused: database ${name} has accounts that are not the demo's (${state.foreignUsers.join(", ")}). ` +
            "It is a real database; to discard it, drop it yourself (after npm run db:backup).",
        );
        process.exit(1);
      }
      if (!state.empty && !state.demoOnly && values["yes-wipe"] !== name) {
        console.error(
          `Không xoá: cơ sở dữ liệu ${name} có dữ liệu ngoài dữ liệu mẫu (${state.dossiers.toLocaleString("vi-VN")} hồ sơ, đã có ghi mới sau khi nạp mẫu). ` +
            `Sao lưu trước (npm run db:backup), rồi xác nhận bằng --yes-wipe ${name} / ` +
            `Refused: database ${name} holds more than the demo (${state.dossiers} dossiers, written to since the seed). ` +
            `Back it up first (npm run db:backup), then confirm with --yes-wipe ${name}`,
        );
        process.exit(1);
      }
      await db.orm.execute(sql`truncate dossiers, process_steps, feedback, reported_totals, authorities, procedures,
        units, unit_closure, users, api_tokens, rejected_records, audit_log, integrity_checks, portal_meta restart identity cascade`);
    }
    const n = Number(values.dossiers);
    console.log(`Nạp dữ liệu mẫu tỉnh Thái Nguyên (${n.toLocaleString("vi-VN")} hồ sơ) vào ${db.kind}…`);
    // The demo's logins and tokens go beside its database (.data, or e2e's own folder).
    const dataDir = path.dirname(env.PGLITE_DIR);
    const r = await seedDemo(db, {
      dossiers: n,
      until: values.until,
      log: console.log,
      national: values.national,
      dataDir,
    });
    if (r.users.length) {
      console.log(`Xong trong ${(r.ms / 1000).toFixed(1)} s. Tài khoản mẫu (mật khẩu chung: ${r.users[0].password}):`);
      for (const u of r.users) console.log(`  ${u.username.padEnd(12)} ${u.role.padEnd(15)} ${u.agency}`);
    } else {
      console.log(
        `Xong trong ${(r.ms / 1000).toFixed(1)} s. Cơ sở dữ liệu đã có tài khoản riêng: không tạo tài khoản hay mã truy cập mẫu.`,
      );
    }
  }
} finally {
  await db.close();
}
