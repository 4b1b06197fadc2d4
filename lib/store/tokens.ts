/**
 * API tokens as stored: only a SHA-256 hash is kept, the token itself is shown once.
 * Issued here for the system (seed, benchmarks) and through lib/data/tokens.ts for users.
 */
import crypto from "node:crypto";
import type { Orm } from "@/db";
import { apiTokens } from "@/db/schema";

const PREFIX = "tthc_";
export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function issueToken(orm: Orm, input: { name: string; unitCode: string; createdBy?: number | null }) {
  const token = `${PREFIX}${crypto.randomBytes(24).toString("base64url")}`;
  const [row] = await orm
    .insert(apiTokens)
    .values({
      name: input.name,
      unitCode: input.unitCode,
      tokenHash: hashToken(token),
      createdBy: input.createdBy ?? null,
    })
    .returning({ id: apiTokens.id });
  return { id: row.id, token };
}
