import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// `pnpm test:resilience`: faults, races, hostile input and timing (issue 11). Heavier than the
// ordinary suite, bounded to a few minutes, run by .ci/run after `pnpm test`. Files run one at a
// time so timing measurements are not disturbed by a neighbour.
// Drops the run's template databases when the run ends (see @gatehouse/infra/testing).
const globalSetup = createRequire(import.meta.url).resolve("@gatehouse/infra/testing/global-setup");

export default defineConfig({
  test: {
    globalSetup,
    include: ["resilience/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
