/**
 * The late-receipt watch (issue #25, item 3): online dossiers (KenhThucHien 2) submitted
 * and not received by the same clock time on the next working day ([decision] for "8
 * working hours"); a dossier with a handling step counts as received whatever its
 * NgayTiepNhan says. The database's deadline equals the pure `receiptDeadline` over the
 * working-day calendar (METHOD §0.6: a Friday's dossier is due on Monday, one sent before
 * the 30/4–1/5 holidays after them); received, refused, direct and not-yet-late dossiers
 * are left out; a scope sees its own subtree.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { upsertDossiers } from "@/lib/store/writes";
import { lateReceipts } from "@/lib/engine/warnings";
import { loadCalendar } from "@/lib/engine/explain";
import { EVERY_UNIT, subtreeOf } from "@/lib/engine/sql-util";
import { receiptDeadline } from "@/lib/method/receipt";
import { buildProvince } from "../helpers/build";
import { testDatabase } from "../helpers/db";
import { dossierRow } from "../helpers/rows";

const NOW = new Date("2026-10-14T10:00:00+07:00");
const at = (s: string) => new Date(`${s}+07:00`);
const SENT: Array<[string, string, Partial<Parameters<typeof dossierRow>[0]>?]> = [
  ["FRIDAY", "2026-10-09T16:00:00"],
  ["SATURDAY", "2026-10-10T09:30:00"],
  ["BEFORE-HOLIDAY", "2026-04-29T10:00:00"],
  ["RECEIVED", "2026-10-09T16:00:00", { receivedAt: at("2026-10-13T08:00:00"), status: 2 }],
  ["REFUSED", "2026-10-09T16:00:00", { refusedAt: at("2026-10-12T08:00:00"), status: 3 }],
  ["DIRECT", "2026-10-09T16:00:00", { channel: 1 }],
  ["RECENT", "2026-10-13T15:00:00"],
  // Taken up (a Tiếp nhận step) though its NgayTiepNhan was left empty: received.
  ["TAKEN-UP", "2026-10-09T16:00:00", { status: 4, steps: [{ status: 2, at: at("2026-10-12T08:00:00") }] }],
  ["IN-X", "2026-10-09T11:00:00", { unitCode: "X" }],
];

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
  await buildProvince(db, {
    units: [
      ["T", "Tỉnh", "tinh"],
      ["S", "Sở", "so_nganh", "T"],
      ["X", "Xã", "xa", "T"],
    ],
    procedures: [["W", 5, "working_day"]],
  });
  await upsertDossiers(
    db.orm,
    SENT.map(([code, sent, o]) =>
      dossierRow({
        code,
        unitCode: "S",
        procedureCode: "W",
        channel: 2,
        status: 1,
        submittedAt: at(sent),
        syncedAt: at(sent),
        ...o,
      }),
    ),
    NOW,
  );
});
afterAll(() => db?.close());

describe("late receipts (issue #25, item 3)", () => {
  it("lists the online dossiers not received by the same time on the next working day, as the pure rule says", async () => {
    const cal = await loadCalendar(db.orm);
    const { total, items } = await lateReceipts(db.orm, { scope: EVERY_UNIT, now: NOW });
    // Soonest deadline first: Monday 9:30, 11:00, 16:00.
    expect(items.map((x) => x.code)).toEqual(["BEFORE-HOLIDAY", "SATURDAY", "IN-X", "FRIDAY"]);
    expect(total).toBe(4);
    for (const x of items) {
      expect(x.receiptDueMs).toBe(receiptDeadline(new Date(x.submittedMs), cal).getTime());
    }
    const due = (code: string) => new Date(items.find((x) => x.code === code)!.receiptDueMs);
    expect(due("FRIDAY")).toEqual(at("2026-10-12T16:00:00"));
    expect(due("SATURDAY")).toEqual(at("2026-10-12T09:30:00"));
    // 30/4 and 1/5 are days off, then a weekend: due on Monday 4/5 at the same time.
    expect(due("BEFORE-HOLIDAY")).toEqual(at("2026-05-04T10:00:00"));
  });

  it("a dossier sent yesterday afternoon is not late until the same time today; a scope reads its own subtree", async () => {
    const before = await lateReceipts(db.orm, { scope: EVERY_UNIT, now: at("2026-10-14T14:59:00") });
    const after = await lateReceipts(db.orm, { scope: EVERY_UNIT, now: at("2026-10-14T15:01:00") });
    expect(before.items.map((x) => x.code)).not.toContain("RECENT");
    expect(after.items.map((x) => x.code)).toContain("RECENT");
    const own = await lateReceipts(db.orm, { scope: subtreeOf("X"), now: NOW });
    expect(own.items.map((x) => x.code)).toEqual(["IN-X"]);
  });
});
