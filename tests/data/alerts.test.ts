/**
 * Alerts as their users set them (issue #25): the settings form through `runForm` (its
 * reasons, a kept signing key), each user's own inbox only — another's notification is
 * never marked, counted or listed — the viewer without an inbox, and the subscribers the
 * job evaluates: enabled users who read dossiers, each with its own scope.
 */
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows } from "@/db";
import { readForm, settingsForm } from "@/app/(portal)/thong-bao/forms";
import { runForm } from "@/lib/actions";
import { alertSettingsFor, deliveryState, inboxFor, subscribers, unreadCount } from "@/lib/data/alerts";
import { ForbiddenError } from "@/lib/errors";
import { EVERY_UNIT, subtreeOf } from "@/lib/engine/sql-util";
import { formOf, userOf, withSmallProvince } from "../helpers/province";

const province = withSmallProvince();
const form = formOf;
const caller = (who: keyof typeof province.users) => userOf(province, who);

describe("alert settings and the inbox (issue #25)", () => {
  it("saves one's own settings, with reasons for bad values, and keeps a signing key left blank", async () => {
    const manager = await caller("managerA");
    const bad = await runForm(
      settingsForm,
      manager,
      form({ dueSoon: "on", dueSoonHours: "500", webhookUrl: "ftp://x", webhookSecret: "ngắn" }),
    );
    expect(Object.keys(bad?.fieldErrors ?? {}).sort()).toEqual(["dueSoonHours", "webhookSecret", "webhookUrl"]);
    const ok = await runForm(
      settingsForm,
      manager,
      form({
        dueSoon: "on",
        dueSoonHours: "16",
        overdue: "on",
        webhookUrl: "https://zalo.example.vn/hook",
        webhookSecret: "khoa-ky-cua-so-A-0123456789",
      }),
    );
    expect(ok).toEqual({ ok: "Đã lưu cài đặt thông báo." });
    await runForm(settingsForm, manager, form({ overdue: "on", webhookUrl: "https://zalo.example.vn/hook" }));
    const s = await alertSettingsFor(province.db.orm, manager);
    expect(s).toMatchObject({
      dueSoonHours: null,
      overdue: true,
      webhookUrl: "https://zalo.example.vn/hook",
      hasWebhookSecret: true,
    });
    const subs = await subscribers(province.db.orm);
    expect(subs).toEqual([
      expect.objectContaining({ userId: province.users.managerA, scope: subtreeOf("A"), overdue: true, webhook: true }),
    ]);
    // The province's leader subscribes: the whole province is its scope.
    await runForm(settingsForm, await caller("leader"), form({ lateReceipt: "on" }));
    expect((await subscribers(province.db.orm)).find((x) => x.userId === province.users.leader)?.scope).toEqual(
      EVERY_UNIT,
    );
  });

  it("reads, counts and marks only one's own notifications; the viewer has no inbox", async () => {
    const [a, b] = [province.users.managerA, province.users.managerB];
    await province.db.orm.execute(sql`
      insert into notifications (user_id, kind, subject, event, title, body) values
        (${a}, 'overdue', 'A-1', 'x', 'Hồ sơ A-1 đã quá hạn', '…'), (${b}, 'overdue', 'B-1', 'x', 'Hồ sơ B-1 đã quá hạn', '…')`);
    const manager = await caller("managerA");
    expect((await inboxFor(province.db.orm, manager)).items.map((n) => n.subject)).toEqual(["A-1"]);
    expect(await unreadCount(province.db.orm, manager)).toBe(1);
    const [{ id: theirs }] = await rows<{ id: number }>(
      province.db.orm,
      sql`select id::int as id from notifications where user_id = ${b}`,
    );
    await runForm(readForm, manager, form({ id: String(theirs) }));
    expect(await unreadCount(province.db.orm, await caller("managerB"))).toBe(1);
    await runForm(readForm, manager, form({ id: "" }));
    expect(await unreadCount(province.db.orm, manager)).toBe(0);
    const viewer = await caller("viewer");
    expect(await unreadCount(province.db.orm, viewer)).toBe(0);
    await expect(inboxFor(province.db.orm, viewer)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the outbox's state on /quan-tri (issue #25)", () => {
  it("is the administrators' only: counts per channel and the last errors", async () => {
    const [n] = await rows<{ id: number }>(
      province.db.orm,
      sql`select id::int as id from notifications order by id limit 1`,
    );
    await province.db.orm.execute(sql`
      insert into outbox (notification_id, channel, state, attempts, last_error) values
        (${n.id}, 'webhook', 'pending', 2, 'Webhook trả về 503 / Webhook answered 503'), (${n.id}, 'email', 'sent', 1, null)`);
    const state = await deliveryState(province.db.orm, await caller("admin"));
    expect(state).toEqual([
      { channel: "email", pending: 0, sent: 1, failed: 0, errors: [] },
      expect.objectContaining({ channel: "webhook", pending: 1, sent: 0, failed: 0 }),
    ]);
    expect(state[1].errors[0]).toMatchObject({ attempts: 2, error: "Webhook trả về 503 / Webhook answered 503" });
    await expect(deliveryState(province.db.orm, await caller("managerA"))).rejects.toBeInstanceOf(ForbiddenError);
  });
});
