/**
 * METHOD-766 §2.2 on screen (issue #21, Build 2: kept on write): a unit manager opens the
 * 766 index, switches to this year and opens "2.2 Thời gian giải quyết trung bình" from
 * group 2, on a desktop and on a phone; every procedure's average and number of dossiers
 * are the API's, for the same unit and period, and the words are an official's.
 */
import { expect, menuLink, signIn, test, wordsNotForOfficials } from "./fixtures";

const UNIT_WORDS: Record<string, string> = { hours: "giờ", working_days: "ngày làm việc", days: "ngày" };
const decimal = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

for (const [device, viewport] of [
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test(`a unit manager reads each procedure's average processing time (${device})`, async ({ page, errors }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    await signIn(page, "stp.quanly");
    await (await menuLink(page, "Chỉ số 766")).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Chỉ số 766");
    await page.getByRole("link", { name: "Năm nay" }).click();
    await expect(page).toHaveURL(/\/chi-so-766\?from=\d{4}-01-01&to=\d{4}-12-31/);
    await page.locator("[data-index766-total]").waitFor({ timeout: 60_000 });
    await page.getByRole("link", { name: /2\.2 Thời gian giải quyết trung bình theo từng thủ tục/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("2.2 Thời gian giải quyết trung bình");

    const url = new URL(page.url());
    const api = await page.request.get(
      `/api/v1/indicators?profile=766&by=procedure&from=${url.searchParams.get("from")}&to=${url.searchParams.get("to")}`,
    );
    expect(api.status()).toBe(200);
    type Row = { key: string; index766?: { averageTime: { value: number | null; unit: string; dossiers: number } } };
    const expected = ((await api.json()).rows as Array<Required<Row>>)
      .filter((r) => (r.index766?.averageTime.dossiers ?? 0) > 0)
      .map((r) => ({
        code: r.key,
        dossiers: r.index766.averageTime.dossiers.toLocaleString("vi-VN"),
        time: `${decimal.format(r.index766.averageTime.value!)} ${UNIT_WORDS[r.index766.averageTime.unit]}`,
      }))
      .sort((a, b) => a.code.localeCompare(b.code));
    expect(expected.length).toBeGreaterThan(0);
    const shown = await page.locator("tr[data-procedure]").evaluateAll((trs) =>
      trs.map((tr) => ({
        code: tr.getAttribute("data-procedure")!,
        dossiers: (tr.children[1] as HTMLElement).innerText.trim(),
        time: (tr.children[2] as HTMLElement).innerText.trim(),
      })),
    );
    expect([...shown].sort((a, b) => a.code.localeCompare(b.code))).toEqual(expected);
    // The most handled first.
    const counts = shown.map((r) => Number(r.dossiers.replace(/\./g, "")));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // Nothing wider than the screen but the table's own scroll box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    expect(await wordsNotForOfficials(page, "thời gian")).toEqual([]);
    // Back to the index, the same unit and period.
    await page.getByRole("link", { name: /‹ Chỉ số 766/ }).click();
    await page.locator("[data-index766-total]").waitFor({ timeout: 60_000 });
    expect(errors).toEqual([]);
  });
}
