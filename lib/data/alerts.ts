/**
 * Alerts for people (issue #25): each user's own settings and inbox — a user reads and
 * changes only their own; alerts reach only users who read dossiers, each within its scope
 * (lib/engine/alerts.ts evaluates with `scopeOf`).
 */
import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { rows, type Orm } from "@/db";
import { alertSettings, notifications } from "@/db/schema";
import type { Subscriber } from "@/lib/engine/alerts";
import { can, type Role } from "@/lib/roles";
import { ForbiddenError } from "@/lib/errors";
import { allowed, scopeOf, type Caller } from "./scope";

export interface AlertSettingsInput {
  dueSoonHours: number | null;
  overdue: boolean;
  lateReceipt: boolean;
  bandDrop: boolean;
  digest: boolean;
  email: boolean;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

/** The signed-in user who may have alerts (one who reads dossiers), or a refusal. */
function own(caller: Caller): number {
  if (caller.kind !== "user" || !allowed(caller, "dossiers:read")) throw new ForbiddenError();
  return caller.userId;
}

export async function alertSettingsFor(orm: Orm, caller: Caller) {
  const [s] = await orm
    .select()
    .from(alertSettings)
    .where(eq(alertSettings.userId, own(caller)));
  const [u] = await rows<{ email: string | null }>(orm, sql`select email from users where id = ${own(caller)}`);
  return {
    dueSoonHours: s?.dueSoonHours ?? null,
    overdue: s?.overdue ?? false,
    lateReceipt: s?.lateReceipt ?? false,
    bandDrop: s?.bandDrop ?? false,
    digest: s?.digest ?? false,
    email: s?.email ?? false,
    webhookUrl: s?.webhookUrl ?? null,
    hasWebhookSecret: Boolean(s?.webhookSecret),
    address: u?.email ?? null,
  };
}

export async function saveAlertSettings(orm: Orm, caller: Caller, input: AlertSettingsInput): Promise<void> {
  const userId = own(caller);
  const values = { ...input, updatedAt: new Date() };
  // A blank secret keeps the one already set (it is never shown again).
  const set = input.webhookSecret ? values : { ...values, webhookSecret: undefined };
  await orm
    .insert(alertSettings)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: alertSettings.userId, set });
}

export async function inboxFor(orm: Orm, caller: Caller, limit = 100) {
  const userId = own(caller);
  const items = await orm
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  return { items, unread: await unreadCount(orm, caller) };
}

/** The number shown beside "Thông báo" in the menu; 0 for anyone without an inbox. */
export async function unreadCount(orm: Orm, caller: Caller): Promise<number> {
  if (caller.kind !== "user" || !allowed(caller, "dossiers:read")) return 0;
  const [r] = await rows<{ n: number }>(
    orm,
    sql`select count(*)::int as n from notifications where user_id = ${caller.userId} and read_at is null`,
  );
  return r.n;
}

/** Marks the user's own notifications read: these ids, or all. */
export async function markRead(orm: Orm, caller: Caller, id?: number): Promise<void> {
  const userId = own(caller);
  await orm
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        id === undefined ? undefined : eq(notifications.id, id),
      ),
    );
}

/** Everyone whose rules are on, as the engine evaluates them: enabled users who read dossiers, in their own scope. */
export async function subscribers(orm: Orm): Promise<Subscriber[]> {
  const found = await rows<{
    user_id: number;
    role: Role;
    unit_code: string;
    due_soon_hours: number | null;
    overdue: boolean;
    late_receipt: boolean;
    band_drop: boolean;
    digest: boolean;
    email: boolean;
    address: string | null;
    webhook: boolean;
  }>(
    orm,
    sql`
    select a.user_id, u.role, u.unit_code, a.due_soon_hours, a.overdue, a.late_receipt, a.band_drop, a.digest,
      a.email, u.email as address,
      (a.webhook_url is not null and a.webhook_secret is not null) as webhook
    from alert_settings a join users u on u.id = a.user_id
    where not u.disabled and (a.due_soon_hours is not null or a.overdue or a.late_receipt or a.band_drop or a.digest)`,
  );
  return found
    .filter((r) => can(r.role, "dossiers:read"))
    .map((r) => ({
      userId: r.user_id,
      scope: scopeOf({ kind: "user", userId: r.user_id, name: "", role: r.role, unitCode: r.unit_code }),
      unit: r.unit_code,
      bandDrop: r.band_drop,
      digest: r.digest,
      dueSoonHours: r.due_soon_hours,
      overdue: r.overdue,
      lateReceipt: r.late_receipt,
      email: r.email && r.address !== null,
      webhook: r.webhook,
    }));
}

export interface DeliveryState {
  channel: string;
  pending: number;
  sent: number;
  failed: number;
  /** The last errors of messages not yet sent, newest first. */
  errors: Array<{ at: Date; error: string; attempts: number }>;
}

/** The outbox's state per channel, for administrators (users:manage) on /quan-tri. */
export async function deliveryState(orm: Orm, caller: Caller): Promise<DeliveryState[]> {
  if (caller.kind !== "user" || !allowed(caller, "users:manage")) throw new ForbiddenError();
  const counts = await rows<{ channel: string; pending: number; sent: number; failed: number }>(
    orm,
    sql`select channel, count(*) filter (where state = 'pending')::int as pending,
          count(*) filter (where state = 'sent')::int as sent, count(*) filter (where state = 'failed')::int as failed
        from outbox group by channel order by channel`,
  );
  const errors = await rows<{ channel: string; at: Date; error: string; attempts: number }>(
    orm,
    sql`select channel, next_at as at, last_error as error, attempts from outbox
        where state <> 'sent' and last_error is not null order by next_at desc limit 10`,
  );
  return counts.map((c) => ({ ...c, errors: errors.filter((e) => e.channel === c.channel) }));
}
