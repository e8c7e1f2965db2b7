// One ESLint flat config for every workspace. Type-aware rules from typescript-eslint (each
// file is checked with its own workspace's tsconfig through the project service), React's
// hook rules for the web app. Formatting is Prettier's job, not ESLint's. The layer rules
// live in .dependency-cruiser.cjs; `pnpm lint` runs both.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/dist/**",
      "**/coverage/**",
      "**/reports/**",
      "**/.stryker-tmp/**",
      "**/next-env.d.ts",
      "packages/infra/src/generated/**",
      "bench/results/**",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["*.mjs", "apps/cli/bin/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_name` marks a parameter or binding kept on purpose (a signature, a destructured rest).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      // Type-only imports stay type-only, so no adapter is pulled into a bundle by a type.
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-import-type-side-effects": "error",
      // Adapters implement Promise-returning ports with synchronous code; `async` keeps their
      // throws as rejections, which is what callers of a port expect.
      "@typescript-eslint/require-await": "off",
      // React ignores what an event handler returns; our async handlers catch their own errors.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Tests read untyped JSON off the wire and use vitest's asymmetric matchers, which are typed
    // `any`; the assertions themselves check the shapes.
    files: ["**/*.test.ts", "**/test/**/*.ts", "**/resilience/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    files: ["**/*.mjs", "**/*.cjs"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ["apps/web/src/**/*.tsx", "apps/web/src/**/*.ts"],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: { ...globals.browser } },
  },
);
