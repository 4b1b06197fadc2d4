/** GET /api/v1/events — server-sent events: `changed` whenever data is written. Signed-in users and tokens only. */
import { requireCaller } from "@/lib/api/caller";
import { handler } from "@/lib/api/handler";
import { getDb } from "@/lib/data/db";
import { onDataChanged } from "@/lib/live/events";
import { callerKey, openStream } from "@/lib/api/limits";

export const dynamic = "force-dynamic";

export const GET = handler(async (req: Request) => {
  const caller = await requireCaller((await getDb()).orm, req);
  const key = callerKey(req, caller);
  // At most MAX_STREAMS open per caller; the place is given back when the stream ends.
  const release = openStream(key);
  const encoder = new TextEncoder();
  let cleanup = release;
  const stream = new ReadableStream({
    start(controller) {
      const send = (event: string, data: string) =>
        controller.enqueue(encoder.encode(`event: ${event}\ndata: ${data}\n\n`));
      send("ready", String(Date.now()));
      const off = onDataChanged((at) => send("changed", String(at)));
      // A comment every 25 s keeps proxies from closing the connection.
      const ping = setInterval(() => controller.enqueue(encoder.encode(": ping\n\n")), 25_000);
      cleanup = () => {
        off();
        clearInterval(ping);
        release();
      };
      req.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
    },
  });
});
