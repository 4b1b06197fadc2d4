/**
 * Every server action passes the guard pages and the API pass (issue: the second round of
 * defense). Found: a session that had to change its password (a published or reset one)
 * was refused by pages and the API, but its server actions ran — it minted a province-wide
 * token and made a new administrator. This test reads every "use server" module, requires
 * each export to be a `formAction` of a form spec, and proves each spec refuses a
 * must-change session and a role without its permission before its body is even parsed.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows } from "@/db";
import { MUST_CHANGE, runForm, type FormSpec } from "@/lib/actions";
import type { Caller } from "@/lib/data/scope";
import { can, ROLES, type Permission } from "@/lib/roles";
import type { z } from "zod";
import { withSmallProvince } from "../helpers/province";

const root = path.resolve(import.meta.dirname, "../..");
const province = withSmallProvince();

function serverModules(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return serverModules(rel);
    if (!/\.(ts|tsx)$/.test(e.name)) return [];
    return /^\s*["']use server["']/m.test(fs.readFileSync(path.join(root, rel), "utf8")) ? [rel] : [];
  });
}

/** Each exported action of a "use server" module, with the form spec it wraps. */
async function actions(): Promise<Array<{ file: string; action: string; spec: FormSpec<z.ZodType> }>> {
  const out = [];
  for (const file of [...serverModules("app"), ...serverModules("lib")]) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    const exports = [...text.matchAll(/^export\s+(?:const|async function|function|default)\s*(\w*)/gm)];
    const wrapped = [...text.matchAll(/^export const (\w+) = formAction\((\w+)\);$/gm)];
    // Nothing exported from a server module but guarded form actions.
    expect(
      exports.map((m) => m[1]),
      file,
    ).toEqual(wrapped.map((m) => m[1]));
    const forms = await import(path.join(root, path.dirname(file), "forms.ts"));
    for (const [, action, specName] of wrapped)
      out.push({ file, action, spec: forms[specName] as FormSpec<z.ZodType> });
  }
  return out;
}

describe("server actions (issue: the second round of defense)", () => {
  it("every exported action is a guarded form; a must-change session and a role without the permission are refused first", async () => {
    const list = await actions();
    expect(list.map((a) => a.action).sort()).toEqual([
      "calendarAction",
      "changePasswordAction",
      "createTokenAction",
      "createUserAction",
      "discardAction",
      "markReadAction",
      "resendAction",
      "resetPasswordAction",
      "revokeTokenAction",
      "saveSettingsAction",
      "updateUserAction",
    ]);
    const before = await rows<{ u: number; t: number }>(
      province.db.orm,
      sql`select (select count(*) from users)::int as u, (select count(*) from api_tokens)::int as t`,
    );
    for (const { action, spec } of list) {
      // A body that would succeed if it ran: it must not matter.
      const form = new FormData();
      for (const [k, v] of Object.entries({
        username: "ke.tan.cong",
        name: "X",
        role: "admin",
        unitCode: "T",
        password: "Mat-khau-cua-ke-tan-cong-1",
        id: "1",
        day: "2025-03-14",
        kind: "off",
      }))
        form.set(k, v);
      for (const role of ROLES) {
        const caller: Caller = { kind: "user", userId: 999, name: "x", role, unitCode: "T", mustChangePassword: true };
        const r = await runForm(spec, caller, form);
        if (spec.whileMustChange) expect(r.error, `${action} as ${role}`).not.toBe(MUST_CHANGE);
        else expect(r, `${action} as ${role} who must change the password`).toEqual({ error: MUST_CHANGE });
        if (spec.need !== "signed-in" && !can(role, spec.need as Permission)) {
          expect(await runForm(spec, { ...caller, mustChangePassword: false }, form), `${action} as ${role}`).toEqual({
            error: "Không có quyền thực hiện thao tác này.",
          });
        }
      }
      // Tokens and the public are never form senders.
      expect(await runForm(spec, { kind: "token", tokenId: 1, name: "t", unitCode: "T" }, form)).toEqual({
        error: "Không có quyền thực hiện thao tác này.",
      });
    }
    // Nothing was created by any refused call.
    expect(
      await rows(
        province.db.orm,
        sql`select (select count(*) from users)::int as u, (select count(*) from api_tokens)::int as t`,
      ),
    ).toEqual(before);
  });
});
