/**
 * "Cần ưu tiên" (issue #25, item 1): a unit manager opens the worklist from the menu, on a
 * desktop and on a phone, sees what can still be saved first with what each dossier is
 * worth, switches the period and opens a dossier; the viewer, who reads no dossier, has
 * no such item. (The department filter is proved in tests/api/worklist.test.ts.)
 */
import { expect, menuLink, signIn, test, wordsNotForOfficials } from "./fixtures";

for (const [device, viewport] of [
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test(`a unit manager finds the dossiers worth the most now and opens one (${device})`, async ({ page, errors }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    await signIn(page, "stp.quanly");
    await (await menuLink(page, "Cần ưu tiên")).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cần ưu tiên");
    const list = page.locator("[data-part=in-period]");
    await expect(list).toBeVisible({ timeout: 60_000 });
    // What can still be saved in the period comes first, its worth in words; the overdue follow.
    await expect(page.locator("[data-part]").first()).toHaveAttribute("data-part", "in-period");
    const first = list.locator("li").first();
    await expect(first).toContainText(/Còn /);
    await expect(first.locator("[data-worth]")).toContainText(/Nếu trễ: tỷ lệ đúng hạn giảm .* điểm phần trăm/);
    expect(Number((await page.locator("[data-at-stake]").innerText()).replace(/\./g, ""))).toBeGreaterThan(0);
    // Another period: this week.
    await page.getByRole("link", { name: "Tuần này" }).click();
    await expect(page.getByRole("link", { name: "Tuần này" })).toHaveAttribute("aria-current", "page");
    await expect(page.locator("[data-part]").first()).toBeVisible();
    // Narrowed to one department (the busiest first in the list), every row is held there.
    const department = page.getByLabel("Phòng ban đang giữ hồ sơ");
    const name = await department.locator("option").nth(1).getAttribute("value");
    await department.selectOption(name!);
    await page.getByRole("button", { name: "Lọc" }).click();
    await expect(page.getByLabel("Phòng ban đang giữ hồ sơ")).toHaveValue(name!);
    const rows = page.locator("[data-part] li");
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allInnerTexts()) expect(text).toContain(name!);
    // A stale link naming a department that holds nothing: the select says so, not "Tất cả".
    await page.goto(
      `${page.url().replace(/department=[^&]*/, "")}&department=${encodeURIComponent("Phòng đã giải thể")}`,
    );
    await expect(page.getByLabel("Phòng ban đang giữ hồ sơ").locator("option:checked")).toHaveText(
      "Không có trong danh sách: Phòng đã giải thể",
    );
    await page.goBack();
    // The first dossier opens on its own page.
    const row = page.locator("[data-part] li a").first();
    const code = (await row.innerText()).trim();
    await row.click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(code);
    expect(await wordsNotForOfficials(page, "hồ sơ")).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test("the viewer reads no dossier: no worklist in the menu, and the page is refused", async ({ page }) => {
  await signIn(page, "congkhai");
  await expect(await menuLink(page, "Cần ưu tiên")).toHaveCount(0);
  const r = await page.goto("/can-uu-tien");
  expect(r?.status()).toBe(404);
});

test("the early-warning page watches online dossiers not received by the next working day", async ({
  page,
  errors,
}) => {
  await signIn(page, "admin");
  await (await menuLink(page, "Cảnh báo")).click();
  const section = page.locator("[data-late-receipts]");
  await expect(section.getByRole("heading", { level: 2 })).toContainText("Hồ sơ trực tuyến chậm tiếp nhận");
  // The demo has online dossiers left unreceived ("Mới đăng ký"): each with the instant it was due for receipt.
  await expect(section.locator("li").first()).toContainText("Phải tiếp nhận trước");
  expect(errors).toEqual([]);
});

test("the overview and the 766 page forecast this week's and this month's figures, the dossiers at stake one click away", async ({
  page,
  errors,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "stp.quanly");
  await page.goto("/tong-quan");
  const forecast = page.locator("[data-forecast]");
  await expect(forecast).toBeVisible({ timeout: 60_000 });
  await expect(forecast.locator("li")).toHaveCount(2);
  await expect(forecast.locator("li").first()).toContainText(/Cuối tuần .*: tỷ lệ đúng hạn .*%; chỉ số 766 .* điểm/);
  await expect(forecast.locator("li").nth(1)).toContainText(/Cuối tháng \d+\/\d{4}: tỷ lệ đúng hạn/);
  await forecast.getByText("Cách tính dự báo").click();
  await expect(forecast).toContainText("Số thấp: mọi hồ sơ đang xử lý còn hạn");
  await forecast.locator("li").nth(1).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cần ưu tiên");
  await expect(page.getByRole("link", { name: "Tháng này" })).toHaveAttribute("aria-current", "page");
  await page.goto("/chi-so-766");
  await expect(page.locator("[data-forecast]")).toBeVisible({ timeout: 60_000 });
  // A past period has no forecast of this week's end beside it.
  await page.goto("/chi-so-766?from=2025-10-01&to=2025-12-31");
  await expect(page.locator("[data-index766-total]")).toBeVisible({ timeout: 60_000 });
  await expect(page.locator("[data-forecast]")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("odd addresses are a page or 'not found', never a failure: repeated keys, U+0000, an object's own names", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "stp.quanly");
  for (const url of [
    "/can-uu-tien?ky=__proto__",
    "/can-uu-tien?ky=constructor&unit=a&unit=b",
    "/can-uu-tien?unit=%00",
    "/canh-bao?unit=a&unit=b",
    "/canh-bao?unit=%00",
    "/tong-quan?unit=a&unit=b",
    "/xep-hang?unit=%00",
    "/chi-so-766?unit=a&unit=b",
    "/quy-trinh?unit=%00",
    "/ho-so?unit=a&unit=b",
    "/chi-so-766/thoi-gian?unit=a&unit=b",
    "/chi-so-766/thoi-gian?unit=%00",
    "/chi-so-766/thoi-gian?from=2026-13-45&to=__proto__",
    "/chi-so-766/thoi-gian?from=2026-12-31&to=2026-01-01",
  ]) {
    const res = await page.goto(url);
    expect(res!.status(), url).toBeLessThan(500);
  }
  // A unit outside Sở Tư pháp's scope (a commune) is not found, as on every page.
  expect((await page.goto("/chi-so-766/thoi-gian?unit=X001.PHAN.H56"))!.status()).toBe(404);
});
