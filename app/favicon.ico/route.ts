/** Browsers still ask for /favicon.ico on some navigations: the portal's icon is the SVG one. */
import { NextResponse } from "next/server";

export function GET(req: Request) {
  return NextResponse.redirect(new URL("/icon.svg", req.url), {
    status: 308,
    headers: { "cache-control": "public, max-age=86400" },
  });
}
