import { defineConfig } from "vitest/config";

// The unit tests beside the API's pure rule modules, and nothing else: what Stryker runs
// for each mutant (stryker.config.mjs). No database, no HTTP server, no global setup.
export default defineConfig({
  test: {
    include: ["src/config*.test.ts", "src/http/client-address.test.ts", "src/trpc/errors.test.ts"],
  },
});
