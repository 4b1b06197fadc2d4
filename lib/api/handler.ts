/**
 * The wrapper of every /api/v1 route: any failure becomes the error envelope, every
 * response states the caller's rate (RateLimit-Limit, -Remaining, -Reset: the IETF
 * draft's names, as the OpenAPI document says) and the one origin whose pages may read
 * it from a browser (this portal's own: the API grants no other site).
 * A request that names no caller counts against its client address, before its work for
 * an anonymous one and after it for a credential that was refused (a guessed token).
 */
import { callerKey, takeRate, withRateNote } from "./limits";
import { toErrorResponse } from "./errors";
import { hasCredentials } from "./caller";

export function handler<A extends unknown[]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    const req = args[0] as Request;
    return withRateNote(async (note) => {
      let res: Response;
      try {
        if (!hasCredentials(req)) takeRate("read", callerKey(req, null));
        res = await fn(...args);
      } catch (e) {
        res = toErrorResponse(e);
      }
      if (!note()) {
        try {
          takeRate("read", callerKey(req, null));
        } catch (e) {
          res = toErrorResponse(e);
        }
      }
      const n = note();
      if (n) {
        res.headers.set("RateLimit-Limit", String(n.limit));
        res.headers.set("RateLimit-Remaining", String(n.remaining));
        res.headers.set("RateLimit-Reset", String(n.reset));
      }
      res.headers.set("Access-Control-Allow-Origin", new URL(req.url).origin);
      res.headers.append("Vary", "Origin");
      return res;
    });
  };
}
