/** Runs once when the server starts (Next.js): the portal's own scheduled jobs, on the Node.js runtime only. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startNightlyJobs } = await import("./lib/jobs/nightly");
    startNightlyJobs();
  }
}
