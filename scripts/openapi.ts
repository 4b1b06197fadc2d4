/**
 * Writes the OpenAPI document to a file, for Spectral (`npm run lint:api`) and other tools:
 * `tsx scripts/openapi.ts <file> [origin]`. The origin defaults to an https address, as a
 * deployed portal has; the document served at /api/v1/openapi.json names the caller's.
 */
import fs from "node:fs";
import path from "node:path";
import { openApiDocument } from "@/lib/api/openapi";

const [file = ".data/openapi.json", origin = "https://tthc.example.gov.vn"] = process.argv.slice(2);
fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
fs.writeFileSync(file, `${JSON.stringify(openApiDocument(origin, "production"), null, 2)}\n`);
console.log(`OpenAPI → ${file}`);
