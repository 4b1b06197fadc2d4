import { openDatabase, rows } from "@/db";
import { sql } from "drizzle-orm";
import { scorecard } from "@/lib/engine/scorecard";
import { makePeriod } from "@/lib/method/period";
const db = await openDatabase({ url: "postgres://postgres@127.0.0.1:5432/test_bench_1000000" });
const period = makePeriod("2025-11-01", "2026-10-31");
// capture the SQL by monkeypatching execute
const orig = db.orm.execute.bind(db.orm);
let captured: any;
(db.orm as any).execute = (q: any) => { captured = q; return orig(q); };
await scorecard(db.orm, { period, by: "agency", scopeUnit: null });
(db.orm as any).execute = orig;
const r = await rows<any>(db.orm, sql`explain (analyze, buffers) ${captured}`);
console.log(r.map((x) => x["QUERY PLAN"]).join("\n"));
await db.close();
