/**
 * Alerts (issue #25): an agency manager subscribes to dossiers that turn overdue; a one-stop
 * system then syncs a dossier already past its due date; within seconds it is in the
 * manager's inbox, the menu counts it unread, and it opens the dossier. The viewer has no inbox.
 */
import fs from "node:fs";
import { E2E_DATA } from "../playwright.config";
import { expect, menuLink, signIn, test } from "./fixtures";

/** DVCQG's yyyyMMddHHmmss in Vietnam time, `days` ago at 09:00. */
function daysAgo(days: number): string {
  const local = new Date(Date.now() + 7 * 3600_000 - days * 86_400_000);
  return `${local.toISOString().slice(0, 10).replace(/-/g, "")}090000`;
}

test("subscribe, sync a dossier that turns overdue, see it in the inbox", async ({ page, errors }) => {
  test.setTimeout(120_000);
  await signIn(page, "stp.quanly");
  await (await menuLink(page, "Thông báo")).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thông báo");
  await page.getByLabel("hồ sơ vừa quá hạn").check();
  await page.getByRole("button", { name: "Lưu cài đặt" }).click();
  await expect(page.getByText("Đã lưu cài đặt thông báo.")).toBeVisible();

  const tokens = JSON.parse(fs.readFileSync(`${E2E_DATA}/demo-tokens.json`, "utf8")) as Array<{
    token: string;
    scope: string;
  }>;
  const code = `E2E-ALERT-${Date.now()}`;
  // A procedure of one working day, received six days ago: overdue since a few days.
  const res = await page.request.post("/api/v1/sync", {
    headers: { authorization: `Bearer ${tokens.find((t) => t.scope === "province")!.token}` },
    data: {
      service: "DongBoHoSoMC",
      data: [
        {
          MaHoSo: code,
          MaTTHC: "1.004049",
          MaDonVi: "000.03.00.H56",
          KenhThucHien: "1",
          TrangThaiHoSo: "4",
          NgayTiepNhan: daysAgo(6),
        },
      ],
    },
  });
  expect((await res.json()).accepted).toBe(1);
  // The portal evaluates alerts a few seconds after a write (lib/jobs/alerts.ts).
  await expect(async () => {
    await page.goto("/thong-bao");
    await expect(page.locator(`[data-notification="${code}"]`)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  const item = page.locator(`[data-notification="${code}"]`);
  await expect(item).toContainText(`Hồ sơ ${code} đã quá hạn`);
  await expect(item).toHaveAttribute("data-unread", "");
  // The menu counts it (the desktop row follows the phone drawer, closed at this width).
  await expect(page.getByRole("navigation", { name: "Chức năng" }).locator("[data-unread-count]").last()).toBeVisible();
  await item.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(code);
  expect(errors).toEqual([]);
});

test("the viewer has no inbox", async ({ page }) => {
  await signIn(page, "congkhai");
  await expect(await menuLink(page, "Thông báo")).toHaveCount(0);
  expect((await page.goto("/thong-bao"))?.status()).toBe(404);
});
