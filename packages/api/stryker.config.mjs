// Mutation testing of this package's pure rule modules (`pnpm test:mutation`): each mutant is
// a small change to a rule, and some unit test beside the module must notice it. Only those
// unit tests run (vitest.mutation.config.ts), so the run takes a minute, not the DB suites.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "pnpm",
  // Under pnpm, Stryker cannot discover the runner plugin by itself.
  plugins: ["@stryker-mutator/vitest-runner"],
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  coverageAnalysis: "perTest",
  concurrency: 2,
  mutate: ["src/config.ts", "src/http/client-address.ts", "src/trpc/errors.ts"],
  thresholds: { high: 95, low: 90, break: 90 },
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
