/**
 * Where to go after sign-in: only a path of this portal. The value is parsed as a URL
 * against a placeholder origin, as a browser would resolve it; anything that resolves
 * elsewhere (`//host`, `/\host`, `https://host`, control characters) goes home instead.
 */
const BASE = "http://portal.invalid";

export function safeNext(raw: string | null | undefined, home = "/"): string {
  if (!raw || !raw.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(raw)) return home;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return home;
  }
  if (url.origin !== BASE) return home;
  return `${url.pathname}${url.search}${url.hash}`;
}
