import type { NextConfig } from "next";

// Served by Gatehouse's own server (server.ts), which also sets every security header.
const config: NextConfig = {
  // The workspace packages the pages import (types, constants) ship TypeScript sources.
  transpilePackages: ["@gatehouse/api", "@gatehouse/core"],
  poweredByHeader: false,
};

export default config;
