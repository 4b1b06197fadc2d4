/**
 * The methodology is in the repository (issue: the project stands on its own): docs/method
 * holds the project's copy of METHOD.md, METHOD-766.md, METHOD-STEPS.md and DATA.md, and
 * when the shared originals are checked out beside the project they must be the same bytes
 * (a change of the law lands with the code that implements it). Nothing cites a file
 * outside the repository.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const shared = path.resolve(root, "../shared");
const DOCS = ["METHOD.md", "METHOD-766.md", "METHOD-STEPS.md", "DATA.md"];

describe("the methodology in the repository", () => {
  it("docs/method holds every document", () => {
    for (const f of DOCS) expect(fs.existsSync(path.join(root, "docs/method", f)), f).toBe(true);
  });

  it.skipIf(!fs.existsSync(shared))("equals the shared originals beside the project", () => {
    for (const f of DOCS)
      expect(fs.readFileSync(path.join(root, "docs/method", f), "utf8"), f).toBe(
        fs.readFileSync(path.join(shared, f), "utf8"),
      );
  });

  it("no source file or document cites DEVELOPERS.md or ../shared", () => {
    const files = (dir: string): string[] =>
      fs
        .readdirSync(path.join(root, dir), { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory()
            ? files(path.join(dir, e.name))
            : /\.(ts|tsx|mjs|md)$/.test(e.name)
              ? [path.join(dir, e.name)]
              : [],
        );
    const cited = ["app", "lib", "db", "scripts", "bench", "docs", "e2e", "tests"]
      .flatMap(files)
      .concat(["README.md"])
      .filter((f) => f !== path.join("tests", "docs.test.ts") && !f.startsWith(path.join("docs", "method")))
      .filter((f) => /DEVELOPERS\.md|\.\.\/shared/.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(cited).toEqual([]);
  });
});
