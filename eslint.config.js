// Lint is part of `npm test`. Beyond the recommended type-aware rules, it keeps the
// layering of README "Layout": decision modules never reach for Probot, an SDK, the database
// or the clock, and product code never imports the wind tunnel.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const effectModules = [
  { name: "probot", message: "Decision code gets its effects handed in." },
  { name: "@octokit/rest", message: "Decision code gets its effects handed in." },
  { name: "@anthropic-ai/sdk", message: "Decision code gets its effects handed in." },
  { name: "openai", message: "Decision code gets its effects handed in." },
  { name: "@electric-sql/pglite", message: "Decision code gets its effects handed in." },
  { name: "pg", message: "Decision code gets its effects handed in." },
];

// Only the store's adapters talk to a database driver: every parameter then goes through
// `encodeParam`, so no array reaches node-postgres as an array literal (issue 12).
const driverModules = [
  { name: "pg", message: "Use the Sql port (src/store/sql.ts); only its adapters import a driver." },
  { name: "@electric-sql/pglite", message: "Use the Sql port (src/store/sql.ts); only its adapters import a driver." },
];
const driverFiles = ["src/store/pglite-sql.ts", "src/store/postgres-sql.ts", "src/store/create-scratch-database.ts"];
const windTunnelPattern = { group: ["**/windtunnel/**"], message: "Product code never imports the wind tunnel." };

export default tseslint.config(
  { ignores: ["node_modules/", "data/", ".data/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ["*.js"] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-floating-promises": "error",
    },
  },
  {
    files: ["**/*.ts"],
    ignores: driverFiles,
    rules: {
      "no-restricted-imports": ["error", { paths: driverModules }],
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: driverFiles,
    rules: {
      "no-restricted-imports": ["error", { paths: driverModules, patterns: [windTunnelPattern] }],
    },
  },
  {
    files: driverFiles,
    rules: {
      "no-restricted-imports": ["error", { patterns: [windTunnelPattern] }],
    },
  },
  {
    files: ["src/domain/**/*.ts", "src/orchestrator/**/*.ts", "src/commands/**/*.ts", "src/scheduler/**/*.ts", "src/verifiers/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: effectModules, patterns: [windTunnelPattern] }],
      "no-restricted-properties": ["error", { object: "Date", property: "now", message: "Time is handed in as a clock." }, { object: "Math", property: "random", message: "Decisions are deterministic." }],
      "no-restricted-syntax": ["error", { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Time is handed in as a clock." }],
    },
  },
  { files: ["*.js"], ...tseslint.configs.disableTypeChecked },
);
