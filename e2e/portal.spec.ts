import fs from "node:fs";
import ExcelJS from "exceljs";
import { E2E_DATA } from "../playwright.config";
import { expect, signIn, test, wordsNotForOfficials, menuLink } from "./fixtures";

const PAGES = [
  ["tong-quan", "/tong-quan"],
  ["xep-hang", "/xep-hang"],
  ["chi-so-766", "/chi-so-766"],
  ["ho-so", "/ho-so"],
  ["can-uu-tien", "/can-uu-tien"],
  ["canh-bao", "/canh-bao"],
  ["thong-bao", "/thong-bao"],
  ["ra-soat", "/ra-soat"],
  ["ban-do", "/ban-do"],
  ["bao-cao", "/bao-cao"],
  ["quan-tri", "/quan-tri"],
] as const;

test("every page renders for every role, at desktop and phone size, with no console errors and only an official's words", async ({
  page,
  errors,
}) => {
  test.setTimeout(180_000);
  const words: string[] = [];
  for (const username of ["admin", "lanhdao", "congkhai", "stp.quanly", "pdp.canbo"]) {
    await page.context().clearCookies();
    await signIn(page, username);
    for (const [name, url] of PAGES) {
      const res = await page.goto(url);
      // A viewer has no dossier-level pages: they answer "not found"/"forbidden", never an error.
      // The admin area exists only for those who administer something (users, tokens, imports, calendar).
      if (name === "quan-tri" && !["admin", "stp.quanly"].includes(username)) {
        expect(res!.status(), `${username} ${url}`).toBe(404);
        errors.length = 0;
        continue;
      }
      if (username === "congkhai" && ["ho-so", "can-uu-tien", "canh-bao", "thong-bao", "ra-soat"].includes(name)) {
        expect(res!.status(), `${username} ${url}`).toBe(404);
        errors.length = 0;
        continue;
      }
      expect(res!.status(), `${username} ${url}`).toBe(200);
      await expect(page.locator("h1")).toBeVisible();
      words.push(...(await wordsNotForOfficials(page, `${username} ${url}`)));
      if (username === "admin") {
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.screenshot({ path: `test-results/screens/${name}-1280.png`, fullPage: true });
        await page.setViewportSize({ width: 390, height: 844 });
        await page.screenshot({ path: `test-results/screens/${name}-390.png`, fullPage: true });
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    }
  }
  // The admin pages themselves, as the administrator.
  await page.context().clearCookies();
  await signIn(page, "admin");
  for (const url of [
    "/quan-tri/nguoi-dung",
    "/quan-tri/ma-truy-cap",
    "/quan-tri/nhap-du-lieu",
    "/quan-tri/lich",
    "/quan-tri/nhat-ky",
    "/tai-lieu-api",
  ]) {
    expect((await page.goto(url))!.status(), url).toBe(200);
    await expect(page.locator("h1")).toBeVisible();
    words.push(...(await wordsNotForOfficials(page, `admin ${url}`)));
    await page.screenshot({ path: `test-results/screens${url.replaceAll("/", "-")}-1280.png`, fullPage: true });
  }
  await page.goto("/quan-tri/nhat-ky");
  await expect(page.locator("table")).toContainText("Đăng nhập");
  // A dossier's page, the public pages and the method's own page.
  await page.goto("/ho-so");
  await page.locator("table tbody tr a").first().click();
  await expect(page.locator("[data-verdict]")).toBeVisible();
  words.push(...(await wordsNotForOfficials(page, "admin dossier")));
  await page.context().clearCookies();
  for (const url of ["/", "/cach-tinh"]) {
    await page.goto(url);
    words.push(...(await wordsNotForOfficials(page, url)));
  }
  expect(words).toEqual([]);
});

test("an agency user sees only its own unit and is refused another unit's URL", async ({ page, errors }) => {
  await signIn(page, "pdp.canbo");
  await page.goto("/tong-quan");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Phan Đình Phùng");
  await page.goto("/ban-do");
  await expect(page.locator("[data-tiles] li")).toHaveCount(0);
  const other = await page.goto("/tong-quan?unit=000.03.00.H56");
  expect(other!.status()).toBe(404);
  const api = await page.request.get("/api/v1/indicators?by=agency&unit=000.03.00.H56");
  expect(api.status()).toBe(404);
  const own = await page.request.get("/api/v1/indicators?by=agency");
  expect((await own.json()).rows.map((r: { key: string }) => r.key)).toEqual(["X001.PHAN.H56"]);
  errors.length = 0; // the refused navigation logs its 404
});

test("the records behind the 766 index answer by role: the viewer has no dossier or PAKN list, a bad indicator is not found", async ({
  page,
}) => {
  await signIn(page, "congkhai");
  for (const url of ["/chi-so-766/ho-so?i=2.1", "/chi-so-766/pakn?i=5.2"])
    expect((await page.goto(url))!.status(), url).toBe(404);
  expect((await page.goto("/chi-so-766/thu-tuc?i=1.3"))!.status()).toBe(200);
  await page.goto("/chi-so-766/thu-tuc?i=1.3&page=999");
  await expect(page.getByText("Không có trang 999.")).toBeVisible();
  await page.context().clearCookies();
  await signIn(page, "admin");
  for (const url of [
    "/chi-so-766/ho-so?i=1.1",
    "/chi-so-766/thu-tuc?i=2.1",
    "/chi-so-766/pakn",
    "/chi-so-766/ho-so?i=2.1&unit=KHONG-CO",
  ]) {
    expect((await page.goto(url))!.status(), url).toBe(404);
  }
});

test("the overview's headline figures equal the indicators API for the same period and scope", async ({ page }) => {
  await signIn(page, "admin");
  const from = "2026-01-01";
  const to = "2026-03-31";
  await page.goto(`/tong-quan?from=${from}&to=${to}`);
  const api = await (await page.request.get(`/api/v1/indicators?from=${from}&to=${to}&by=all`)).json();
  const row = api.rows[0];
  const fmt = (v: number | null) =>
    v === null ? "—" : `${v.toLocaleString("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
  await expect(page.locator("[data-indicator=A] [data-rate]")).toHaveText(fmt(row.onTime.rate));
  await expect(page.locator("[data-indicator=B] [data-rate]")).toHaveText(fmt(row.online.level34Rate));
  await expect(page.locator("[data-indicator=C] [data-rate]")).toHaveText(fmt(row.payment.rate));
  await expect(page.locator("[data-indicator=Đ] [data-rate]")).toHaveText(fmt(row.sync.rate));
  await expect(page.locator("[data-indicator=A]")).toContainText(row.onTime.population.toLocaleString("vi-VN"));
});

test("drill down from the province to a unit to a procedure to a dossier's explanation", async ({ page }) => {
  await signIn(page, "admin");
  await (await menuLink(page, "Bảng xếp hạng")).click();
  await page
    .locator("[data-scorecard] tbody tr")
    .filter({ hasText: "Sở Tư pháp" })
    .getByRole("link", { name: "Sở Tư pháp" })
    .click();
  // A department without sub-units opens its own scorecard, with its breadcrumb back up.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sở Tư pháp");
  await expect(page.getByRole("navigation", { name: /Đường dẫn|breadcrumb/i })).toBeVisible();
  await page.getByRole("link", { name: "Theo thủ tục" }).click();
  await page.locator("[data-scorecard] tbody tr a").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hồ sơ");
  await page.locator("table tbody tr a").first().click();
  await expect(page.locator("[data-verdict]")).toBeVisible();
  await expect(page.getByText(/Căn cứ: Phụ lục Công văn 200\/VPCP-KSTT, mục A/)).toBeVisible();
  // Officials read the appendix's words, never the code base's; the rule is explained on the portal's own page.
  const words = await page.locator("main").innerText();
  for (const w of ["METHOD", "§", ".md"]) expect(words).not.toContain(w);
  await page.getByRole("link", { name: "Cách tính hạn và ngày làm việc" }).click();
  await expect(page.getByRole("heading", { name: "Hạn giải quyết và ngày làm việc" })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("heading", { name: "Tiến trình xử lý" })).toBeVisible();
  // The same dossier, looked up by its code.
  const code = (await page.getByRole("heading", { level: 1 }).innerText()).replace("Hồ sơ ", "");
  await page.goto("/ho-so?from=2026-01-01&to=2026-06-30");
  await page.getByLabel("Tra cứu theo mã hồ sơ").fill(code);
  await page.getByRole("search").getByRole("button", { name: "Xem" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hồ sơ ${code}`);
});

test("the Excel report opens and holds the same numbers as the API", async ({ page }) => {
  await signIn(page, "admin");
  const from = "2026-01-01";
  const to = "2026-06-30";
  const res = await page.request.get(`/api/v1/reports/scorecard.xlsx?from=${from}&to=${to}`);
  expect(res.status()).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual([
    "Tổng hợp",
    "A. Tiến độ",
    "B. Trực tuyến",
    "C. Thanh toán",
    "D. PAKN",
    "Đ. Đồng bộ",
  ]);
  const api = await (await page.request.get(`/api/v1/indicators?from=${from}&to=${to}&by=all`)).json();
  const sheet = wb.getWorksheet("A. Tiến độ")!;
  const first = sheet.getRow(5); // the total row, under the title and the header
  expect(first.getCell(4).value).toBe(api.rows[0].onTime.population);
  expect(first.getCell(5).value).toBe(api.rows[0].onTime.onTime);
  expect(first.getCell(9).value).toBeCloseTo(api.rows[0].onTime.rate / 100, 12);
  const fill = first.getCell(9).fill as { fgColor?: { argb?: string } };
  expect(fill.fgColor?.argb).toMatch(/^FF[0-9A-F]{6}$/);
});

test("the page refreshes by itself when new data is synced", async ({ page }) => {
  await signIn(page, "admin");
  const tokens = JSON.parse(fs.readFileSync(`${E2E_DATA}/demo-tokens.json`, "utf8")) as Array<{
    token: string;
    scope: string;
  }>;
  const local = new Date(Date.now() + 7 * 3600_000 - 3600_000); // an hour ago, in local time
  const today = local.toISOString().slice(0, 10);
  await page.goto(`/tong-quan?from=${today.slice(0, 8)}01&to=${today}`);
  const before = await page.locator("[data-indicator=A] dd").first().innerText();
  const stamp = local.toISOString().slice(0, 19).replace(/[-T:]/g, "");
  const res = await page.request.post("/api/v1/sync", {
    headers: { authorization: `Bearer ${tokens.find((t) => t.scope === "province")!.token}` },
    data: {
      service: "DongBoHoSoMC",
      data: Array.from({ length: 3 }, (_, i) => ({
        MaHoSo: `E2E-LIVE-${Date.now()}-${i}`,
        MaTTHC: "1.004000",
        MaDonVi: "000.01.00.H56",
        KenhThucHien: "2",
        TrangThaiHoSo: "2",
        NgayTiepNhan: stamp,
      })),
    },
  });
  expect((await res.json()).accepted).toBe(3);
  await expect(page.locator("[data-live]")).toContainText("vừa cập nhật", { timeout: 10_000 });
  await expect(page.locator("[data-indicator=A] dd").first()).not.toHaveText(before);
});

test("the administrator sees the nightly integrity check on Quản trị; an agency manager does not", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, "stp.quanly");
  await page.goto("/quan-tri");
  await expect(page.getByRole("heading", { name: "Quản trị" })).toBeVisible();
  await expect(page.getByText("Kiểm tra tính toàn vẹn số liệu")).toHaveCount(0);
  await page.context().clearCookies();
  await signIn(page, "admin");
  // The portal checks yesterday's figures a minute after it starts (lib/jobs/nightly.ts), then nightly at 02:00.
  await expect(async () => {
    await page.goto("/quan-tri");
    await expect(page.getByText("Không có sai lệch: số liệu tổng hợp khớp với từng hồ sơ.")).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 120_000, intervals: [5_000] });
  await expect(page.getByRole("region", { name: "Kiểm tra tính toàn vẹn số liệu" })).toContainText("tự động hằng đêm");
});

test("npm run db:backup while the portal runs: the portal writes a consistent copy of its embedded database", async () => {
  test.setTimeout(120_000);
  const { execFileSync } = await import("node:child_process");
  const out = `${E2E_DATA}/backups/e2e-online.tar.gz`;
  fs.rmSync(out, { force: true });
  const said = execFileSync(process.execPath, ["--import", "tsx", "scripts/backup.ts", "--out", out], {
    env: { ...process.env, PGLITE_DIR: `${E2E_DATA}/pglite`, DATABASE_URL: "" },
  }).toString();
  expect(said).toContain("nhờ cổng sao lưu");
  expect(fs.statSync(out).size).toBeGreaterThan(1_000_000);
});
