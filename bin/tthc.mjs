#!/usr/bin/env node
// `tthc`: runs lib/cli/tthc.ts through tsx, so the CLI and the portal share one engine.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

// A closed pipe (`tthc … | head`) ends the command quietly.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  else throw e;
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import(pathToFileURL(path.join(root, "lib/cli/tthc.ts")).href);
const code = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  now: new Date(),
});
process.exitCode = code;
