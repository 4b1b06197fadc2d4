/**
 * The OpenAPI document covers the API as built (issue: the API document is the contract):
 * every route file under app/api/v1 and each method it exports is an operation of the
 * document, every operation lists 429 (with Retry-After) and 500 with the error envelope,
 * and the error envelope requires `error`. The query schemas are the server's own.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";

const root = path.resolve(import.meta.dirname, "../..");
const api = path.join(root, "app/api/v1");

function routes(dir: string): Array<{ path: string; methods: string[] }> {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routes(full);
    if (e.name !== "route.ts") return [];
    const text = fs.readFileSync(full, "utf8");
    const methods = [...text.matchAll(/^export const (GET|POST|PUT|PATCH|DELETE)\b/gm)].map((m) => m[1].toLowerCase());
    const rel = path
      .relative(api, path.dirname(full))
      .split(path.sep)
      .map((s) => (s.startsWith("[") ? `{${s.slice(1, -1)}}` : s))
      .join("/");
    return [{ path: `/${rel}`, methods }];
  });
}

describe("the OpenAPI document (issue: the API document is the contract)", () => {
  const doc = openApiDocument("http://localhost") as unknown as {
    paths: Record<string, Record<string, { responses: Record<string, { headers?: object; content?: object }> }>>;
    components: { schemas: { Error: { required: string[] } } };
  };
  // The document names the path parameter of the explanation MaHoSo (DATA.md's word); the route's folder says code.
  const documented = (p: string) => doc.paths[p] ?? doc.paths[p.replace("{code}", "{MaHoSo}")];

  it("has an operation for every route file and method under app/api/v1", () => {
    const missing = routes(api).flatMap((r) =>
      r.methods.filter((m) => !documented(r.path)?.[m]).map((m) => `${m.toUpperCase()} ${r.path}`),
    );
    expect(missing).toEqual([]);
  });

  it("every operation documents 429 with Retry-After and 500, with the error envelope that requires `error`", () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        expect(op.responses["429"]?.headers, `${m} ${p}`).toHaveProperty("Retry-After");
        expect(op.responses["500"]?.content, `${m} ${p}`).toBeDefined();
      }
    }
    expect(doc.components.schemas.Error.required).toEqual(["error"]);
  });

  it("every response states the caller's rate (RateLimit-*) and the one origin allowed; every operation has an id and a tag", () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops) as Array<
        [string, { operationId?: string; tags?: string[]; responses: Record<string, { headers?: object }> }]
      >) {
        expect(op.operationId, `${m} ${p}`).toBeTruthy();
        expect(op.tags?.length, `${m} ${p}`).toBeGreaterThan(0);
        for (const [status, r] of Object.entries(op.responses)) {
          expect(Object.keys(r.headers ?? {}), `${m} ${p} ${status}`).toEqual(
            expect.arrayContaining([
              "RateLimit-Limit",
              "RateLimit-Remaining",
              "RateLimit-Reset",
              "Access-Control-Allow-Origin",
            ]),
          );
        }
      }
    }
  });
});
