/**
 * One process owns an embedded database folder (issue: a server and `tthc --portal` on
 * the same .data/pglite corrupted it). A second opener, in this process or another, is
 * refused with the owner's pid and what to do instead; a crashed owner's lock is taken over.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { DatabaseLockedError } from "@/db/lock";

const fresh = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tthc-lock-")), "pglite");
const root = path.resolve(import.meta.dirname, "../..");

describe("one process per embedded database", () => {
  it("refuses a second opener in the same process until the first closes", async () => {
    const dir = fresh();
    const first = await openDatabase({ dataDir: dir, skipMigrations: true });
    const second = openDatabase({ dataDir: dir, skipMigrations: true });
    await expect(second).rejects.toBeInstanceOf(DatabaseLockedError);
    await expect(second).rejects.toThrow(`tiến trình ${process.pid}`);
    await expect(second).rejects.toThrow("/api/v1/indicators");
    await first.close();
    const again = await openDatabase({ dataDir: dir, skipMigrations: true });
    await again.close();
    expect(fs.existsSync(`${path.resolve(dir)}.lock`)).toBe(false);
  });

  it("refuses while another process holds it, and takes over after that process is killed", async () => {
    const dir = fresh();
    // One node process (tsx as a loader, not as a wrapper), so its pid is the owner's.
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "tests/helpers/hold-db.ts"), dir], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (b: Buffer) => b.toString().includes("ready") && resolve());
      child.on("exit", (c) => reject(new Error(`holder exited ${c}`)));
    });
    await expect(openDatabase({ dataDir: dir, skipMigrations: true })).rejects.toThrow(`tiến trình ${child.pid}`);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const db = await openDatabase({ dataDir: dir, skipMigrations: true });
    await db.close();
  });

  it("takes over a lock left by a process that no longer exists", async () => {
    const dir = fresh();
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    fs.writeFileSync(`${path.resolve(dir)}.lock`, gone);
    const db = await openDatabase({ dataDir: dir, skipMigrations: true });
    expect(fs.readFileSync(`${path.resolve(dir)}.lock`, "utf8")).toBe(String(process.pid));
    await db.close();
  });
});
