/** Runs once when the server starts (Next.js), before it serves: the portal's own jobs, on the Node.js runtime only. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getDb } = await import("./lib/data/db");
    const { loadAuthSecret } = await import("./lib/auth/secret");
    const { startNightlyJobs } = await import("./lib/jobs/nightly");
    const { startAlertJobs } = await import("./lib/jobs/alerts");
    const { answerBackupRequests } = await import("./lib/jobs/backups");
    // The database's own session secret (lib/auth/secret.ts), before the first request.
    await loadAuthSecret((await getDb()).orm);
    startNightlyJobs();
    startAlertJobs();
    await answerBackupRequests().catch((e) =>
      console.error(`Sao lưu trực tuyến không sẵn sàng / Online backup unavailable: ${(e as Error).message}`),
    );
  }
}
