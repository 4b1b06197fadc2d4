/** A scratch database next to DATABASE_URL's for one benchmark, made empty and dropped after (even when the bench fails). */
import postgres from "postgres";

export async function scratchDatabase(
  databaseUrl: string,
  suffix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${new URL(databaseUrl).pathname.slice(1) || "postgres"}_${suffix}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      // The server's pool may take a moment to let go of its connections.
      await new Promise((r) => setTimeout(r, 500));
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
    },
  };
}
