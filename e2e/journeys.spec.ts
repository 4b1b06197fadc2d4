/**
 * Journeys, not pages: each user signs in and follows only the links on the page to
 * their answer (no typed URLs after sign-in). The portal runs on port 3100 here, so
 * sign-out and redirects are checked off port 3000.
 */
import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, signIn, test, menuLink } from "./fixtures";

test("each role lands on the overview of its own scope, with the menu", async ({ page, errors }) => {
  for (const [username, heading] of [
    ["admin", "Thái Nguyên"],
    ["lanhdao", "Thái Nguyên"],
    ["stp.quanly", "Sở Tư pháp"],
    ["pdp.canbo", "Phan Đình Phùng"],
    ["congkhai", "Thái Nguyên"],
  ] as const) {
    await page.context().clearCookies();
    await signIn(page, username);
    await expect(page).toHaveURL(/\/tong-quan$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
    await expect(await menuLink(page, "Tổng quan")).toBeVisible();
  }
  // The API page (in the menu of those who hold tokens) has the menu too.
  await page.goto("/tai-lieu-api");
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
  await (await menuLink(page, "Bảng xếp hạng")).click();
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
  await expect(page.locator("table tbody tr").first()).toContainText(/Trễ hạn|Thiếu dữ liệu/);
  expect(errors).toEqual([]);
});

test("the centre ranks its departments and communes by the 766 index, each tier on its own", async ({
  page,
  errors,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "admin");
  await (await menuLink(page, "Bảng xếp hạng")).click();
  await page.getByRole("tab", { name: "Chỉ số 766 (100 điểm)" }).click();
  // The index reads every dossier's history: give it time on the embedded database.
  const departments = page.locator("table[data-index766=so_nganh]");
  await expect(departments).toBeVisible({ timeout: 60_000 });
  await expect(page.locator("table[data-index766=xa]")).toBeVisible();
  const first = departments.locator("tbody tr").first();
  await expect(first.locator("[data-rank766]")).toHaveText(/^1\/\d+$/);
  await expect(first).toContainText(/Xuất sắc|Tốt|Khá|Trung bình|Yếu/);
  // A header states no maximum: each cell states the one that applies to its unit.
  await expect(departments.locator("thead")).toContainText("2. Tiến độ, kết quả giải quyết");
  await expect(departments.locator("thead")).not.toContainText("(20)");
  // The national layout: group 3 as two columns, and each unit's move since the previous month (METHOD-766 §0.5, §3).
  await expect(departments.locator("thead")).toContainText("3. Dịch vụ công trực tuyến");
  await expect(departments.locator("thead")).toContainText("3. Thanh toán trực tuyến");
  await expect(departments.locator("thead")).toContainText(/So với tháng \d+\/\d{4}/);
  await expect(first.locator("[data-change766]")).toHaveText(/[▲▼] [\d,]+|không đổi/);
  await expect(first.locator("[data-column766='3a']")).toHaveText(/^([\d,]+ \/ \d+|—)$/);
  // The map colours the same units by their rating, in the national map's colours.
  await (await menuLink(page, "Bản đồ")).click();
  await page.getByRole("link", { name: "Chỉ số 766 (100 điểm)" }).click();
  await expect(page.getByRole("list", { name: "Chú giải" })).toContainText("Xuất sắc (từ 90 điểm)");
  await expect(page.locator("[data-tiles] a").first()).toContainText(
    /điểm · (Xuất sắc|Tốt|Khá|Trung bình|Yếu)|Chưa có dữ liệu/,
  );
  expect(errors).toEqual([]);
});

test("an agency manager opens its 766 index: total, rating, rank k/N, where it loses points and what reaching a threshold brings", async ({
  page,
  errors,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "stp.quanly");
  await (await menuLink(page, "Chỉ số 766")).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chỉ số 766 — Sở Tư pháp");
  // Its own total and rank among the departments, computed over its peers' dossiers.
  await expect(page.locator("[data-rank766]")).toHaveText(/^\d+\/\d+$/, { timeout: 60_000 });
  await expect(page.locator("[data-rating]")).toHaveText(/Xuất sắc|Tốt|Khá|Trung bình|Yếu/);
  await expect(page.locator("[data-group]")).toHaveCount(5);
  // How far it moved since last month, in points and places (METHOD-766 §0.5).
  await expect(page.locator("[data-change766]")).toContainText(/So với tháng \d+\/\d{4}/);
  await expect(page.locator("[data-change766]")).toContainText(/[▲▼] [\d,]+ điểm|không đổi/);
  await expect(page.locator("[data-losses]")).toContainText(/nếu đạt ngưỡng [\d,]+\s% sẽ được thêm [\d,]+ điểm/);
  // What costs points opens what to fix (issue #21, item 5).
  await expect(page.locator("[data-losses] a").first()).toBeVisible();
  // Every indicator with its counts; 2.1 opens the dossiers behind it.
  const ontime = page.locator("tr[data-indicator='2.1']");
  await expect(ontime).toContainText("Giải quyết hồ sơ đúng hạn");
  const counts = (await ontime.locator("td").nth(1).innerText()).match(/([\d.]+) \/ ([\d.]+)/)!;
  await ontime.getByRole("link", { name: "xem hồ sơ" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("2.1 Giải quyết hồ sơ đúng hạn");
  // The same counts as the index, the dossiers that cost points first, each with why.
  await expect(page.locator("[data-counts766]")).toContainText(`Đạt ${counts[1]} / ${counts[2]} hồ sơ`);
  await page.getByRole("link", { name: "Xem tất cả hồ sơ" }).click();
  const first = page.locator("table[data-dossiers766='2.1'] tbody tr").first();
  await expect(first.locator("td").last()).toHaveText(/Đạt|quá hạn|bổ sung|thời hạn|bắt đầu/);
  // A dossier explains itself under both rules: Công văn 200's and the 766 index's.
  await first.getByRole("link").first().click();
  await expect(page.locator("[data-verdict]")).toBeVisible();
  await expect(page.locator("[data-verdict766]")).toContainText("Theo Chỉ số 766");
  await expect(page.locator("[data-verdict766]")).toContainText(
    /ngày hẹn trả|thời hạn trong danh mục|bổ sung|thời hạn|bắt đầu/,
  );
  expect(errors).toEqual([]);
});

test("the centre follows a 766 indicator down to the procedures and the PAKN behind it", async ({ page, errors }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin");
  await page.goto("/chi-so-766?from=2026-01-01&to=2026-06-30");
  await expect(page.locator("[data-index766-total]")).toBeVisible({ timeout: 60_000 });
  await page.locator("tr[data-indicator='1.3']").getByRole("link", { name: "xem thủ tục" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("1.3 Công khai đầy đủ các bộ phận của thủ tục");
  await expect(page.locator("table[data-procedures766='1.3'] tbody tr").first()).toContainText(
    "Chưa công khai đầy đủ các bộ phận",
  );
  await page.getByRole("link", { name: /^‹ Chỉ số 766/ }).click();
  await page.locator("tr[data-indicator='5.2']").getByRole("link", { name: "xem phản ánh" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("5.2 Xử lý phản ánh, kiến nghị đúng hạn");
  await expect(page.locator("[data-counts766]")).toContainText(/Đạt [\d.]+ \/ [\d.]+ phản ánh, kiến nghị/);
  expect(errors).toEqual([]);
});

test("an agency manager sees where it stands: rank k/N among its peers, the province beside it", async ({
  page,
  errors,
}) => {
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
  await expect(await menuLink(page, "Quản trị")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("the centre imports the catalogue's 766 columns: a bad date is named by line and column, the valid line is written", async ({
  page,
  errors,
}) => {
  await signIn(page, "admin");
  await (await menuLink(page, "Quản trị")).click();
  await page.getByRole("link", { name: /Nhập dữ liệu danh mục/ }).click();
  await expect(page.locator("dl")).toContainText(
    "Cột tùy chọn cho Chỉ số 766: NgayHieuLuc, NgayCongBo, NgayCongKhai, DayDuBoPhan, KetQuaGiay",
  );
  await page.getByLabel("Loại dữ liệu").selectOption("thutuc");
  const csv = `MaTTHC,TenTTHC,MaLinhVuc,TenLinhVuc,ThoiHan,DonViTinh,CoPhiLePhi,NgayHieuLuc,NgayCongBo,NgayCongKhai,DayDuBoPhan,KetQuaGiay
9.990001,Thủ tục thử nghiệm,TN,Thử nghiệm,5,Ngày làm việc,0,2026-03-20,2026-03-10,2026-03-16,1,0
9.990002,Thủ tục thử nghiệm lỗi,TN,Thử nghiệm,5,Ngày làm việc,0,2026-03-20,30/02/2026,,1,0
`;
  await page
    .getByLabel("Tệp CSV hoặc Excel (.xlsx)")
    .setInputFiles({ name: "thutuc.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Kiểm tra (chưa ghi)" }).click();
  const report = page.locator("[data-report]");
  await expect(report).toContainText("2 dòng — 1 hợp lệ: thêm mới 1");
  await expect(report).toContainText("Dòng 3, cột NgayCongBo: NgayCongBo phải là ngày yyyy-MM-dd hoặc để trống");
  await page.getByRole("button", { name: "Ghi các dòng hợp lệ" }).click();
  await expect(report).toContainText("Đã ghi: 2 dòng — 1 hợp lệ");
  expect(errors).toEqual([]);
});

test("the leader adds the 766 index to the printed report and downloads its Excel sheets", async ({ page, errors }) => {
  test.setTimeout(120_000);
  await signIn(page, "lanhdao");
  await (await menuLink(page, "Báo cáo")).click();
  await page.getByRole("link", { name: "Thêm Chỉ số 766 vào báo cáo" }).click();
  await expect(page.locator("[data-report766]")).toContainText(
    /[\d,]+\/100 điểm, xếp loại (Xuất sắc|Tốt|Khá|Trung bình|Yếu)/,
    { timeout: 60_000 },
  );
  await expect(page.locator("table[data-report-tier] thead").first()).toContainText("Chỉ số 766");
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-excel766]").click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toContain("766. Tổng điểm");
  expect(wb.worksheets.map((w) => w.name)).toContain("766. Nhóm 5");
  const header = (wb.getWorksheet("766. Tổng điểm")!.getRow(4).values as unknown[]).map(String);
  expect(header).toContain("Tổng điểm tăng (+) / giảm (−) so với kỳ trước");
  expect(header).toContain("3. Thanh toán trực tuyến: điểm");
  expect(errors).toEqual([]);
});

test("the public viewer sees the 766 index and the procedures behind it, never the dossiers", async ({
  page,
  errors,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "congkhai");
  await (await menuLink(page, "Chỉ số 766")).click();
  await expect(page.locator("[data-index766-total]")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("link", { name: "xem hồ sơ" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "xem phản ánh" })).toHaveCount(0);
  await page.locator("tr[data-indicator='3.1']").getByRole("link", { name: "xem thủ tục" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("3.1 Thủ tục cung cấp dịch vụ công trực tuyến");
  expect(errors).toEqual([]);
});

test("one rank everywhere: a department's place in the ranking is the k of its own overview's k/N, ties in words", async ({
  page,
  errors,
}) => {
  const q = "?from=2026-01-01&to=2026-06-30";
  await signIn(page, "admin");
  await page.goto(`/xep-hang${q}`);
  const cell = page.locator('[data-scorecard="so_nganh"] tr[data-row="000.03.00.H56"] [data-place]');
  await expect(cell).toHaveText(/^\d+(đồng hạng)?$/);
  const place = Number((await cell.textContent())!.match(/^\d+/)![0]);
  // Places never decrease down the table, and a repeated place says "đồng hạng".
  const places = await page.locator('[data-scorecard="so_nganh"] [data-place]').allTextContents();
  const numbers = places.filter((t) => t !== "—").map((t) => Number(t.match(/^\d+/)![0]));
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  numbers.forEach((n, i) => {
    if (numbers.filter((m) => m === n).length > 1) expect(places[i]).toContain("đồng hạng");
  });
  await page.context().clearCookies();
  await signIn(page, "stp.quanly");
  await page.goto(`/tong-quan${q}`);
  await expect(page.locator("[data-rank]")).toHaveText(new RegExp(`^${place}/\\d+$`));
  expect(errors).toEqual([]);
});
