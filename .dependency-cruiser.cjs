// The dependency rule (README, Architecture), checked by `pnpm lint` and CI. Each rule's comment
// is what a developer sees when they break it.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-imports-only-domain",
      comment:
        "core/domain imports nothing outside itself (no application, no npm, no Node); its tests may use the domain fakes.",
      severity: "error",
      from: { path: "^packages/core/(src/domain/|test/domain-fakes\\.ts$)" },
      to: { pathNot: "^packages/core/(src/domain/|test/domain-fakes\\.ts$)" },
    },
    {
      name: "application-imports-only-core",
      comment: "core/application imports core/domain (and itself) only; its tests may use the in-memory fakes.",
      severity: "error",
      from: { path: "^packages/core/src/application/", pathNot: "\\.test\\.ts$" },
      to: { pathNot: "^packages/core/src/(domain|application)/" },
    },
    {
      name: "core-has-no-runtime-dependencies",
      comment: "packages/core uses no npm package and no Node.js API at run time.",
      severity: "error",
      from: { path: "^packages/core/src/", pathNot: "\\.test\\.ts$" },
      to: { dependencyTypes: ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg", "npm-unknown", "core"] },
    },
    {
      name: "core-knows-no-outer-layer",
      comment: "packages/core never imports infra, api or an app.",
      severity: "error",
      from: { path: "^packages/core/" },
      to: { path: "^(packages/(infra|api)/|apps/|@gatehouse/(infra|api))" },
    },
    {
      name: "infra-imports-only-core",
      comment: "packages/infra imports core, never api or an app.",
      severity: "error",
      from: { path: "^packages/infra/" },
      to: { path: "^(packages/api/|apps/|@gatehouse/(api|web|cli))" },
    },
    {
      name: "api-imports-no-app",
      comment: "packages/api is imported by apps, never the other way round.",
      severity: "error",
      from: { path: "^packages/api/" },
      to: { path: "^(apps/|@gatehouse/(web|cli))" },
    },
    {
      name: "apps-import-only-api",
      comment: "apps/* use @gatehouse/api (router type, handler, client helpers), never core, infra or Prisma.",
      severity: "error",
      from: { path: "^apps/" },
      to: { path: "^(packages/(core|infra)/|@gatehouse/(core|infra))" },
    },
    {
      name: "frameworks-live-in-infra",
      comment: "Prisma, Lucia, oslo, Argon2 and SQLite drivers are infra's business alone.",
      severity: "error",
      from: { pathNot: "^packages/infra/" },
      to: {
        path: "(^|node_modules/)(@prisma|prisma|lucia|oslo|@oslojs|@node-rs|better-sqlite3)(/|$)",
      },
    },
    {
      name: "production-code-imports-no-tests",
      comment: "Code that ships never imports test helpers or fakes.",
      severity: "error",
      from: { path: "^(packages|apps)/[^/]+/src/", pathNot: "(\\.test\\.ts$|/src/testing/)" },
      to: { path: "(^(packages|apps)/[^/]+/test/|\\.test\\.ts$|/src/testing/)" },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that does not resolve is a missing dependency (pnpm is strict) or a typo.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "no-circular",
      comment: "Circular imports hide the direction of dependencies.",
      severity: "error",
      from: { path: "^(packages|apps)/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(\\.next|\\.turbo|node_modules|test-results|src/generated)/" },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs"],
      mainFields: ["module", "main", "types"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
