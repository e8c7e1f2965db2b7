import { defineConfig } from "vitest/config";

// The unit tests beside infra's pure rule modules, and nothing else: what Stryker runs for
// each mutant (stryker.config.mjs). No database, no global setup.
export default defineConfig({
  test: {
    include: [
      "src/adapters/user-list.sql.test.ts",
      "src/audit/audit-list.sql.test.ts",
      "src/throttle/ip-budget-key.test.ts",
      "src/persistence/user.mapper.test.ts",
      "src/persistence/database-error.translator.test.ts",
      "src/persistence/database-url.test.ts",
    ],
  },
});
