/** Runs once when the server starts (Next.js), before it serves: the portal's own jobs, on the Node.js runtime only. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getDb } = await import("./lib/data/db");
    const { loadAuthSecret } = await import("./lib/auth/secret");
    const { startNightlyJobs } = await import("./lib/jobs/nightly");
    const { startAlertJobs } = await import("./lib/jobs/alerts");
    const { answerBackupRequests } = await import("./lib/jobs/backups");
    const { warmUp } = await import("./lib/engine/warm-up");
    const db = await getDb();
    // The database's own session secret (lib/auth/secret.ts), before the first request.
    await loadAuthSecret(db.orm);
    // The embedded engine's cold start, paid here rather than by the first visitor.
    await warmUp(db).catch((e) =>
      console.error(`Khởi động cơ sở dữ liệu chưa xong / Database warm-up failed: ${(e as Error).message}`),
    );
    startNightlyJobs();
    startAlertJobs();
    await answerBackupRequests().catch((e) =>
      console.error(`Sao lưu trực tuyến không sẵn sàng / Online backup unavailable: ${(e as Error).message}`),
    );
  }
}
