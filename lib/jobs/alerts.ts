/**
 * The alert job (issue #25): every minute on the clock (croner, in Vietnam time, never two
 * passes at once), and a few seconds after any write (a sync that makes a dossier overdue
 * alerts within a minute), every user's rules are evaluated and the outbox delivered. It
 * needs nothing of the database but SQL, so it runs the same on PGlite and PostgreSQL;
 * several servers are safe (the inbox's unique key, the outbox's SKIP LOCKED).
 * TTHC_ALERTS=off stops it.
 */
import "server-only";
import { getDb } from "@/lib/data/db";
import { subscribers } from "@/lib/data/alerts";
import { deliverOutbox, evaluateAlerts } from "@/lib/engine/alerts";
import { Cron } from "croner";
import { env } from "@/lib/env";
import { onDataChanged } from "@/lib/live/events";
import { emailSend, sendBy, webhookSend } from "./channels";

const AFTER_WRITE_MS = 5_000;

let running = false;
async function pass(): Promise<void> {
  if (running) return;
  running = true;
  try {
    const { orm } = await getDb();
    await evaluateAlerts(orm, await subscribers(orm));
    await deliverOutbox(
      orm,
      sendBy({
        email: env.SMTP_URL ? emailSend(env.SMTP_URL, env.ALERT_FROM, env.PORTAL_URL) : undefined,
        webhook: webhookSend(env.PORTAL_URL),
      }),
    );
  } catch (e) {
    console.error(`Thông báo: lỗi khi xét hoặc gửi / Alerts: evaluation or delivery failed: ${(e as Error).message}`);
  } finally {
    running = false;
  }
}

export function startAlertJobs(): void {
  const g = globalThis as { __tthcAlerts?: boolean };
  if (g.__tthcAlerts || env.TTHC_ALERTS === "off") return;
  g.__tthcAlerts = true;
  new Cron("0 * * * * *", { timezone: "Asia/Ho_Chi_Minh", protect: true, unref: true }, pass);
  let soon: NodeJS.Timeout | null = null;
  onDataChanged(() => {
    soon ??= setTimeout(() => {
      soon = null;
      void pass();
    }, AFTER_WRITE_MS);
  });
}
