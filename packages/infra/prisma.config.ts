import type { PrismaConfig } from "prisma";
import { databaseProvider, resolveDatabaseUrl, sqliteFilePath } from "./src/persistence/database-url";
import { createDriverAdapter } from "./src/persistence/driver-adapter.factory";
import { prepareSqliteFile } from "./src/persistence/sqlite-file";

// One URL rule for the CLI and the running app: `DATABASE_URL` picks the provider, whose
// schema, migrations and driver adapter the CLI then uses.
const url = resolveDatabaseUrl(process.env.DATABASE_URL);
const provider = databaseProvider(url);
process.env.DATABASE_URL = url;

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: `../../prisma/${provider}/schema.prisma`,
  migrations: { path: `../../prisma/${provider}/migrations` },
  async adapter() {
    if (provider === "sqlite") prepareSqliteFile(sqliteFilePath(url));
    return createDriverAdapter(url);
  },
} satisfies PrismaConfig;
