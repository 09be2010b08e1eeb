import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";
export default [
  { ignores: ["node_modules/", "data/", ".data/", "coverage/", "*.js"] },
  { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser }, plugins: { "import-x": importX },
    settings: { ...importX.flatConfigs.typescript.settings, "import-x/resolver-next": [importX.createNodeResolver({ extensions: [".ts", ".js"] })] },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] } },
];
