/**
 * Accessibility of the main pages (WCAG 2 A/AA rules of axe-core): no serious or
 * critical violation — band colours with their text included — at desktop and phone
 * size. Screenshots of each page at 1440×900 and 390×844 are kept in test-results.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, signIn, test } from "./fixtures";

const PAGES = [
  "/tong-quan",
  "/xep-hang",
  "/chi-so-766",
  // A year, so that its table has rows.
  `/chi-so-766/thoi-gian?from=${new Date().getFullYear()}-01-01&to=${new Date().getFullYear()}-12-31`,
  "/ho-so",
  "/ban-do",
  "/ra-soat",
  "/bao-cao",
];

async function check(page: import("@playwright/test").Page, label: string) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${label}: ${v.id} (${v.impact}) — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
  expect(serious).toEqual([]);
}

test("the public page and the login page have no serious accessibility violation", async ({ page }) => {
  for (const url of ["/", "/login"]) {
    await page.goto(url);
    await check(page, url);
  }
});

test("the main pages have no serious accessibility violation, at desktop and phone size", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "admin");
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    for (const url of PAGES) {
      await page.goto(url);
      await expect(page.locator("h1")).toBeVisible();
      // The 766 index streams in: check the page with its figures.
      if (url === "/chi-so-766") await page.locator("[data-index766-total]").waitFor({ timeout: 60_000 });
      await page.screenshot({
        path: `test-results/screens/${url.slice(1).replace(/[/?&=]/g, "_")}-${w}.png`,
        fullPage: true,
      });
      await check(page, `${url} @${w}`);
    }
  }
});
