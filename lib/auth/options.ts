/**
 * next-auth (v4) with a credentials login against the users table. Sessions are
 * signed JWTs in an httpOnly cookie; the role and agency travel in the token and are
 * re-read from the database on every server-side check (lib/auth/session.ts).
 */
import bcrypt from "bcryptjs";
import { eq, or } from "drizzle-orm";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/data/db";
import { auditLog, users } from "@/db/schema";
import { addressOf, allowAttempt } from "./rate-limit";
import { authSecret } from "./secret";

const credentials = z.object({ username: z.string().trim().min(1).max(200), password: z.string().min(1).max(200) });

/** Lock an account for 15 minutes after 5 consecutive failures. */
const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60_000;

export const authOptions: NextAuthOptions = {
  // Read when first needed (a request, or a page prerendered by the build), not at import.
  get secret() {
    return authSecret();
  },
  session: { strategy: "jwt", maxAge: 8 * 3600 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Tài khoản",
      credentials: { username: { label: "Tên đăng nhập" }, password: { label: "Mật khẩu", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const { username, password } = parsed.data;
        const { orm } = await getDb();
        const address = addressOf(req?.headers as Record<string, string> | undefined);
        if (!allowAttempt(address)) {
          await orm.insert(auditLog).values({ actor: username, action: "login.throttled", target: address, details: null });
          return null;
        }
        const [user] = await orm
          .select()
          .from(users)
          .where(or(eq(users.username, username), eq(users.email, username.toLowerCase())))
          .limit(1);
        const audit = (action: string, target: string) =>
          orm.insert(auditLog).values({ actor: username, action, target, details: null });
        if (!user) {
          await audit("login.failed", "unknown-user");
          return null;
        }
        if (user.disabled || (user.lockedUntil && user.lockedUntil > new Date())) {
          await audit("login.refused", user.disabled ? "disabled" : "locked");
          return null;
        }
        if (!(await bcrypt.compare(password, user.passwordHash))) {
          const failures = user.failedAttempts + 1;
          await orm
            .update(users)
            .set({ failedAttempts: failures, lockedUntil: failures >= MAX_FAILURES ? new Date(Date.now() + LOCK_MS) : null })
            .where(eq(users.id, user.id));
          await audit("login.failed", "bad-password");
          return null;
        }
        await orm.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, user.id));
        await audit("login", `user:${user.id}`);
        return { id: String(user.id), name: user.name, email: user.email ?? undefined };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.uid = Number(user.id);
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid as number | undefined };
    },
  },
};

