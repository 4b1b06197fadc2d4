/**
 * The environment, read once and validated. Nothing else reads `process.env`
 * (STYLE.md §2).
 */
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PGLITE_DIR: z.string().optional(),
  // Empty is unset (a secret of no characters signs nothing).
  AUTH_SECRET: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  NEXTAUTH_SECRET: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** How many reverse proxies in front append to X-Forwarded-For; 0 (default): the header is ignored. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  /** Set by Next.js while it builds (`phase-production-build`). */
  NEXT_PHASE: z.string().optional(),
  /** The nightly integrity check (lib/jobs/nightly.ts): on by default. */
  TTHC_NIGHTLY: z.enum(["on", "off"]).default("on"),
  /** Alerts (lib/jobs/alerts.ts): evaluated and delivered every minute; on by default. */
  TTHC_ALERTS: z.enum(["on", "off"]).default("on"),
  /** The mail server alerts go through, e.g. smtp://user:pass@mail.example.gov.vn:587; unset: no e-mail. */
  SMTP_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The sender of alert e-mails. */
  ALERT_FROM: z.string().default("Chỉ số TTHC <khong-tra-loi@localhost>"),
  /** The portal's address as its users reach it, for the links in e-mails and webhooks. */
  PORTAL_URL: z.string().url().default("http://localhost:3000"),
});

const parsed = schema.safeParse(process.env);
if (!parsed.success) {
  throw new Error(`Biến môi trường không hợp lệ / Invalid environment: ${z.prettifyError(parsed.error)}`);
}

export const env = {
  ...parsed.data,
  PGLITE_DIR: parsed.data.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite"),
  /** Whether PGLITE_DIR was named (a named folder that is missing is a mistake, not a fresh demo). */
  PGLITE_DIR_NAMED: Boolean(parsed.data.PGLITE_DIR),
};
