/**
 * Backups a provincial centre can run itself (`npm run db:backup`, `npm run db:restore`).
 * - PostgreSQL: pg_dump's custom format, restored by pg_restore in one transaction; the
 *   server keeps running during a backup (pg_dump reads one snapshot).
 * - The embedded database (PGlite): a tarball of its data folder, taken between
 *   transactions. When the portal holds the folder (db/lock.ts), the backup is asked of
 *   it: the request is written beside the folder and the owner is sent SIGUSR2 (only
 *   someone who may signal the portal's process — its OS user — can ask), and the
 *   portal writes the tarball (serveBackupRequests). A restore needs the folder free:
 *   the folder in place is kept beside it, renamed, never deleted.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { Database } from "./index";

const run = promisify(execFile);

export class BackupError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(`${vi} / ${en}`);
  }
}

/** pg_dump / pg_restore, with a clear error when the client tools are missing. */
async function pgTool(tool: "pg_dump" | "pg_restore", args: string[]): Promise<void> {
  try {
    await run(tool, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const x = e as NodeJS.ErrnoException & { stderr?: string };
    if (x.code === "ENOENT") {
      throw new BackupError(
        `Không tìm thấy ${tool}: cài gói postgresql-client cùng phiên bản máy chủ`,
        `${tool} not found: install postgresql-client matching the server`,
      );
    }
    throw new BackupError(
      `${tool} thất bại: ${x.stderr?.trim() || x.message}`,
      `${tool} failed: ${x.stderr?.trim() || x.message}`,
    );
  }
}

/** Writes `out` whole or not at all (a crash leaves no half file under the backup's name). */
function writeAtomically(out: string, data: Buffer): void {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const part = `${out}.part`;
  fs.writeFileSync(part, data, { mode: 0o600 });
  fs.renameSync(part, out);
}

export async function backupPostgres(url: string, out: string): Promise<void> {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await pgTool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${out}.part`, url]);
  fs.chmodSync(`${out}.part`, 0o600);
  fs.renameSync(`${out}.part`, out);
}

/**
 * Replaces the database's contents by the backup's, in one transaction (a failure leaves
 * the database as it was). The caller has checked that the portal is stopped.
 */
export async function restorePostgres(url: string, file: string): Promise<void> {
  await pgTool("pg_restore", [
    "--clean",
    "--if-exists",
    "--no-owner",
    "--no-privileges",
    "--single-transaction",
    "--exit-on-error",
    `--dbname=${url}`,
    file,
  ]);
}

/** A backup of an open embedded database, by this process. */
export async function backupOpenPglite(db: Database, out: string): Promise<void> {
  if (!db.dump) throw new Error("not an embedded database");
  writeAtomically(out, Buffer.from(await (await db.dump()).arrayBuffer()));
}

const requestFile = (dir: string) => `${path.resolve(dir)}.backup-request.json`;
const responseFile = (dir: string) => `${path.resolve(dir)}.backup-response.json`;

/** In the process that owns the folder (the portal): answers backup requests sent by SIGUSR2. */
export function serveBackupRequests(db: Database, dir: string): void {
  if (!db.dump || process.platform === "win32") return;
  process.on("SIGUSR2", () => {
    void (async () => {
      let request: { id: string; out: string } | null = null;
      try {
        request = JSON.parse(fs.readFileSync(requestFile(dir), "utf8"));
        await backupOpenPglite(db, request!.out);
        fs.writeFileSync(
          responseFile(dir),
          JSON.stringify({ id: request!.id, ok: true, bytes: fs.statSync(request!.out).size }),
          { mode: 0o600 },
        );
      } catch (e) {
        fs.writeFileSync(
          responseFile(dir),
          JSON.stringify({ id: request?.id ?? null, ok: false, error: (e as Error).message }),
          { mode: 0o600 },
        );
      }
    })();
  });
}

/** From another process: asks the folder's owner (pid) for a backup to `out` and waits for it. */
export async function requestPgliteBackup(
  dir: string,
  owner: number,
  out: string,
  timeoutMs = 10 * 60_000,
): Promise<void> {
  const id = `${process.pid}-${Date.now()}`;
  fs.rmSync(responseFile(dir), { force: true });
  fs.writeFileSync(requestFile(dir), JSON.stringify({ id, out: path.resolve(out) }), { mode: 0o600 });
  process.kill(owner, "SIGUSR2");
  const until = Date.now() + timeoutMs;
  try {
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      let answer: { id: string; ok: boolean; error?: string } | null = null;
      try {
        answer = JSON.parse(fs.readFileSync(responseFile(dir), "utf8"));
      } catch {
        continue; // not written yet
      }
      if (answer?.id !== id) continue;
      if (!answer.ok)
        throw new BackupError(
          `Cổng không sao lưu được: ${answer.error}`,
          `The portal could not back up: ${answer.error}`,
        );
      return;
    }
    throw new BackupError(
      `Tiến trình ${owner} giữ cơ sở dữ liệu nhưng không trả lời yêu cầu sao lưu (cổng phiên bản cũ?); dừng cổng rồi chạy lại`,
      `Process ${owner} holds the database but did not answer the backup request (an older portal?); stop it and retry`,
    );
  } finally {
    fs.rmSync(requestFile(dir), { force: true });
    fs.rmSync(responseFile(dir), { force: true });
  }
}

/**
 * Puts a backup in place of the folder `dir` (which nobody holds): the folder in place is
 * renamed `<dir>.truoc-khoi-phuc-<time>` and kept; the new one is made from the tarball.
 * Returns where the old folder went (null when there was none).
 */
export async function restorePglite(
  dir: string,
  file: string,
  open: (blob: Blob) => Promise<Database>,
): Promise<string | null> {
  const abs = path.resolve(dir);
  let kept: string | null = null;
  if (fs.existsSync(abs) && fs.readdirSync(abs).length) {
    kept = `${abs}.truoc-khoi-phuc-${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
    fs.renameSync(abs, kept);
  }
  try {
    const db = await open(new Blob([fs.readFileSync(file)]));
    await db.close();
  } catch (e) {
    // Nothing half-restored under the portal's name: the old folder goes back.
    fs.rmSync(abs, { recursive: true, force: true });
    if (kept) fs.renameSync(kept, abs);
    throw e;
  }
  return kept;
}
