// Mutation testing of this package's pure rule modules. Only the unit tests beside them run
// (vitest.mutation.config.ts), so the run takes a minute, not the database suites.
import { mutationConfig } from "../../stryker.base.mjs";

export default mutationConfig({
  configFile: "vitest.mutation.config.ts",
  mutate: ["src/config.ts", "src/http/client-address.ts", "src/trpc/errors.ts"],
  breakAt: 90,
});
