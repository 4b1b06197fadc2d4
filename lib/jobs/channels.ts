/**
 * The channels beyond the inbox (issue #25): e-mail over SMTP (nodemailer, SMTP_URL) and a
 * webhook — a JSON POST signed with HMAC-SHA256 of its body by the user's secret
 * (`X-TTHC-Signature: sha256=<hex>`), with the alert's idempotency key, for Zalo OA or
 * chat bridges. Each throws on failure, so the outbox retries (lib/engine/alerts.ts).
 */
import { createHmac } from "node:crypto";
import nodemailer from "nodemailer";
import type { OutMessage, Send } from "@/lib/engine/alerts";

/** The signature a receiver recomputes over the raw body it got. */
export const signature = (secret: string, body: string) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

const link = (portal: string, href: string | null) => (href ? new URL(href, portal).toString() : portal);

export function webhookSend(portal: string, timeoutMs = 10_000): Send {
  return async (m: OutMessage) => {
    if (!m.webhookUrl || !m.webhookSecret) throw new Error("Chưa cấu hình webhook / No webhook configured");
    const body = JSON.stringify({
      key: m.key,
      kind: m.kind,
      dossier: m.subject,
      title: m.title,
      text: m.body,
      url: link(portal, m.href),
      createdAt: m.createdAt,
    });
    const res = await fetch(m.webhookUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json; charset=utf-8",
        "idempotency-key": m.key,
        "x-tthc-signature": signature(m.webhookSecret, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`Webhook trả về ${res.status} / Webhook answered ${res.status}`);
  };
}

export function emailSend(smtpUrl: string, from: string, portal: string): Send {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (m: OutMessage) => {
    if (!m.email) throw new Error("Tài khoản chưa có địa chỉ thư / The account has no e-mail address");
    const settings = link(portal, "/thong-bao#cai-dat");
    await transport.sendMail({
      from,
      to: m.email,
      subject: m.title,
      messageId: `<${m.key.replace(":", ".")}@chi-so-tthc>`,
      text: `${m.body}\n\nXem hồ sơ: ${link(portal, m.href)}\n\nNgừng nhận thông báo này: ${settings}`,
      headers: { "List-Unsubscribe": `<${settings}>` },
    });
  };
}

/** One sender for the outbox: each message by its channel; a channel not configured fails (and is retried). */
export function sendBy(channels: { email?: Send; webhook?: Send }): Send {
  return async (m) => {
    const send = channels[m.channel];
    if (!send) throw new Error(`Kênh ${m.channel} chưa được cấu hình / Channel ${m.channel} is not configured`);
    await send(m);
  };
}
