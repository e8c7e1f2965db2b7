import { defineConfig } from "vitest/config";

// `pnpm test:resilience`: faults, races, hostile input and timing (issue 11). Heavier than the
// ordinary suite, bounded to a few minutes, run by .ci/run after `pnpm test`. Files run one at a
// time so timing measurements are not disturbed by a neighbour.
export default defineConfig({
  test: {
    include: ["resilience/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
