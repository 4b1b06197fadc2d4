/**
 * The embedded database runs each statement on the JavaScript thread. Statements queued
 * behind one another used to resume each other as promises, so while a heavy page's
 * queries drained the server wrote nothing: not the page's first bytes (its menu and
 * heading waited 10–17 s behind the 766 index on the demo), not a cheap request that
 * arrived meanwhile. Each statement now yields a turn of the event loop first.
 */
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/db";

describe("the embedded database lets the server answer between statements", () => {
  it("a timer due now fires after the first queued statements, not after all of them", async () => {
    const db = await openDatabase({ memory: true, skipMigrations: true });
    try {
      let done = 0;
      // Twenty statements of ~5 ms each, queued at once as a page's boundaries queue them.
      const queued = Array.from({ length: 20 }, () =>
        db.orm.execute(sql`select pg_sleep(0.005)`).then(() => {
          done++;
        }),
      );
      const seenAt = await new Promise<number>((resolve) => setTimeout(() => resolve(done), 0));
      await Promise.all(queued);
      expect(done).toBe(20);
      // Before, the timer could fire only once the queue had drained (20).
      expect(seenAt).toBeLessThan(5);
    } finally {
      await db.close();
    }
  });

  it("a transaction still runs as one: its statements are not interleaved with others", async () => {
    const db = await openDatabase({ memory: true, skipMigrations: true });
    try {
      await db.orm.execute(sql`create table t (n int)`);
      const order: string[] = [];
      await Promise.all([
        db.orm.transaction(async (tx) => {
          await tx.execute(sql`insert into t values (1)`);
          order.push("tx 1");
          await tx.execute(sql`insert into t values (2)`);
          order.push("tx 2");
        }),
        db.orm.execute(sql`select count(*) from t`).then(() => order.push("other")),
      ]);
      expect(order.indexOf("other") === 0 || order.indexOf("other") === 2).toBe(true);
    } finally {
      await db.close();
    }
  });
});
