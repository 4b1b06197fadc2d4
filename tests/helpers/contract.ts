/**
 * The OpenAPI document as a test oracle (issue: the API document is the contract). Every
 * /api/v1 response the suite receives through `call` (tests/helpers/api.ts) is held to it:
 * its status is one the operation documents, its content type is the documented one, its
 * body validates against the documented schema (Ajv, JSON Schema 2020-12, with formats),
 * and it carries the headers every response documents (RateLimit-*, the allowed origin;
 * Retry-After on 429). A mismatch fails the test that made the request.
 */
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { openApiDocument } from "@/lib/api/openapi";

type Doc = ReturnType<typeof openApiDocument>;
export interface Operation {
  path: string;
  method: string;
  op: {
    operationId: string;
    parameters?: Array<{ name: string; in: string; required?: boolean; schema: Record<string, unknown> }>;
    requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
    responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema: unknown }> }>;
  };
}

export const doc: Doc = openApiDocument("http://localhost");
export const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addFormat("binary", true);
ajv.addSchema(doc as unknown as object, "openapi");

export const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops as Record<string, Operation["op"]>).map(([method, op]) => ({
    path,
    method: method.toUpperCase(),
    op,
  })),
);

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
const validators = new Map<string, ValidateFunction>();
/** A validator for the schema at this JSON pointer of the document (its $refs resolve in the document). */
export function validatorAt(...parts: string[]): ValidateFunction {
  const at = `openapi#/${pointer(...parts)}`;
  let v = validators.get(at);
  if (!v) {
    v = ajv.compile({ $ref: at });
    validators.set(at, v);
  }
  return v;
}

/** The operation a request path and method name, or undefined (a path the document does not have). */
export function operationOf(method: string, pathname: string): Operation | undefined {
  const rel = pathname.replace(/^\/api\/v1/, "");
  return operations.find(
    (o) => o.method === method && new RegExp(`^${o.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(rel),
  );
}

/** What the suite has checked, for the contract test's closing counts. */
export const tally = { responses: 0, serverErrors: 0, undocumented: 0, mismatches: 0 };

/** Everything wrong with one response against the document, as lines (empty: it conforms). */
export function contractProblems(
  method: string,
  url: string,
  status: number,
  headers: Headers,
  body: unknown,
): string[] {
  const { pathname } = new URL(url, "http://localhost");
  if (!pathname.startsWith("/api/v1/")) return [];
  tally.responses++;
  if (status >= 500) tally.serverErrors++;
  const o = operationOf(method, pathname);
  if (!o) return [`${method} ${pathname}: no such operation in the document`];
  const response = o.op.responses[String(status)];
  if (!response) {
    tally.undocumented++;
    return [`${method} ${pathname} → ${status}: status not documented (${Object.keys(o.op.responses).join(", ")})`];
  }
  const problems: string[] = [];
  for (const h of Object.keys(response.headers ?? {})) {
    if (!headers.has(h)) problems.push(`${method} ${pathname} → ${status}: header ${h} missing`);
  }
  const type = (headers.get("content-type") ?? "").split(";")[0].trim();
  if (response.content) {
    if (!response.content[type])
      problems.push(`${method} ${pathname} → ${status}: content type "${type}" not documented`);
    else if (type === "application/json") {
      const validate = validatorAt(
        "paths",
        o.path,
        o.method.toLowerCase(),
        "responses",
        String(status),
        "content",
        type,
        "schema",
      );
      if (!validate(body))
        problems.push(`${method} ${pathname} → ${status}: ${ajv.errorsText(validate.errors, { separator: "; " })}`);
    }
  } else if (type) {
    problems.push(`${method} ${pathname} → ${status}: a body ("${type}") where none is documented`);
  }
  if (problems.length) tally.mismatches++;
  return problems;
}
