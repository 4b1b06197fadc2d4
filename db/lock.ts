/**
 * One process owns an embedded (PGlite) database folder: two processes writing the same
 * folder corrupt it (seen: a server and `tthc --portal` together, then "Aborted()" on
 * every later open). The owner holds `<folder>.lock` with its pid; a second opener is
 * refused with the owner named; a lock whose process is gone (a crash, kill -9) is taken over.
 */
import fs from "node:fs";

export class DatabaseLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `Cơ sở dữ liệu nhúng ${dir} đang được tiến trình ${pid} sử dụng (có thể là cổng đang chạy). ` +
        "Hãy đọc số liệu qua cổng (API /api/v1/indicators hoặc giao diện), hoặc dừng tiến trình đó rồi chạy lại; " +
        "dùng --portal chỉ khi cổng không chạy. / " +
        `The embedded database ${dir} is in use by process ${pid} (probably the running portal). ` +
        "Read the portal's figures through its API (/api/v1/indicators) or pages, or stop that process and retry; " +
        "use --portal only when no portal runs.",
    );
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Takes the folder's lock or throws DatabaseLockedError; returns the release. */
export function lockFolder(dir: string): () => void {
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, "wx", 0o600); // atomic: exactly one creator wins
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        process.off("exit", release);
        try {
          if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.on("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number(fs.readFileSync(file, "utf8").trim());
      // Held by a live process (this one included: a second open here corrupts as well).
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) throw new DatabaseLockedError(dir, owner);
      fs.rmSync(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`Không lấy được khoá ${file} / Could not take the lock ${file}`);
}
