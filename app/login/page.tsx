import type { Metadata } from "next";
import { safeNext } from "@/lib/auth/redirect";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Đăng nhập" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Every role starts on the overview of its own scope: the province, or its agency.
  const next = safeNext(callbackUrl, "/tong-quan");
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-1 text-2xl font-semibold">Đăng nhập</h1>
      <p className="mb-6 text-sm text-gray-600">
        Dành cho cán bộ các cơ quan, đơn vị và Trung tâm Phục vụ hành chính công.
      </p>
      <LoginForm next={next} />
    </div>
  );
}
