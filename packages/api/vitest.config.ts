import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// Drops the run's template databases when the run ends (see @gatehouse/infra/testing).
const globalSetup = createRequire(import.meta.url).resolve("@gatehouse/infra/testing/global-setup");

// Parallelism is chosen, not left to the default (one worker per core). The HTTP files each
// serve the real API and hash with Argon2id on every sign-up and log-in; their throttle,
// hasher-admission and timing checks assume the hashing slots they configure are theirs.
// Two of them side by side on a 2-core machine would take each other's cores by accident,
// so they run one file at a time, after the quick unit files (which run in parallel).
export default defineConfig({
  test: {
    globalSetup,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["src/**/*.test.ts"], sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: { name: "http", include: ["test/**/*.test.ts"], fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
