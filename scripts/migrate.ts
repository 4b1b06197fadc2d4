/** `npm run db:migrate`: applies the committed migrations and the built-in calendar. */
import { openConfiguredStore } from "@/lib/store/open";

const db = await openConfiguredStore();
console.log(`Đã cập nhật cấu trúc cơ sở dữ liệu (${db.kind}).`);
await db.close();
