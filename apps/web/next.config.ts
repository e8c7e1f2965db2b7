import type { NextConfig } from "next";

const config: NextConfig = {
  // The workspace packages ship TypeScript sources.
  transpilePackages: ["@gatehouse/api", "@gatehouse/core", "@gatehouse/infra"],
  // Native and engine packages load at run time from node_modules rather than the bundle.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-better-sqlite3", "better-sqlite3", "@node-rs/argon2"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default config;
