/**
 * `npm run db:seed [-- --dossiers N] [--until YYYY-MM-DD] [--reset] [--national]`: loads
 * the demo province (or all 34 provinces) into the configured database (DATABASE_URL,
 * else the embedded PGlite).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { env } from "@/lib/env";
import { openConfiguredStore } from "@/lib/store/open";
import { countDossiers } from "@/lib/store/writes";
import { seedDemo } from "@/lib/demo/seed";

const { values } = parseArgs({
  options: {
    dossiers: { type: "string", default: "50000" },
    until: { type: "string" },
    reset: { type: "boolean", default: false },
    "if-empty": { type: "boolean", default: false },
    national: { type: "boolean", default: false },
  },
});

// `npm start` seeds the demo only into the embedded database: a real server starts empty
// (its first administrator comes from `npm run admin:create`), never with published passwords.
if (values["if-empty"] && env.DATABASE_URL) {
  console.log("DATABASE_URL: không nạp dữ liệu mẫu. Tạo quản trị viên đầu tiên: npm run admin:create -- --username … --name … --unit … --unit-name …");
  process.exit(0);
}

const db = await openConfiguredStore();
try {
  const existing = await countDossiers(db.orm);
  if (existing > 0 && values["if-empty"]) {
    console.log(`Cơ sở dữ liệu đã có ${existing.toLocaleString("vi-VN")} hồ sơ — bỏ qua dữ liệu mẫu.`);
  } else {
    if (existing > 0 && !values.reset) {
      console.error("Cơ sở dữ liệu đã có dữ liệu; dùng --reset để xoá và nạp lại / The database has data; use --reset.");
      process.exit(1);
    }
    if (values.reset) {
      await db.orm.execute(sql`truncate dossiers, process_steps, feedback, reported_totals, authorities, procedures,
        units, unit_closure, users, api_tokens, rejected_records, audit_log restart identity cascade`);
    }
    const n = Number(values.dossiers);
    console.log(`Nạp dữ liệu mẫu tỉnh Thái Nguyên (${n.toLocaleString("vi-VN")} hồ sơ) vào ${db.kind}…`);
    // The demo's logins and tokens go beside its database (.data, or e2e's own folder).
    const dataDir = path.dirname(env.PGLITE_DIR);
    const r = await seedDemo(db, { dossiers: n, until: values.until, log: console.log, national: values.national, dataDir });
    console.log(`Xong trong ${(r.ms / 1000).toFixed(1)} s. Tài khoản mẫu (mật khẩu chung: ${r.users[0].password}):`);
    for (const u of r.users) console.log(`  ${u.username.padEnd(12)} ${u.role.padEnd(15)} ${u.agency}`);
  }
} finally {
  await db.close();
}
