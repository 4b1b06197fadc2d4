/** GET /api/v1/openapi.json — the OpenAPI 3.1 document. */
import { NextResponse } from "next/server";
import { handler } from "@/lib/api/handler";
import { openApiDocument } from "@/lib/api/openapi";

export const GET = handler(async (req: Request) => NextResponse.json(openApiDocument(new URL(req.url).origin)));
