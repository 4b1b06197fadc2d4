/**
 * Every signed-in page is known to the proxy, which sends a visitor to sign in and then
 * back to the page asked for (callbackUrl). A page folder missing from its list would
 * still be refused by the layout, but the visitor would land on the sign-in page without
 * the way back — as /chi-so-766 did.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("proxy.ts: the signed-in pages", () => {
  it("lists every folder of app/(portal)", () => {
    const text = fs.readFileSync(path.join(root, "proxy.ts"), "utf8");
    const list = /const PROTECTED = \[([^\]]*)\]/.exec(text)![1];
    const listed = [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    const pages = fs
      .readdirSync(path.join(root, "app/(portal)"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `/${e.name}`);
    expect([...listed].sort()).toEqual([...pages].sort());
  });
});
