/**
 * next-auth (v4) with a credentials login against the users table. Sessions are
 * signed JWTs in an httpOnly cookie; the role and agency travel in the token and are
 * re-read from the database on every server-side check (lib/auth/session.ts).
 */
import { eq, or } from "drizzle-orm";
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/data/db";
import { auditLog, users } from "@/db/schema";
import { clientAddress, recordFailure, recordSuccess, waitBeforeAttempt } from "./throttle";
import { env } from "@/lib/env";
import { verifyPassword } from "@/lib/passwords";
import { authSecret } from "./secret";

const credentials = z.object({ username: z.string().trim().min(1).max(200), password: z.string().min(1).max(200) });

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
        const address = clientAddress(req?.headers as Record<string, string> | undefined, env.TRUSTED_PROXY_HOPS);
        const audit = (action: string, target: string) =>
          orm.insert(auditLog).values({ actor: username, action, target, details: null });
        if (waitBeforeAttempt(username, address) > 0) {
          await audit("login.throttled", address);
          return null;
        }
        const [user] = await orm
          .select()
          .from(users)
          .where(or(eq(users.username, username), eq(users.email, username.toLowerCase())))
          .limit(1);
        // An unknown username costs the same hash comparison as a known one.
        const ok = await verifyPassword(password, user?.passwordHash);
        if (!user || !ok) {
          recordFailure(username, address);
          await audit("login.failed", user ? "bad-password" : "unknown-user");
          return null;
        }
        if (user.disabled) {
          await audit("login.refused", "disabled");
          return null;
        }
        recordSuccess(username, address);
        await audit("login", `user:${user.id}`);
        return {
          id: String(user.id),
          name: user.name,
          email: user.email ?? undefined,
          sv: user.sessionVersion,
        } as User;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as User & { sv?: number }).sv ?? 0;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid as number | undefined, sv: token.sv as number | undefined };
    },
  },
};
