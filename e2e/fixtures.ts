import fs from "node:fs";
import { test as base, expect, type Page } from "@playwright/test";
import { E2E_DATA } from "../playwright.config";

export interface DemoUser {
  username: string;
  password: string;
  role: string;
  agency: string;
}

/** The demo logins the seed wrote beside e2e's own database (playwright.config.ts), never the developer's .data. */
export function demoUsers(): DemoUser[] {
  return JSON.parse(fs.readFileSync(`${E2E_DATA}/demo-users.json`, "utf8"));
}

/** Fails a test on any console error or failed request the page makes. */
export const test = base.extend<{ errors: string[] }>({
  errors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on(
      "console",
      (m) => m.type() === "error" && errors.push(`${m.text()}${m.location().url ? ` (${m.location().url})` : ""}`),
    );
    page.on("pageerror", (e) => errors.push(e.message));
    // Name the resource behind a "Failed to load resource" console error.
    page.on("response", (r) => r.status() >= 400 && r.status() !== 401 && errors.push(`${r.status()} ${r.url()}`));
    await use(errors);
    expect(errors).toEqual([]);
  },
});

export async function signIn(page: Page, username: string) {
  const user = demoUsers().find((u) => u.username === username)!;
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập hoặc email").fill(user.username);
  await page.getByLabel("Mật khẩu").fill(user.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
}

/**
 * A link of the menu, as a person reaches it: on a phone the "Chức năng" drawer is opened
 * first; on a desktop the row is there already.
 */
export async function menuLink(page: Page, label: string) {
  const nav = page.getByRole("navigation", { name: "Chức năng" });
  const drawer = nav.locator("[data-phone-menu]");
  if ((await drawer.isVisible()) && !(await drawer.evaluate((d) => (d as HTMLDetailsElement).open)))
    await drawer.locator("summary").click();
  return nav.getByRole("link", { name: label, exact: true });
}

/** Words no civil servant should read: the code base's citations, file names, internal ids, broken values. */
const NOT_FOR_OFFICIALS = [/METHOD/, /§/, /\.md\b/, /\b(user|token|rejected):\d/, /\bundefined\b/, /\bNaN\b/];

/** Each such word on the page, with a little of what surrounds it. */
export async function wordsNotForOfficials(page: Page, label: string): Promise<string[]> {
  const text = await page.locator("body").innerText();
  return NOT_FOR_OFFICIALS.flatMap((w) => {
    const m = w.exec(text);
    return m ? [`${label}: "${text.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\s+/g, " ")}"`] : [];
  });
}

export { expect };
