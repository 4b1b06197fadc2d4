/** `npm run db:migrate`: applies the committed migrations and the built-in calendar. */
import { openDatabase } from "@/db";
import { env } from "@/lib/env";

const db = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.PGLITE_DIR });
console.log(`Đã cập nhật cấu trúc cơ sở dữ liệu (${db.kind}).`);
await db.close();
