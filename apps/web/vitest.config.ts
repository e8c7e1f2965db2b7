import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // Starting the app includes `pnpm start`'s build check and migrations.
    hookTimeout: 240_000,
  },
});
