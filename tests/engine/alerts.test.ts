/**
 * Alerts (issue #25, items 4–6, first part): each user's rules over its own scope raise
 * each event once into the inbox and queue its e-mail and webhook; a real SMTP server
 * (smtp-server) receives the e-mails — Vietnamese subject and body, the dossier's link and
 * the unsubscribe link — and a webhook receiver checks each HMAC-SHA256 signature; a
 * user is never told about a unit outside its scope; a delivery cut off half-way (a
 * restart) sends the rest and nothing twice; concurrent deliverers never take the same
 * message; a receiver's failure is retried later.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import bcrypt from "bcryptjs";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import { rows, type Database } from "@/db";
import { users } from "@/db/schema";
import { upsertDossiers } from "@/lib/store/writes";
import { deliverOutbox, evaluateAlerts, type Subscriber } from "@/lib/engine/alerts";
import type { UnitFigures } from "@/lib/engine/alert-digest";
import { EVERY_UNIT, subtreeOf } from "@/lib/engine/sql-util";
import { emailSend, sendBy, signature, webhookSend } from "@/lib/jobs/channels";
import { addWorkingHours } from "@/lib/method/alerts";
import { loadCalendar } from "@/lib/engine/explain";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";

const NOW = new Date("2026-10-14T10:00:00+07:00"); // a Wednesday
const at = (s: string) => new Date(`${s}+07:00`);
const SECRET = "bí-mật-của-đơn-vị-A-0123456789";

let db: Database;
let smtp: SMTPServer;
let smtpPort = 0;
const mails: Array<{ to: string[]; raw: string }> = [];
let hook: http.Server;
let hookUrl = "";
const hooks: Array<{ key: string; body: string; valid: boolean }> = [];
let hookFailures = 0;
const ids: Record<string, number> = {};

beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, {
    units: [
      ["T", "Tỉnh", "tinh"],
      ["A", "Sở A", "so_nganh", "T"],
      ["B", "Xã B", "xa", "T"],
    ],
    procedures: [["W", 2, "working_day"]],
  });
  const hash = await bcrypt.hash("x", 4);
  for (const [username, unitCode, email] of [
    ["managerA", "A", "quanly.a@example.gov.vn"],
    ["managerB", "B", "quanly.b@example.gov.vn"],
    ["managerA2", "A", "pho.a@example.gov.vn"],
  ] as const) {
    const [u] = await db.orm
      .insert(users)
      .values({ username, name: username, role: "agency_manager", unitCode, email, passwordHash: hash })
      .returning({ id: users.id });
    ids[username] = u.id;
  }
  await db.orm
    .execute(sql`insert into alert_settings (user_id, due_soon_hours, overdue, late_receipt, email, webhook_url, webhook_secret)
    values (${ids.managerA}, 24, true, true, true, 'set-below', ${SECRET}), (${ids.managerB}, 24, true, true, true, null, null)`);
  // Received 10-12 08:00 with 2 working days: due at the end of 10-14 (today); 10-08: overdue since 10-10.
  await upsertDossiers(
    db.orm,
    [
      dossierRow({ code: "A-SOON", unitCode: "A", procedureCode: "W", receivedAt: at("2026-10-12T08:00:00") }),
      dossierRow({ code: "A-LATE", unitCode: "A", procedureCode: "W", receivedAt: at("2026-10-08T08:00:00") }),
      dossierRow({ code: "B-SOON", unitCode: "B", procedureCode: "W", receivedAt: at("2026-10-12T09:00:00") }),
      dossierRow({
        code: "A-ONLINE",
        unitCode: "A",
        procedureCode: "W",
        channel: 2,
        status: 1,
        submittedAt: at("2026-10-12T15:00:00"),
        syncedAt: at("2026-10-12T15:00:00"),
      }),
    ],
    NOW,
  );
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (c) => (raw += c.toString()));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  hook = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (hookFailures > 0) {
        hookFailures--;
        res.writeHead(503).end();
        return;
      }
      const valid = req.headers["x-tthc-signature"] === signature(SECRET, body);
      hooks.push({ key: String(req.headers["idempotency-key"]), body, valid });
      res.writeHead(valid ? 204 : 401).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/zalo`;
  await db.orm.execute(sql`update alert_settings set webhook_url = ${hookUrl} where user_id = ${ids.managerA}`);
});
afterAll(async () => {
  await new Promise<void>((r) => smtp?.close(() => r()));
  await new Promise<void>((r) => hook?.close(() => r()));
  await db?.close();
});

const subscribers = (): Subscriber[] => [
  {
    userId: ids.managerA,
    scope: subtreeOf("A"),
    unit: "A",
    bandDrop: false,
    digest: false,
    dueSoonHours: 24,
    overdue: true,
    lateReceipt: true,
    email: true,
    webhook: true,
  },
  {
    userId: ids.managerB,
    scope: subtreeOf("B"),
    unit: "B",
    bandDrop: false,
    digest: false,
    dueSoonHours: 24,
    overdue: true,
    lateReceipt: true,
    email: true,
    webhook: false,
  },
];
const send = () =>
  sendBy({
    email: emailSend(
      `smtp://127.0.0.1:${smtpPort}`,
      "Chỉ số TTHC <khong-tra-loi@example.gov.vn>",
      "https://tthc.example.gov.vn",
    ),
    webhook: webhookSend("https://tthc.example.gov.vn"),
  });
const inbox = (userId: number) =>
  rows<{ kind: string; subject: string; title: string }>(
    db.orm,
    sql`select kind, subject, title from notifications where user_id = ${userId} order by kind, subject`,
  );

describe("alerts: rules, scope, inbox, once", () => {
  it("8 working hours reach past a weekend, not into it (the [decision] of lib/method/alerts.ts)", async () => {
    const cal = await loadCalendar(db.orm);
    expect(addWorkingHours(at("2026-10-16T16:00:00"), 8, cal)).toEqual(at("2026-10-17T00:00:00"));
    expect(addWorkingHours(at("2026-10-17T10:00:00"), 8, cal)).toEqual(at("2026-10-19T08:00:00"));
  });

  it("raises each rule's events into its user's inbox, within its scope only, and only once", async () => {
    expect(await evaluateAlerts(db.orm, subscribers(), NOW)).toBe(4);
    expect(await inbox(ids.managerA)).toEqual([
      { kind: "due_soon", subject: "A-SOON", title: "Hồ sơ A-SOON sắp đến hạn" },
      { kind: "late_receipt", subject: "A-ONLINE", title: "Hồ sơ trực tuyến A-ONLINE chưa được tiếp nhận" },
      { kind: "overdue", subject: "A-LATE", title: "Hồ sơ A-LATE đã quá hạn" },
    ]);
    expect((await inbox(ids.managerB)).map((n) => n.subject)).toEqual(["B-SOON"]);
    // Evaluated again (every minute): nothing new.
    expect(await evaluateAlerts(db.orm, subscribers(), new Date(NOW.getTime() + 60_000))).toBe(0);
    // A province-wide subscriber would see both units' dossiers: scope is the only difference.
    expect(
      await evaluateAlerts(db.orm, [{ ...subscribers()[1], userId: ids.managerB, scope: EVERY_UNIT }], NOW),
    ).toBeGreaterThan(0);
    await db.orm.execute(sql`delete from notifications where user_id = ${ids.managerB} and subject like 'A-%'`);
  });
});

describe("alerts: delivery (outbox)", () => {
  it("a real SMTP server gets each e-mail once — Vietnamese, the dossier's link, the unsubscribe link; the webhook each signed message once", async () => {
    // Cut off after one message (a restart), then delivered again: the rest, nothing twice.
    const first = await deliverOutbox(db.orm, send(), NOW, 1);
    expect(first).toEqual({ sent: 1, failed: 0 });
    const rest = await deliverOutbox(db.orm, send(), NOW);
    expect(rest.sent).toBe(3 + 3 + 1 - 1);
    expect(mails).toHaveLength(4);
    const toA = mails.filter((m) => m.to.includes("quanly.a@example.gov.vn"));
    expect(toA).toHaveLength(3);
    expect(mails.filter((m) => m.to.includes("quanly.b@example.gov.vn"))).toHaveLength(1);
    const parsed = await Promise.all(toA.map((m) => simpleParser(m.raw)));
    expect(parsed.map((p) => p.subject).sort()).toEqual([
      "Hồ sơ A-LATE đã quá hạn",
      "Hồ sơ A-SOON sắp đến hạn",
      "Hồ sơ trực tuyến A-ONLINE chưa được tiếp nhận",
    ]);
    const late = parsed.find((p) => p.subject === "Hồ sơ A-LATE đã quá hạn")!;
    expect(late.text).toContain("https://tthc.example.gov.vn/ho-so/A-LATE");
    expect(late.text).toContain("Ngừng nhận thông báo này: https://tthc.example.gov.vn/thong-bao#cai-dat");
    expect(toA[0].raw).toMatch(/^List-Unsubscribe: <https:\/\/tthc\.example\.gov\.vn\/thong-bao#cai-dat>/m);
    expect(hooks).toHaveLength(3);
    expect(hooks.every((h) => h.valid)).toBe(true);
    expect(new Set(hooks.map((h) => h.key)).size).toBe(3);
    expect(JSON.parse(hooks[0].body)).toMatchObject({
      url: expect.stringMatching(/^https:\/\/tthc\.example\.gov\.vn\/ho-so\//),
    });
    // Nothing left: a third pass sends nothing.
    expect(await deliverOutbox(db.orm, send(), NOW)).toEqual({ sent: 0, failed: 0 });
  });

  it("a receiver that fails is tried again later, with the same key; concurrent deliverers never send one message twice", async () => {
    await upsertDossiers(
      db.orm,
      [dossierRow({ code: "A-NEXT", unitCode: "A", procedureCode: "W", receivedAt: at("2026-10-12T10:00:00") })],
      NOW,
    );
    expect(await evaluateAlerts(db.orm, subscribers(), NOW)).toBe(1);
    hookFailures = 1;
    const tries = await Promise.all([deliverOutbox(db.orm, send(), NOW), deliverOutbox(db.orm, send(), NOW)]);
    expect(tries.reduce((n, t) => n + t.sent, 0)).toBe(1); // the e-mail
    expect(tries.reduce((n, t) => n + t.failed, 0)).toBe(1); // the webhook, 503
    const [row] = await rows<{ state: string; attempts: number }>(
      db.orm,
      sql`select state, attempts from outbox where channel = 'webhook' and state <> 'sent'`,
    );
    expect(row).toEqual({ state: "pending", attempts: 1 });
    // Not before its retry time; then once.
    expect((await deliverOutbox(db.orm, send(), NOW)).sent).toBe(0);
    const later = new Date(NOW.getTime() + 2 * 60_000);
    expect(await deliverOutbox(db.orm, send(), later)).toEqual({ sent: 1, failed: 0 });
    expect(hooks.filter((h) => JSON.parse(h.body).dossier === "A-NEXT")).toHaveLength(1);
    expect(mails.filter((m) => m.raw.includes("A-NEXT"))).toHaveLength(1);
  });
});

describe("alerts about a unit: its band falling, and the Monday digest", () => {
  const only = (o: Partial<Subscriber>): Subscriber => ({
    ...subscribers()[1],
    dueSoonHours: null,
    overdue: false,
    lateReceipt: false,
    email: false,
    webhook: false,
    ...o,
  });
  const latest = async (kind: string) =>
    (
      await rows<{ subject: string; title: string; body: string }>(
        db.orm,
        sql`select subject, title, body from notifications where kind = ${kind} order by id desc limit 1`,
      )
    )[0];

  it("tells when the unit's on-time band (METHOD §0.4) falls within the month, once; the first look is a baseline", async () => {
    const b = only({ bandDrop: true });
    expect(await evaluateAlerts(db.orm, [b], NOW)).toBe(0); // green: B-SOON is within its deadline
    // A day later B-SOON is overdue: 0 % of 1, red.
    const later = at("2026-10-15T10:00:00");
    expect(await evaluateAlerts(db.orm, [b], later)).toBe(1);
    const n = await latest("band_drop");
    expect(n.subject).toBe("B");
    expect(n.title).toContain("tỷ lệ đúng hạn từ mức Xanh xuống Đỏ");
    expect(await evaluateAlerts(db.orm, [b], new Date(later.getTime() + 60_000))).toBe(0);
  });

  it("makes the Monday digest once a week, from 07:00: last week's figures, this week's forecast, what to handle first", async () => {
    const a = only({ userId: ids.managerA, scope: subtreeOf("A"), unit: "A", digest: true });
    expect(await evaluateAlerts(db.orm, [a], at("2026-10-19T06:59:00"))).toBe(0);
    expect(await evaluateAlerts(db.orm, [a], at("2026-10-19T07:30:00"))).toBe(1);
    expect(await evaluateAlerts(db.orm, [a], at("2026-10-19T15:00:00"))).toBe(0);
    expect(await evaluateAlerts(db.orm, [a], at("2026-10-20T07:30:00"))).toBe(0); // a Tuesday
    const d = await latest("digest");
    expect(d.title).toBe("Tổng hợp tuần 43/2026 — Sở A");
    expect(d.body).toContain("Tuần 42/2026 của Sở A:");
    expect(d.body).toMatch(/- Tỷ lệ đúng hạn: .*%/);
    expect(d.body).toContain("- Dự báo cuối tuần này: tỷ lệ đúng hạn");
    expect(await evaluateAlerts(db.orm, [a], at("2026-10-26T07:30:00"))).toBe(1); // the next Monday
  });

  it("subscribers of one unit share its figures: each computed once per pass, the same text for each", async () => {
    const a = only({ userId: ids.managerA, scope: subtreeOf("A"), unit: "A", digest: true, bandDrop: true });
    const a2 = { ...a, userId: ids.managerA2 };
    const memo: UnitFigures = new Map();
    expect(await evaluateAlerts(db.orm, [a, a2], at("2026-11-02T07:30:00"), memo)).toBe(2);
    // One standing (the band-drop's look) and one digest for unit A, though two subscribers asked.
    expect([...memo.keys()].map((k) => JSON.parse(k)[0]).sort()).toEqual(["digest", "standing"]);
    const digests = await rows<{ user_id: number; body: string }>(
      db.orm,
      sql`select user_id, body from notifications where kind = 'digest' and subject = 'A:2026-W45' order by user_id`,
    );
    expect(digests.map((d) => d.user_id)).toEqual([ids.managerA, ids.managerA2].sort((x, y) => x - y));
    expect(digests[0].body).toBe(digests[1].body);
    expect(digests[0].body).toContain("Tuần 44/2026 của Sở A:");
  });
});

describe("alerts under many evaluators (several servers)", () => {
  it("two passes at once raise a new event once and queue each of its deliveries once (parallel connections on PostgreSQL)", async () => {
    await upsertDossiers(
      db.orm,
      [dossierRow({ code: "A-RACE", unitCode: "A", procedureCode: "W", receivedAt: at("2026-10-12T12:00:00") })],
      NOW,
    );
    const a = { ...subscribers()[0], overdue: false, lateReceipt: false };
    const raised = await Promise.all([
      evaluateAlerts(db.orm, [a], NOW),
      evaluateAlerts(db.orm, [a], new Date(NOW.getTime() + 1_000)),
      evaluateAlerts(db.orm, [a], new Date(NOW.getTime() + 2_000)),
    ]);
    expect(raised.reduce((n, x) => n + x, 0)).toBe(1);
    const [r] = await rows<{ n: number; q: number }>(
      db.orm,
      sql`select (select count(*) from notifications where subject = 'A-RACE')::int as n,
        (select count(*) from outbox o join notifications x on x.id = o.notification_id where x.subject = 'A-RACE')::int as q`,
    );
    expect(r).toEqual({ n: 1, q: 2 });
  });
});
