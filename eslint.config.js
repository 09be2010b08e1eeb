// Lint is part of `npm test`. Beyond the recommended type-aware rules, it keeps the
// layering of README "Layout": decision modules never reach for Probot, an SDK, the database
// or the clock, and product code never imports the wind tunnel.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";

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

// DESIGN §10 and ARCHITECTURE.md: which module of src/ may import which. Dependencies point
// inward; `app` is the composition root and may import anything. The table must stay acyclic (a
// module cycle is refused here, before ESLint runs), and import-x/no-cycle refuses file cycles.
export const layers = {
  commands: [],
  providers: ["definitions", "domain"],
  definitions: [],
  domain: ["definitions"],
  scheduler: ["definitions", "domain"],
  agents: ["commands", "definitions", "domain", "providers"],
  verifiers: ["agents", "definitions", "domain"],
  orchestrator: ["agents", "commands", "definitions", "domain", "providers", "scheduler", "verifiers"],
  github: ["agents", "commands", "definitions", "domain", "orchestrator", "scheduler", "verifiers"],
  store: ["agents", "definitions", "domain", "orchestrator", "scheduler"],
  app: ["agents", "commands", "definitions", "domain", "github", "orchestrator", "providers", "scheduler", "store", "verifiers"],
};
refuseModuleCycles(layers);

/** Throws on a cycle in the allowed-imports table, naming it. */
function refuseModuleCycles(table) {
  const visiting = [];
  const done = new Set();
  const visit = (module) => {
    if (done.has(module)) return;
    if (visiting.includes(module)) throw new Error(`eslint.config.js: module cycle ${[...visiting.slice(visiting.indexOf(module)), module].join(" → ")}`);
    visiting.push(module);
    for (const next of table[module] ?? []) visit(next);
    visiting.pop();
    done.add(module);
  };
  for (const module of Object.keys(table)) visit(module);
}

const modules = Object.keys(layers);
const layerZones = modules.map((module) => ({
  target: `./src/${module}`,
  from: modules.filter((other) => other !== module && !layers[module].includes(other)).map((other) => `./src/${other}`),
  message: `src/${module} may import only ${layers[module].map((other) => `src/${other}`).join(", ") || "no other module"} (ARCHITECTURE.md, "The dependency rule").`,
})).filter((zone) => zone.from.length > 0);
// Decision modules reach a model through the provider port (src/providers/types.ts), never an adapter.
// (index.ts re-exports the adapters.)
const providerAdapters = ["./src/providers/anthropic", "./src/providers/openai", "./src/providers/create-providers.ts", "./src/providers/index.ts"];
const decisionModules = ["agents", "commands", "definitions", "domain", "orchestrator", "scheduler", "verifiers"];
const adapterZones = decisionModules.map((module) => ({ target: `./src/${module}`, from: providerAdapters, message: "Decision code gets its effects handed in: use the provider port." }));

// The wind tunnel's stable entry is windtunnel/index.ts: tests (but those of the fake itself), the
// benches and the demo (a client of the tunnel) go through it, so the tunnel's inside can change.
const tunnelEntry = ["./index.ts", "./read-command-line.ts"];
const windTunnelZones = [
  { target: "./src", from: "./windtunnel", message: "Product code never imports the wind tunnel." },
  { target: ["./test/!(windtunnel)/**/*", "./bench/**/*"], from: "./windtunnel", except: tunnelEntry, message: "Import the wind tunnel through windtunnel/index.ts." },
  { target: ["./windtunnel/demo/**/*", "./windtunnel/demo.ts"], from: "./windtunnel", except: [...tunnelEntry, "./demo"], message: "The demo uses the wind tunnel through windtunnel/index.ts." },
];

/** The dependency rule as lint: also linted alone by test/packaging/dependency-rule.test.ts. */
export const dependencyRule = [
  {
    files: ["src/**/*.ts", "windtunnel/**/*.ts", "test/**/*.ts", "bench/**/*.ts"],
    plugins: { "import-x": importX },
    settings: { ...importX.flatConfigs.typescript.settings, "import-x/resolver-next": [importX.createNodeResolver({ extensions: [".ts", ".js"] })] },
    rules: {
      "import-x/no-restricted-paths": ["error", { zones: [...layerZones, ...adapterZones, ...windTunnelZones] }],
    },
  },
  {
    files: ["src/**/*.ts", "windtunnel/**/*.ts"],
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
];

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
    files: ["src/domain/**/*.ts", "src/orchestrator/**/*.ts", "src/agents/**/*.ts", "src/commands/**/*.ts", "src/scheduler/**/*.ts", "src/verifiers/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: effectModules, patterns: [windTunnelPattern] }],
      "no-restricted-properties": ["error", { object: "Date", property: "now", message: "Time is handed in as a clock." }, { object: "Math", property: "random", message: "Decisions are deterministic." }],
      "no-restricted-syntax": ["error", { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Time is handed in as a clock." }],
    },
  },
  // Issue 15: a file past 300 lines or a function past 60 is split, or its exception is justified
  // where lint sees it: `// eslint-disable-next-line max-lines-per-function -- <why>`.
  {
    files: ["src/**/*.ts"],
    rules: {
      "max-lines": ["error", { max: 300, skipBlankLines: true, skipComments: true }],
      "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  ...dependencyRule,
  { files: ["*.js"], ...tseslint.configs.disableTypeChecked },
);
