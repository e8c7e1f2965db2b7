import type { NextConfig } from "next";

// Served by Gatehouse's own server (server.ts), which also sets every security header.
const config: NextConfig = {
  // The workspace packages the pages import (types, constants) ship TypeScript sources.
  transpilePackages: ["@gatehouse/api", "@gatehouse/core"],
  poweredByHeader: false,
  // `forbidden()` and app/forbidden.tsx (HTTP 403 for a signed-in person without the role)
  // are still behind this flag in Next.js 16.
  experimental: { authInterrupts: true },
};

export default config;
