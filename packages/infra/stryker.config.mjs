// Mutation testing of this package's pure rule modules. Only the unit tests beside them run
// (vitest.mutation.config.ts), so the run takes a minute, not the database suites.
import { mutationConfig } from "../../stryker.base.mjs";

export default mutationConfig({
  configFile: "vitest.mutation.config.ts",
  mutate: [
    "src/adapters/user-list.sql.ts",
    "src/audit/audit-list.sql.ts",
    "src/throttle/ip-budget-key.ts",
    "src/persistence/user.mapper.ts",
    "src/persistence/database-error.translator.ts",
    "src/persistence/database-url.ts",
  ],
  breakAt: 90,
});
