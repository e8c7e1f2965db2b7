// Mutation testing of core's rules: `pnpm test:mutation` (root) or `pnpm test:mutation` here.
// Each mutant is a small change to a rule (a flipped condition, a dropped call, an emptied
// string); a mutant that no test notices "survives". The run fails below thresholds.break.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "pnpm",
  // Under pnpm, Stryker cannot discover the runner plugin by itself.
  plugins: ["@stryker-mutator/vitest-runner"],
  testRunner: "vitest",
  vitest: { configFile: "vitest.config.ts" },
  coverageAnalysis: "perTest",
  concurrency: 2,
  mutate: [
    "src/domain/**/*.ts",
    "src/application/**/*.ts",
    "!src/**/*.test.ts",
    "!src/**/*.port.ts",
    "!src/**/ports/**",
    "!src/index.ts",
  ],
  thresholds: { high: 99, low: 97, break: 97 },
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
