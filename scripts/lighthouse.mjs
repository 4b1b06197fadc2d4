// Lighthouse (performance, accessibility; desktop and mobile presets) on the pages of
// issue #23 against a running portal: `node scripts/lighthouse.mjs [baseUrl] [username] [password]`.
// Defaults: http://localhost:3000, the demo's `admin`, the password in .data/demo-users.json.
// Lighthouse comes from the npm registry at run time (`npx lighthouse@12`); Chromium is Debian's.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [base = "http://localhost:3000", username = "admin", given] = process.argv.slice(2);
const password =
  given ?? JSON.parse(fs.readFileSync(".data/demo-users.json", "utf8")).find((u) => u.username === username)?.password;
const PAGES = ["/", "/tong-quan", "/xep-hang", "/chi-so-766"];

// A session cookie, as the login form gets it.
const csrfRes = await fetch(`${base}/api/auth/csrf`);
const jar = (csrfRes.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]);
const { csrfToken } = await csrfRes.json();
const login = await fetch(`${base}/api/auth/callback/credentials`, {
  method: "POST",
  redirect: "manual",
  headers: { "content-type": "application/x-www-form-urlencoded", origin: base, cookie: jar.join("; ") },
  body: new URLSearchParams({ csrfToken, username, password }),
});
const session = (login.headers.getSetCookie?.() ?? [])
  .map((c) => c.split(";")[0])
  .find((c) => c.includes("session-token"));
if (!session) throw new Error("Không đăng nhập được / sign-in failed");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lighthouse-"));
const headers = path.join(dir, "headers.json");
fs.writeFileSync(headers, JSON.stringify({ Cookie: session }));
console.log("page\tpreset\tperformance\taccessibility\tCLS\tTBT ms\tLCP ms");
for (const page of PAGES) {
  for (const preset of ["desktop", "mobile"]) {
    const out = path.join(dir, "report.json");
    execFileSync(
      "npx",
      [
        "--yes",
        "lighthouse@12",
        `${base}${page}`,
        ...(preset === "desktop" ? ["--preset=desktop"] : []),
        `--extra-headers=${headers}`,
        "--only-categories=performance,accessibility",
        "--chrome-path=/usr/bin/chromium",
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
        "--output=json",
        `--output-path=${out}`,
        "--quiet",
      ],
      { stdio: "inherit" },
    );
    const r = JSON.parse(fs.readFileSync(out, "utf8"));
    const a = (id) => r.audits[id].numericValue;
    console.log(
      [
        page,
        preset,
        Math.round(r.categories.performance.score * 100),
        Math.round(r.categories.accessibility.score * 100),
        a("cumulative-layout-shift").toFixed(3),
        Math.round(a("total-blocking-time")),
        Math.round(a("largest-contentful-paint")),
      ].join("\t"),
    );
  }
}
