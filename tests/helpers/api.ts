/**
 * Calls route handlers directly, as a client would over HTTP, with a token or a user
 * session. Every /api/v1 response is held to the OpenAPI document (tests/helpers/contract.ts):
 * a response the document does not describe fails the test that received it.
 */
import { encode } from "next-auth/jwt";
import { sql } from "drizzle-orm";
import { rows } from "@/db";
import { authSecret } from "@/lib/auth/secret";
import { getDb } from "@/lib/data/db";
import { contractProblems } from "./contract";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  token?: string;
  userId?: number;
  body?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  /** A stream (server-sent events): read its first chunk, then hang up. */
  stream?: boolean;
}

export async function call(handler: unknown, url: string, o: CallOptions = {}) {
  const headers = new Headers(o.headers);
  if (o.token) headers.set("authorization", `Bearer ${o.token}`);
  if (o.userId !== undefined) {
    headers.set("cookie", `next-auth.session-token=${await sessionCookie(o.userId)}`);
    // A browser on the portal's own pages sends its origin with every write.
    if (!headers.has("origin")) headers.set("origin", "http://localhost");
  }
  let body: BodyInit | undefined = o.rawBody;
  if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers.set("content-type", "application/json");
  }
  // A stream body (a chunked upload) needs duplex, as in a browser's fetch.
  const req = new Request(`http://localhost${url}`, {
    method: o.method ?? (body ? "POST" : "GET"),
    headers,
    body,
    duplex: "half",
  } as RequestInit);
  const res = await (handler as Handler)(req, { params: Promise.resolve(o.params ?? {}) });
  const text = o.stream && res.ok ? await firstChunk(res) : await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  const problems = contractProblems(req.method, url, res.status, res.headers, json);
  if (problems.length) throw new Error(`The response breaks the OpenAPI document:\n${problems.join("\n")}`);
  return { status: res.status, json: json as any, headers: res.headers }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function firstChunk(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return new TextDecoder().decode(value);
}

/** A session as a sign-in now would sign it: with the user's current session version. */
export async function sessionCookie(uid: number) {
  const { orm } = await getDb();
  const [u] = await rows<{ sv: number }>(orm, sql`select session_version as sv from users where id = ${uid}`);
  return encode({ token: { uid, sub: String(uid), sv: u?.sv ?? 0 }, secret: authSecret() });
}
