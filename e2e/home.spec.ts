import { demoUsers, expect, signIn, test } from "./fixtures";

test("the home page shows the demo province's indicators in Vietnamese", async ({ page, errors }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("UBND tỉnh Thái Nguyên");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  for (const title of [
    "Tỷ lệ hồ sơ đúng hạn",
    "Thanh toán trực tuyến qua Cổng DVCQG",
    "Phản ánh, kiến nghị",
    "Tỷ lệ hồ sơ đồng bộ",
  ]) {
    await expect(page.locator("[data-indicator]").getByText(title)).toBeVisible();
  }
  // The public scorecard: departments and communes ranked with their bands, and the trend; no dossier data.
  await expect(page.locator("[data-public-ranking]")).toHaveCount(2);
  await expect(page.locator("[data-public-ranking='Xã, phường'] li").first()).toContainText(
    /Xanh|Vàng|Cam|Đỏ|Không có hồ sơ/,
  );
  await expect(page.locator("[data-trend]")).toBeVisible();
  await expect(page.locator("a[href^='/ho-so']")).toHaveCount(0);
  // The same for every anonymous visitor: cacheable for a minute.
  expect((await page.request.get("/", { headers: { cookie: "" } })).headers()["cache-control"]).toContain("public");
  // vi-VN: a decimal comma and a percent sign; the band is named in words.
  await expect(page.locator("[data-indicator=A] [data-rate]")).toHaveText(/^\d{1,3},\d{2}\s%$/);
  await expect(page.locator("[data-indicator=A] [data-band]")).toHaveText(/^(Xanh|Vàng|Cam|Đỏ)$/);
  await page.screenshot({ path: "test-results/home-1280.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/home-390.png", fullPage: true });
  expect(errors).toEqual([]);
});

test("the login page is in Vietnamese and refuses a wrong password", async ({ page, errors }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
  await page.getByLabel("Tên đăng nhập hoặc email").fill("admin");
  await page.getByLabel("Mật khẩu").fill("sai-mat-khau");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByText("Tên đăng nhập hoặc mật khẩu không đúng")).toBeVisible();
  // The refused credentials answer 401, which the browser logs; that one is expected.
  expect(errors.every((e) => e.includes("401"))).toBe(true);
  errors.length = 0;
});

test("a demo user signs in and sees their name", async ({ page, errors }) => {
  await signIn(page, "admin");
  await expect(page.getByText("Quản trị Trung tâm PVHCC")).toBeVisible();
  expect(errors).toEqual([]);
});

test("pages carry the security headers, and sign-in never leaves the portal", async ({ page, request, errors }) => {
  const res = await request.get("/login");
  const h = res.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-powered-by"]).toBeUndefined();
  // A callback that a browser would resolve to another host (/\evil.example/) lands on the portal's home.
  await page.goto("/login?callbackUrl=/%5Cevil.example/");
  const user = demoUsers().find((u) => u.username === "lanhdao")!;
  await page.getByLabel("Tên đăng nhập hoặc email").fill(user.username);
  await page.getByLabel("Mật khẩu").fill(user.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(res.url()).host);
  expect(errors).toEqual([]);
});

test("a path that does not decode is 404, never a plain 500 (API envelope for /api)", async ({ request }) => {
  for (const url of [
    "/api/v1/dossiers/%/explain",
    "/api/v1/dossiers/%FF%FE/explain",
    "/api/v1/tokens/%",
    "/api/v1/import/%",
    "/api/v1/quarantine/%/resend",
  ]) {
    const r = url.endsWith("resend") ? await request.post(url, { data: {} }) : await request.get(url);
    expect(r.status(), url).toBe(404);
    expect((await r.json()).error.code, url).toBe("not_found");
  }
  expect((await request.get("/ho-so/%")).status()).toBe(404);
});
