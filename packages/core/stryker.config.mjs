// Mutation testing of core's rules: domain, authorization, use cases and queries.
import { mutationConfig } from "../../stryker.base.mjs";

export default mutationConfig({
  configFile: "vitest.config.ts",
  mutate: [
    "src/domain/**/*.ts",
    "src/application/**/*.ts",
    "!src/**/*.test.ts",
    "!src/**/*.port.ts",
    "!src/**/ports/**",
    "!src/index.ts",
  ],
  breakAt: 97,
});
