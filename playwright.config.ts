import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests against the built app (`next build` first) on a fresh embedded
 * database seeded with a small demo province. Browsers cannot be downloaded here:
 * Debian's /usr/bin/chromium is driven directly.
 */
const PORT = 3100;
/** e2e's own folder: its database, logins and tokens never touch the developer's .data. */
export const E2E_DATA = ".data/e2e";
const DATA = E2E_DATA;

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: "chromium",
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `rm -rf ${DATA} && npx tsx scripts/seed.ts --dossiers 5000 && npx next start -p ${PORT}`,
    url: `http://localhost:${PORT}/login`,
    reuseExistingServer: false,
    timeout: 180_000,
    // No AUTH_SECRET: the portal uses its database's own secret, as `npm start` does (lib/auth/secret.ts).
    env: { PGLITE_DIR: `${DATA}/pglite`, DATABASE_URL: "", AUTH_SECRET: "", NEXTAUTH_SECRET: "" },
  },
});
