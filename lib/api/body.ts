/**
 * Request bodies read with a hard byte limit that holds for chunked uploads too (no
 * Content-Length to trust): the stream is cancelled as soon as the limit is passed, so
 * an oversized body never sits in memory.
 */
import { ApiError } from "./errors";

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export async function readBody(
  req: Request,
  limit: number,
  why?: { vi: string; en: string },
): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () =>
    new ApiError(
      "payload_too_large",
      `Dữ liệu gửi quá lớn (tối đa ${mb(limit)})${why ? `: ${why.vi}` : ""}`,
      `Payload too large (max ${mb(limit)})${why ? `: ${why.en}` : ""}`,
    );
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > limit) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The bytes as UTF-8 text; bytes that are not UTF-8 are refused, never stored garbled. */
export function utf8(bytes: Uint8Array, what: { vi: string; en: string }): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError("unprocessable", `${what.vi} không phải UTF-8`, `${what.en} is not UTF-8`);
  }
}
