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

describe("METHOD-766's indicator table is the registry's (docs/766.md)", () => {
  it("equals what scripts/indicator-table.ts generates from COUNTED_BY and DOSSIER_RULES_766 (`npm run docs`)", async () => {
    const { withTable } = await import("../scripts/indicator-table");
    const doc = fs.readFileSync(path.join(root, "docs/766.md"), "utf8");
    expect(doc).toBe(withTable(doc));
  });
});

describe("the 'where it lives' tables name code that exists", () => {
  // A table that cites a renamed file or function misleads the next reader: each file and
  // each function or constant a table row names in backticks must be found in the tree.
  const TABLES = ["docs/method/README.md", "docs/766.md", "docs/steps.md"];
  const sources = (dir: string): string[] =>
    fs
      .readdirSync(path.join(root, dir), { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory()
          ? e.name === "node_modules" || e.name.startsWith(".")
            ? []
            : sources(path.join(dir, e.name))
          : /\.(ts|tsx|sql|spec\.ts)$/.test(e.name)
            ? [path.join(dir, e.name)]
            : [],
      );
  const tree = ["app", "lib", "db", "scripts", "tests", "e2e", "bench"].flatMap(sources);
  const text = tree.map((f) => fs.readFileSync(path.join(root, f), "utf8")).join("\n");
  it.each(TABLES)("%s", (doc) => {
    const cells = fs
      .readFileSync(path.join(root, doc), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("|"))
      .flatMap((l) => [...l.matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    const files = cells.flatMap((c) => c.split(/[ ,+]+/)).filter((c) => /^[\w./-]+\.(ts|tsx)$/.test(c));
    const names = cells.filter((c) => /^[a-z]+[A-Z]\w*$|^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(c));
    expect(files.length + names.length).toBeGreaterThan(5);
    const missingFiles = files.filter((f) => !tree.some((t) => t === f || t.endsWith(`${path.sep}${f}`)));
    const missingNames = names.filter((n) => !new RegExp(`\\b${n}\\b`).test(text));
    expect({ missingFiles, missingNames }).toEqual({ missingFiles: [], missingNames: [] });
  });
});
