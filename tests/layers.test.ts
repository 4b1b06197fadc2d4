/**
 * The layers of the README hold in the source itself: db/ knows no rule of the portal,
 * the folders of lib/ import each other without a cycle, lib/data is the scoped data
 * layer (server-only, the only way pages, routes and actions reach the database), and
 * every scoped query goes through the one scope predicate.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const SOURCE = /\.(ts|tsx|mjs)$/;

function files(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : files(rel);
    return SOURCE.test(e.name) ? [rel] : [];
  });
}

interface Import {
  spec: string;
  typeOnly: boolean;
  target: string | null;
}

/** The project files a module imports (type-only imports marked), resolved to paths from the root. */
function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const found: Import[] = [];
  const re =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of text.matchAll(re)) {
    const spec = m[3] ?? m[4];
    const typeOnly = Boolean(m[2]);
    let target: string | null = null;
    if (spec.startsWith("@/")) target = spec.slice(2);
    else if (spec.startsWith(".")) target = path.normalize(path.join(path.dirname(file), spec));
    found.push({ spec, typeOnly, target });
  }
  return found;
}

/** lib/engine/x.ts → "lib/engine"; lib/env.ts → "lib/env"; db/schema → "db". */
function layerOf(p: string): string {
  const parts = p.replace(SOURCE, "").split(path.sep).join("/").split("/");
  if (parts[0] !== "lib") return parts[0];
  return `lib/${parts[1]}`;
}

const all = ["db", "lib", "app", "scripts", "bench"].flatMap(files);
const graph = new Map(all.map((f) => [f, importsOf(f)]));

describe("layers (README: Layout)", () => {
  it("db/ imports nothing from lib/ or app/", () => {
    const bad = all
      .filter((f) => f.startsWith("db/"))
      .flatMap((f) =>
        graph
          .get(f)!
          .filter((i) => i.target && !i.target.startsWith("db"))
          .map((i) => `${f} → ${i.spec}`),
      );
    expect(bad).toEqual([]);
  });

  it("the folders of lib/ form no cycle", () => {
    const edges = new Map<string, Set<string>>();
    for (const f of all.filter((x) => x.startsWith("lib/"))) {
      for (const i of graph.get(f)!) {
        if (!i.target?.startsWith("lib/")) continue;
        const [a, b] = [layerOf(f), layerOf(i.target)];
        if (a !== b) (edges.get(a) ?? edges.set(a, new Set()).get(a)!).add(b);
      }
    }
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (n: string, trail: string[]) => {
      if (state.get(n) === "done") return;
      if (state.get(n) === "open") return void cycles.push([...trail.slice(trail.indexOf(n)), n].join(" → "));
      state.set(n, "open");
      for (const m of edges.get(n) ?? []) visit(m, [...trail, n]);
      state.set(n, "done");
    };
    for (const n of edges.keys()) visit(n, []);
    expect(cycles).toEqual([]);
  });

  it("every lib/data module is server-only", () => {
    const missing = all.filter(
      (f) => f.startsWith("lib/data/") && !fs.readFileSync(path.join(root, f), "utf8").includes('import "server-only"'),
    );
    expect(missing).toEqual([]);
  });

  it("pages, routes and actions reach the database only through lib/data", () => {
    const bad = all
      .filter((f) => f.startsWith("app/"))
      .flatMap((f) =>
        graph
          .get(f)!
          .filter(
            (i) =>
              !i.typeOnly &&
              i.target &&
              /^(db|lib\/engine|lib\/store)(\/|$)/.test(i.target) &&
              i.target !== "db/schema",
          )
          .map((i) => `${f} → ${i.spec}`),
      );
    expect(bad).toEqual([]);
  });

  it("what runs outside Next (CLI, scripts, benchmarks, seed) never imports the server-only data layer", () => {
    const outside = [...all.filter((f) => /^(scripts|bench)\//.test(f)), "lib/cli/tthc.ts"];
    const seen = new Set<string>();
    const bad: string[] = [];
    const walk = (f: string, via: string[]) => {
      if (seen.has(f)) return;
      seen.add(f);
      for (const i of graph.get(f) ?? []) {
        if (i.typeOnly || !i.target) continue;
        const target = all.find(
          (x) =>
            x.replace(SOURCE, "") === i.target!.replace(SOURCE, "") || x.replace(SOURCE, "") === `${i.target}/index`,
        );
        if (!target) continue;
        if (target.startsWith("lib/data/")) bad.push([...via, f, target].join(" → "));
        else walk(target, [...via, f]);
      }
    };
    for (const f of outside) walk(f, []);
    expect(bad).toEqual([]);
  });

  it("every scoped query goes through the one scope predicate (inScope / subtree)", () => {
    const offenders = all
      .filter((f) => f !== path.join("lib", "engine", "sql-util.ts"))
      .filter((f) => /ancestor_code\s*=\s*\$\{/.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("lists of values reach SQL through textList, not inline jsonb_array_elements_text", () => {
    const offenders = all
      .filter((f) => f !== path.join("lib", "engine", "sql-util.ts"))
      .filter((f) => fs.readFileSync(path.join(root, f), "utf8").includes("jsonb_array_elements_text"));
    expect(offenders).toEqual([]);
  });

  it("lib/method names verdicts, not their colours: no hex colour or Tailwind class there (lib/ui/colors.ts)", () => {
    const offenders = all
      .filter((f) => f.startsWith(path.join("lib", "method")))
      .filter((f) =>
        /#[0-9a-fA-F]{6}\b|"(bg|text|border)-[a-z]+-\d{2,3}\b/.test(fs.readFileSync(path.join(root, f), "utf8")),
      );
    expect(offenders).toEqual([]);
  });

  it("status codes reach SQL through STATUS (statusSql), never as numbers in a statement", () => {
    const offenders = all
      .filter((f) => /^lib\/(engine|data|store)\//.test(f.split(path.sep).join("/")))
      .filter((f) => /status\s*(<>|=|in)\s*\(?\d/.test(fs.readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
