/**
 * Journeys, not pages: each user signs in and follows only the links on the page to
 * their answer (no typed URLs after sign-in). The portal runs on port 3100 here, so
 * sign-out and redirects are checked off port 3000.
 */
import { expect, signIn, test } from "./fixtures";

test("each role lands on the overview of its own scope, with the menu", async ({ page, errors }) => {
  for (const [username, heading] of [["admin", "Thái Nguyên"], ["lanhdao", "Thái Nguyên"], ["stp.quanly", "Sở Tư pháp"], ["pdp.canbo", "Phan Đình Phùng"], ["congkhai", "Thái Nguyên"]] as const) {
    await page.context().clearCookies();
    await signIn(page, username);
    await expect(page).toHaveURL(/\/tong-quan$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
    await expect(page.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: "Tổng quan" })).toBeVisible();
  }
  // The API page has the menu too.
  await page.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: "Tài liệu API" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tài liệu API");
  await expect(page.getByRole("navigation", { name: "Chức năng" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("sign-out stays on the portal's own host and port", async ({ page, baseURL }) => {
  await signIn(page, "lanhdao");
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập", exact: true })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  expect(new URL(page.url()).port).toBe("3100");
});

test("the centre sorts the communes by on-time rate, opens the worst and sees why", async ({ page, errors }) => {
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: "Bảng xếp hạng" }).click();
  const communes = page.locator("table[data-scorecard=xa]");
  await communes.getByRole("link", { name: /^A\. Đúng hạn/ }).click(); // ascending: the worst first
  await expect(page.locator("table[data-scorecard=xa] th[aria-sort=ascending]")).toBeVisible();
  const worst = page.locator("table[data-scorecard=xa] tbody tr").first().getByRole("link").first();
  const name = (await worst.innerText()).trim();
  await worst.click();
  // A commune has no tier below it: its own scorecard, its place among communes, what costs it points.
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.locator("[data-standing]")).toContainText("xã, phường");
  const [rank, of] = (await page.locator("[data-rank]").innerText()).split("/").map(Number);
  expect(rank).toBeGreaterThanOrEqual(1);
  expect(rank).toBeLessThanOrEqual(of);
  await page.locator("[data-standing]").getByRole("link", { name: /hồ sơ/ }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hồ sơ");
  // Late dossiers say whether they are late or lack data, with names, not codes.
  await expect(page.locator("table tbody tr").first()).toContainText(/Trễ hạn thật|Thiếu dữ liệu/);
  expect(errors).toEqual([]);
});

test("an agency manager sees where it stands: rank k/N among its peers, the province beside it", async ({ page, errors }) => {
  await signIn(page, "stp.quanly");
  const standing = page.locator("[data-standing]");
  await expect(standing).toContainText("sở, ban, ngành");
  await expect(standing).toContainText("Thái Nguyên");
  await expect(page.locator("[data-rank]")).toHaveText(/^\d+\/\d+$/);
  await standing.getByRole("link", { name: "Lỗi dữ liệu làm giảm điểm" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rà soát dữ liệu");
  expect(errors).toEqual([]);
});

test("the public viewer sees figures without links it could not follow", async ({ page, errors }) => {
  await signIn(page, "congkhai");
  await expect(page.locator("[data-indicator=A]")).toBeVisible();
  await expect(page.locator("a[href^='/ho-so']")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: "Quản trị" })).toHaveCount(0);
  expect(errors).toEqual([]);
});
