import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaConfig } from "prisma";
import { resolveDatabaseUrl, sqliteFilePath } from "./src/persistence/database-url";

// One URL rule for the CLI and the running app: see resolveDatabaseUrl.
const url = resolveDatabaseUrl(process.env.DATABASE_URL);
process.env.DATABASE_URL = url;

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: "../../prisma/sqlite/schema.prisma",
  migrations: { path: "../../prisma/sqlite/migrations" },
  async adapter() {
    mkdirSync(dirname(sqliteFilePath(url)), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
} satisfies PrismaConfig;
