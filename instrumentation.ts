/** Runs once when the server starts (Next.js): the portal's own jobs, on the Node.js runtime only. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startNightlyJobs } = await import("./lib/jobs/nightly");
    const { answerBackupRequests } = await import("./lib/jobs/backups");
    startNightlyJobs();
    await answerBackupRequests().catch((e) => console.error(`Sao lưu trực tuyến không sẵn sàng / Online backup unavailable: ${(e as Error).message}`));
  }
}
