// `npm start` on a fresh clone: build once if there is no build, then load the demo
// province into the embedded database when it is empty.
import { execSync } from "node:child_process";
import fs from "node:fs";

const run = (cmd) => execSync(cmd, { stdio: "inherit" });
if (!fs.existsSync(".next/BUILD_ID")) {
  console.log("Chưa có bản build — đang build (lần đầu mất khoảng 1 phút)…");
  run("npx next build");
}
run("npx tsx scripts/seed.ts --if-empty");
