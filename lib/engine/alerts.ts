/**
 * Alerts (issue #25): each subscriber's rules evaluated over its own scope, each event
 * raised once into the inbox (notifications' unique key: user, kind, subject, event),
 * and its e-mail and webhook deliveries queued in the outbox in the same statement; the
 * outbox then delivered at least once, each message committed as sent on its own, so a
 * restart in the middle of a batch sends only what was not sent.
 */
import { sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import { addWorkingHours, type AlertKind } from "@/lib/method/alerts";
import { loadCalendar } from "./explain";
import { epochMs, inScope, instant, type Scope } from "./sql-util";
import { openAt } from "./verdict-sql";
import { lateReceipts } from "./warnings";
import { alertText } from "@/lib/ui/alert-words";
import { bandDrop, mondayDigest, type UnitFigures } from "./alert-digest";

export interface Subscriber {
  userId: number;
  scope: Scope;
  /** The user's own unit: the band-drop alert and the digest are about it. */
  unit: string;
  bandDrop: boolean;
  digest: boolean;
  /** Due within this many working hours; null: off. */
  dueSoonHours: number | null;
  overdue: boolean;
  lateReceipt: boolean;
  /** Channels beyond the inbox. */
  email: boolean;
  webhook: boolean;
}

export interface AlertEvent {
  kind: AlertKind;
  /** The dossier's code. */
  subject: string;
  /** What happened, so that a new due instant is a new alert and the same one never is. */
  event: string;
  unitName: string | null;
  procedureName: string | null;
  atMs: number;
}

/** [decision] A dossier that turned overdue more than a week ago is old news, not an alert. */
const OVERDUE_WINDOW_MS = 7 * 24 * 3_600_000;

/** The open dossiers of a scope (METHOD §A: started, not finished now) due in [from, to). */
async function dueBetween(orm: Orm, scope: Scope, from: Date, to: Date, now: Date) {
  return rows<{ code: string; unit_name: string | null; procedure_name: string | null; due_ms: number }>(
    orm,
    sql`
    select d.code, u.name as unit_name, p.name as procedure_name, ${epochMs(sql`d.due_at`)} as due_ms
    from dossiers d left join units u on u.code = d.unit_code left join procedures p on p.code = d.procedure_code
    where d.due_at >= ${instant(from)} and d.due_at < ${instant(to)} and ${openAt(now)}
      and ${inScope(sql`d.unit_code`, scope)}
    order by d.due_at, d.code limit 500`,
  );
}

/** What a subscriber's rules raise now. */
export async function eventsOf(orm: Orm, s: Subscriber, now: Date): Promise<AlertEvent[]> {
  const out: AlertEvent[] = [];
  const dossier =
    (kind: AlertKind, event: (dueMs: number) => string) => (r: Awaited<ReturnType<typeof dueBetween>>[number]) =>
      out.push({
        kind,
        subject: r.code,
        event: event(Number(r.due_ms)),
        unitName: r.unit_name,
        procedureName: r.procedure_name,
        atMs: Number(r.due_ms),
      });
  if (s.dueSoonHours !== null) {
    const horizon = addWorkingHours(now, s.dueSoonHours, await loadCalendar(orm));
    (await dueBetween(orm, s.scope, now, horizon, now)).forEach(dossier("due_soon", (ms) => `due:${ms}`));
  }
  if (s.overdue) {
    const since = new Date(now.getTime() - OVERDUE_WINDOW_MS);
    (await dueBetween(orm, s.scope, since, now, now)).forEach(dossier("overdue", (ms) => `overdue:${ms}`));
  }
  if (s.lateReceipt) {
    for (const r of (await lateReceipts(orm, { scope: s.scope, now, limit: 500 })).items)
      out.push({
        kind: "late_receipt",
        subject: r.code,
        event: "receipt",
        unitName: r.unitName,
        procedureName: r.procedureName,
        atMs: r.receiptDueMs,
      });
  }
  return out;
}

/**
 * Evaluates every subscriber's rules and raises what is new: the inbox rows, and their
 * outbox rows for the subscriber's channels, in one statement per subscriber. Returns
 * how many alerts were new.
 */
export async function evaluateAlerts(
  orm: Orm,
  subscribers: Subscriber[],
  now = new Date(),
  memo: UnitFigures = new Map(),
): Promise<number> {
  let raised = 0;
  for (const s of subscribers) {
    const events = [
      ...(await eventsOf(orm, s, now)).map((e) => ({
        ...e,
        ...alertText(e),
        href: `/ho-so/${encodeURIComponent(e.subject)}`,
      })),
      ...(s.bandDrop ? [await bandDrop(orm, s, now, memo)] : []),
      ...(s.digest ? [await mondayDigest(orm, s, now, memo)] : []),
    ].filter((e) => e !== null);
    if (!events.length) continue;
    const json = JSON.stringify(events);
    const [r] = await rows<{ n: number }>(
      orm,
      sql`
      with ins as (
        insert into notifications (user_id, kind, subject, event, title, body, href, created_at)
        select ${s.userId}, x.kind, x.subject, x.event, x.title, x.body, x.href, ${instant(now)}::timestamptz
        from jsonb_to_recordset(${json}::jsonb) as x(kind text, subject text, event text, title text, body text, href text)
        on conflict (user_id, kind, subject, event) do nothing
        returning id
      ), queued as (
        insert into outbox (notification_id, channel, next_at)
        select ins.id, 'email', ${instant(now)}::timestamptz from ins where ${s.email}
        union all select ins.id, 'webhook', ${instant(now)}::timestamptz from ins where ${s.webhook}
        on conflict do nothing
        returning 1
      )
      select (select count(*) from ins)::int as n, (select count(*) from queued)::int as q`,
    );
    raised += r.n;
  }
  return raised;
}

/** A message of the outbox as a channel sends it; `key` is its idempotency key (one per alert and channel). */
export interface OutMessage {
  key: string;
  channel: "email" | "webhook";
  userId: number;
  email: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
  kind: string;
  subject: string;
  title: string;
  body: string;
  href: string | null;
  createdAt: string;
}

export type Send = (m: OutMessage) => Promise<void>;

/** Retries wait 1, 2, 4 … minutes; after this many attempts a message is left failed, on /quan-tri. */
export const MAX_ATTEMPTS = 8;

/**
 * Delivers what is due in the outbox, one message per transaction: the row is locked
 * (SKIP LOCKED: concurrent deliverers never take the same message), sent, and marked sent
 * in the same transaction — a crash before the mark leaves it pending, to be sent again
 * (at least once; the receiver may drop a repeat by its idempotency key).
 */
export async function deliverOutbox(orm: Orm, send: Send, now = new Date(), limit = 100) {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const done = await orm.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Orm;
      const [m] = await rows<OutMessage & { id: number; attempts: number }>(
        tx,
        sql`
        select o.id::float8 as id, o.attempts, o.notification_id || ':' || o.channel as key, o.channel,
          n.user_id as "userId", u.email, a.webhook_url as "webhookUrl", a.webhook_secret as "webhookSecret",
          n.kind, n.subject, n.title, n.body, n.href, to_char(n.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"
        from outbox o join notifications n on n.id = o.notification_id join users u on u.id = n.user_id
          left join alert_settings a on a.user_id = n.user_id
        where o.state = 'pending' and o.next_at <= ${instant(now)}
        order by o.next_at, o.id limit 1
        for update of o skip locked`,
      );
      if (!m) return null;
      try {
        await send(m);
        await tx.execute(
          sql`update outbox set state = 'sent', sent_at = ${instant(now)}, attempts = attempts + 1 where id = ${m.id}`,
        );
        return "sent" as const;
      } catch (e) {
        const attempts = Number(m.attempts) + 1;
        await tx.execute(sql`
          update outbox set attempts = ${attempts}, last_error = ${String((e as Error).message).slice(0, 500)},
            state = ${attempts >= MAX_ATTEMPTS ? "failed" : "pending"},
            next_at = ${instant(new Date(now.getTime() + 60_000 * 2 ** (attempts - 1)))}
          where id = ${m.id}`);
        return "failed" as const;
      }
    });
    if (done === null) break;
    if (done === "sent") sent++;
    else failed++;
  }
  return { sent, failed };
}
