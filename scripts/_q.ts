import { openConfiguredStore } from "@/lib/store/open";
import { sql } from "drizzle-orm";
const db = await openConfiguredStore();
const r = await db.orm.execute(sql.raw(process.argv[2]));
console.log((r as unknown as { rows: unknown[] }).rows);
await db.close();
