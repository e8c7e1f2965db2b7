import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Drops the run's template databases when the run ends.
    globalSetup: "./src/testing/global-setup.ts",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
