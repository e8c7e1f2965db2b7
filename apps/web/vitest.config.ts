import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each file starts the real app; one at a time on a 2-core machine.
    fileParallelism: false,
    testTimeout: 60_000,
    // Starting the app includes `pnpm start`'s build check and migrations.
    hookTimeout: 240_000,
  },
});
