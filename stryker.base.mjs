// The one StrykerJS setup every package's stryker.config.mjs starts from (`pnpm test:mutation`).
// Each mutant is a small change to a rule (a flipped condition, a dropped call, an emptied
// string); a mutant that no test notices "survives", and the run fails below `breakAt` %.
/** @param {{ configFile: string, mutate: string[], breakAt: number }} options */
export function mutationConfig({ configFile, mutate, breakAt }) {
  /** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
  const config = {
    packageManager: "pnpm",
    // Under pnpm, Stryker cannot discover the runner plugin by itself.
    plugins: ["@stryker-mutator/vitest-runner"],
    testRunner: "vitest",
    vitest: { configFile },
    coverageAnalysis: "perTest",
    concurrency: 2,
    mutate,
    thresholds: { high: Math.min(100, breakAt + 2), low: breakAt, break: breakAt },
    reporters: ["clear-text", "progress", "html", "json"],
    htmlReporter: { fileName: "reports/mutation/index.html" },
    jsonReporter: { fileName: "reports/mutation/mutation.json" },
    tempDirName: ".stryker-tmp",
    cleanTempDir: "always",
  };
  return config;
}
