/**
 * The portal on a phone (390×844), by clicking only: the menu reaches every item for each
 * role, and no page is wider than the screen (a wide table scrolls inside its own box; the
 * page itself never does). The public page shows the worst units beside the best, with no
 * inner scroll box.
 */
import type { Page } from "@playwright/test";
import { expect, signIn, test, wordsNotForOfficials } from "./fixtures";

const PHONE = { width: 390, height: 844 };

/** Elements sticking out past the right edge of the screen (outermost only), as "tag.class: text". */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const out: string[] = [];
    const all = Array.from(document.body.querySelectorAll<HTMLElement>("*"));
    for (const el of all) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= width + 1) continue;
      // Inside a box that scrolls on its own (a wide table): fine, the page does not move.
      let p = el.parentElement,
        clipped = false;
      while (p && p !== document.body) {
        const o = getComputedStyle(p).overflowX;
        if ((o === "auto" || o === "scroll" || o === "hidden") && p.getBoundingClientRect().right <= width + 1) {
          clipped = true;
          break;
        }
        p = p.parentElement;
      }
      if (clipped) continue;
      if (out.some((s) => el.closest(`[data-overflow-mark="${s}"]`))) continue;
      out.push(
        `${el.tagName.toLowerCase()}.${el.className.toString().split(" ").slice(0, 2).join(".")}: ${(el.innerText || "").slice(0, 40)}`,
      );
      el.setAttribute("data-overflow-mark", out[out.length - 1]);
    }
    return out.slice(0, 5);
  }, PHONE.width);
}

const MENU: Record<string, string[]> = {
  admin: [
    "Tổng quan",
    "Bảng xếp hạng",
    "Chỉ số 766",
    "Quy trình xử lý",
    "Hồ sơ",
    "Cần ưu tiên",
    "Cảnh báo",
    "Thông báo",
    "Rà soát dữ liệu",
    "Bản đồ",
    "Báo cáo",
    "Quản trị",
    "Tài liệu API",
  ],
  "stp.quanly": [
    "Tổng quan",
    "Bảng xếp hạng",
    "Chỉ số 766",
    "Quy trình xử lý",
    "Hồ sơ",
    "Cần ưu tiên",
    "Cảnh báo",
    "Thông báo",
    "Rà soát dữ liệu",
    "Bản đồ",
    "Báo cáo",
    "Quản trị",
    "Tài liệu API",
  ],
  congkhai: ["Tổng quan", "Bảng xếp hạng", "Chỉ số 766", "Quy trình xử lý", "Bản đồ", "Báo cáo"],
  lanhdao: [
    "Tổng quan",
    "Bảng xếp hạng",
    "Chỉ số 766",
    "Quy trình xử lý",
    "Hồ sơ",
    "Cần ưu tiên",
    "Cảnh báo",
    "Thông báo",
    "Rà soát dữ liệu",
    "Bản đồ",
    "Báo cáo",
  ],
  "pdp.canbo": [
    "Tổng quan",
    "Bảng xếp hạng",
    "Chỉ số 766",
    "Quy trình xử lý",
    "Hồ sơ",
    "Cần ưu tiên",
    "Cảnh báo",
    "Thông báo",
    "Rà soát dữ liệu",
    "Bản đồ",
    "Báo cáo",
  ],
};

for (const [user, items] of Object.entries(MENU)) {
  test(`on a phone, ${user} reaches every menu item, no page is wider than the screen, every word is an official's`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(PHONE);
    await signIn(page, user);
    const nav = page.getByRole("navigation", { name: "Chức năng" });
    const wide: string[] = [];
    const words: string[] = [];
    // The drawer holds exactly this role's items, all of them on the screen.
    await nav.getByText("Chức năng").click();
    expect(await nav.locator("[data-phone-menu] a").allInnerTexts()).toEqual(items);
    await nav.getByText("Chức năng").click();
    for (const label of items) {
      await nav.getByText("Chức năng").click();
      const link = nav.getByRole("link", { name: label, exact: true });
      await expect(link).toBeVisible();
      const href = (await link.getAttribute("href"))!;
      await link.click();
      await page.waitForURL((u) => u.pathname === href);
      await expect(page.locator("h1")).toBeVisible();
      await expect(nav.getByRole("link", { name: label, exact: true })).toBeHidden(); // the drawer closed behind the choice
      await page.waitForLoadState("networkidle");
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scroll > PHONE.width + 1) wide.push(`${label} (${scroll} px): ${(await overflow(page)).join(" | ")}`);
      words.push(...(await wordsNotForOfficials(page, label)));
    }
    expect(wide).toEqual([]);
    expect(words).toEqual([]);
  });
}

test("on a phone, the public page shows the five worst beside the five best, with no inner scroll box", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await page.goto("/");
  const communes = page.locator("[data-public-ranking='Xã, phường']");
  await expect(communes.locator("[data-worst] li")).toHaveCount(5);
  const rate = async (li: import("@playwright/test").Locator) =>
    Number(
      (await li.innerText())
        .match(/([\d.,]+)\s*%/)?.[1]
        .replace(/\./g, "")
        .replace(",", ".") ?? NaN,
    );
  const best = await rate(
    communes
      .getByRole("list", { name: /cao nhất/ })
      .locator("li")
      .first(),
  );
  const worst = await rate(communes.locator("[data-worst] li").first());
  expect(worst).toBeLessThanOrEqual(best);
  const innerScroll = await page.evaluate(() =>
    Array.from(document.querySelectorAll("[data-public-ranking] *")).some(
      (el) => getComputedStyle(el).overflowY === "auto" || getComputedStyle(el).overflowY === "scroll",
    ),
  );
  expect(innerScroll).toBe(false);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width + 1);
});

test("an agency sees its tier as the public does, its own row marked at the place its rank says", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "pdp.quanly");
  await page.goto("/tong-quan");
  const rank = (await page.locator("[data-rank]").innerText()).split("/")[0];
  // A long tier opens with a click.
  const tier = page.locator("[data-standing] details[data-tier]");
  if ((await tier.getAttribute("open")) === null) await tier.locator("summary").click();
  const own = tier.locator("li[data-own]");
  await expect(own).toHaveCount(1);
  await expect(own).toContainText("(đơn vị của bạn)");
  expect((await own.locator("[data-peer-rank]").innerText()).trim()).toBe(rank);
  // Peers' names and on-time rates only: none of their other figures, no link into their data.
  await expect(tier.locator("li:not([data-own]) a")).toHaveCount(0);
});
