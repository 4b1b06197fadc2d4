/** What every database needs after its migrations: the built-in working-day calendar. */
import type { Database } from "./index";
import { ensureBuiltinCalendar } from "@/lib/engine/calendar-sql";

export async function prepareDatabase(db: Database): Promise<void> {
  await ensureBuiltinCalendar(db.orm);
}
