/**
 * Where the time goes (METHOD-STEPS; issue #24): the centre opens a unit's process,
 * sees its slowest department and procedure step, opens the department's late dossiers
 * and a dossier's timeline; an agency manager sees its own officers; the viewer sees
 * departments and never an officer (S.4).
 */
import { expect, menuLink, signIn, test } from "./fixtures";

const HALF = "from=2026-01-01&to=2026-06-30";

test("the centre follows the slowest department down to a late dossier's timeline", async ({ page, errors }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin");
  await (await menuLink(page, "Quy trình xử lý")).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Quy trình xử lý");
  await page.goto(`/quy-trinh?${HALF}`);
  const departments = page.locator("table[data-steps=departments]");
  await expect(departments).toBeVisible({ timeout: 60_000 });
  await expect(page.locator("table[data-steps=procedure-steps] tbody tr").first()).toContainText(/ — /);
  // What each unit's sender filled (S.5), in shares.
  await expect(page.locator("[data-fields]")).toContainText("Hạn của bước");
  // Departments slowest first: open the slowest one that made dossiers late, then one of those dossiers.
  const row = await departments
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.findIndex((tr) => tr.querySelector("a") !== null && tr.lastElementChild?.textContent?.trim() !== "0"),
    );
  expect(row).toBeGreaterThanOrEqual(0);
  await departments.locator("tbody tr").nth(row).locator("a").first().click();
  const detail = page.locator("[data-department-detail]");
  await expect(detail).toBeVisible({ timeout: 60_000 });
  await expect(detail.locator("table[data-steps=department-steps] tbody tr").first()).toBeVisible();
  const late = detail.locator("[data-late-dossiers] a").first();
  await expect(late).toBeVisible();
  await late.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Hồ sơ");
  const timeline = page.locator("[data-timeline]");
  await expect(timeline).toBeVisible();
  // A late dossier with a late step of this department: the late steps are marked and the one that pushed it is named.
  await expect(timeline.locator("[data-step-late=true]").first()).toBeVisible();
  await expect(page.locator("[data-pushed-past-due]")).toContainText("Bước làm hồ sơ quá hạn");
  expect(errors).toEqual([]);
});

test("an agency manager sees its own officers; the viewer sees departments and no officer", async ({
  page,
  errors,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "stp.quanly");
  await page.goto(`/quy-trinh?${HALF}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quy trình xử lý — Sở Tư pháp");
  await expect(page.locator("table[data-steps=officers] tbody tr").first()).toBeVisible({ timeout: 60_000 });
  await page.context().clearCookies();
  await signIn(page, "congkhai");
  await page.goto(`/quy-trinh?${HALF}`);
  await expect(page.locator("table[data-steps=departments]")).toBeVisible({ timeout: 60_000 });
  await expect(page.locator("table[data-steps=officers]")).toHaveCount(0);
  await expect(page.getByText("Cán bộ xử lý")).toHaveCount(0);
  expect(errors).toEqual([]);
});
