import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { dependencyRule, layers } from "../../eslint.config.js";

// The dependency rule of ARCHITECTURE.md is kept by lint (eslint.config.js). These lint a
// deliberately wrong text in place of a real file, so they fail if the rule ever stops biting.
// Only the rule's own blocks are used (the full config would build a type-checked program).
const root = fileURLToPath(new URL("../../", import.meta.url));
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [{ languageOptions: { parser: tseslint.parser } }, ...dependencyRule] });
});

async function ruleIds(text: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe("the dependency rule", () => {
  it.each([
    ["the orchestrator", "src/orchestrator/artifact-path.ts", "../github/comments.ts"],
    ["the orchestrator", "src/orchestrator/artifact-path.ts", "../store/work-items.ts"],
    ["the domain", "src/domain/money.ts", "../store/work-items.ts"],
    ["the domain", "src/domain/money.ts", "../orchestrator/artifact-path.ts"],
    ["the scheduler", "src/scheduler/job-errors.ts", "../github/octokit.ts"],
    ["the store", "src/store/sql.ts", "../app/main.ts"],
    ["product code", "src/app/escape-html.ts", "../../windtunnel/free-port.ts"],
    ["an end-to-end test", "test/e2e/commands.test.ts", "../../windtunnel/free-port.ts"],
    ["decision code", "src/orchestrator/artifact-path.ts", "../providers/create-providers.ts"],
    ["decision code", "src/orchestrator/artifact-path.ts", "../providers/index.ts"],
  ])("refuses %s (%s) importing %s", async (_who, file, imported) => {
    expect(await ruleIds(`import * as probe from "${imported}";\nexport const seen = probe;\n`, file)).toContain("import-x/no-restricted-paths");
  });

  it("lets the orchestrator import the domain", async () => {
    expect(await ruleIds(`import * as probe from "../domain/money.ts";\nexport const seen = probe;\n`, "src/orchestrator/artifact-path.ts")).toEqual([]);
  });

  it("refuses an import cycle between two files (money.ts ← render-status-card.ts)", async () => {
    expect(await ruleIds(`import * as probe from "./render-status-card.ts";\nexport const seen = probe;\n`, "src/domain/money.ts")).toContain("import-x/no-cycle");
  });
});

describe("ARCHITECTURE.md", () => {
  it("lists, for each module, exactly the modules lint lets it import", () => {
    const page = readFileSync(`${root}ARCHITECTURE.md`, "utf8");
    const rows = [...page.matchAll(/^\| `src\/([a-z]+)` \|[^|]*\| ([^|]*) \|$/gm)].map(([, module, may]) => [module, [...(may ?? "").matchAll(/`([a-z]+)`/g)].map(([, name]) => name).sort()]);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(Object.entries(layers).map(([module, allowed]) => [module, [...allowed].sort()])));
  });
});
