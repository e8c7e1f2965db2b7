import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test runs the real CLI several times, each a Node process compiling TypeScript on
    // the fly (about a second of CPU): on a loaded 2-core machine one test took over a minute.
    // The limit only catches a hang; no test asserts a duration.
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
