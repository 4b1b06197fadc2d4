/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships wasm and data files: keep it out of the bundle (and out of public static media).
  serverExternalPackages: ["@electric-sql/pglite", "bcryptjs"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
};

export default nextConfig;
