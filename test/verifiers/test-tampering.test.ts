import { describe, expect, it } from "vitest";
import { isTestPath, verifyTestTampering, type ChangedFile } from "../../src/verifiers/index.ts";
import { added, brief, edit, modified, removed, renamed } from "./changes.ts";

const mathTest = `import { describe, expect, it } from "vitest";
import { add, divide } from "../src/math.ts";

describe("add", () => {
  it("adds two numbers", () => {
    expect(add(1, 2)).toBe(3);
    expect(add(-1, 1)).toBe(0);
  });

  it("divides", () => {
    expect(divide(6, 3)).toEqual(2);
  });
});
`;

const pythonTest = `import pytest
from calc import parse


def test_parse_number():
    assert parse("1") == 1


class TestParse:
    def test_rejects_words(self):
        with pytest.raises(ValueError):
            parse("one")
`;

const goTest = `package calc

import "testing"

func TestAdd(t *testing.T) {
	if Add(1, 2) != 3 {
		t.Errorf("Add(1, 2) = %d", Add(1, 2))
	}
}
`;

const vitestConfig = `import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    coverage: {
      provider: "v8",
      include: ["src/**"],
      exclude: ["src/**/*.d.ts"],
      thresholds: {
        lines: 90,
        branches: 80,
        functions: 90,
        statements: 90,
      },
    },
  },
  optimizeDeps: { exclude: ["fsevents"] },
});
`;

const pyproject = `[project]
name = "calc"
version = "1.2.0"

[tool.coverage.run]
source = ["calc"]
omit = [
  "calc/_version.py",  # generated
]

[tool.coverage.report]
fail_under = 90
show_missing = true

[tool.pytest.ini_options]
addopts = "--cov=calc --cov-fail-under=90"

[tool.setuptools.packages.find]
exclude = ["tests"]
`;

const setupCfg = `[metadata]
name = calc

[coverage:run]
omit =
    calc/_version.py

[coverage:report]
fail_under = 85
`;

const packageJson = `{
  "name": "calc",
  "scripts": {
    "test": "jest --coverage"
  },
  "jest": {
    "coverageThreshold": {
      "global": { "branches": 80, "lines": 90 }
    },
    "coveragePathIgnorePatterns": ["/node_modules/"]
  }
}
`;

const jestConfig = `/** @type {import('jest').Config} */
module.exports = {
  collectCoverageFrom: ["src/**/*.{js,ts}"],
  testPathIgnorePatterns: ["/node_modules/"],
};
`;

const nycrc = `{
  "check-coverage": true,
  "branches": 80,
  "include": ["lib/**"]
}
`;

interface Case {
  name: string;
  files: ChangedFile[];
  expected: string[];
}

const tampering: Case[] = [
  { name: "a test file deleted", files: [removed("test/math.test.ts", mathTest)], expected: ["error test/math.test.ts:1 Test file deleted"] },
  { name: "a Go test deleted", files: [removed("calc/add_test.go", goTest)], expected: ["error calc/add_test.go:1 Test file deleted"] },
  { name: "a test renamed to src/foo.ts", files: [renamed("test/math.test.ts", "src/foo.ts", mathTest)], expected: ["error test/math.test.ts:1 Test file moved out of the tests"] },
  { name: "it.skip added", files: [modified("test/math.test.ts", mathTest, edit(mathTest, `it("adds`, `it.skip("adds`))], expected: ["error test/math.test.ts:5:3 Test skipped"] },
  { name: ".only added", files: [modified("test/math.test.ts", mathTest, edit(mathTest, `it("divides`, `it.only("divides`))], expected: ["error test/math.test.ts:10:3 Test focused"] },
  { name: "describe.skip added", files: [modified("src/math.spec.ts", mathTest, edit(mathTest, `describe("add`, `describe.skip("add`))], expected: ["error src/math.spec.ts:4:1 Test skipped"] },
  { name: "it.todo replacing a test", files: [modified("test/math.test.ts", mathTest, edit(mathTest, `  it("divides", () => {\n    expect(divide(6, 3)).toEqual(2);\n  });\n`, `  it.todo("divides");\n`))], expected: ["error test/math.test.ts:10:3 Test postponed", "error test/math.test.ts:10 Assertions removed"] },
  { name: "xit added", files: [modified("__tests__/math.js", mathTest, edit(mathTest, `  it("adds`, `  xit("adds`))], expected: ["error __tests__/math.js:5:3 Test skipped"] },
  { name: "@pytest.mark.skip added", files: [modified("tests/test_parse.py", pythonTest, edit(pythonTest, "def test_parse_number", `@pytest.mark.skip(reason="flaky")\ndef test_parse_number`))], expected: ["error tests/test_parse.py:5:1 Test skipped"] },
  { name: "t.Skip added", files: [modified("calc/add_test.go", goTest, edit(goTest, "\tif Add", `\tt.Skip("later")\n\tif Add`))], expected: ["error calc/add_test.go:6:2 Test skipped"] },
  { name: "@Disabled added", files: [modified("src/test/java/CalcTest.java", "class CalcTest {\n  @Test\n  void adds() { assertEquals(3, add(1, 2)); }\n}\n", "class CalcTest {\n  @Disabled\n  @Test\n  void adds() { assertEquals(3, add(1, 2)); }\n}\n")], expected: ["error src/test/java/CalcTest.java:2:3 Test skipped"] },
  { name: "a skipped test in a new test file", files: [added("test/divide.test.ts", `import { it } from "vitest";\n\nit.skip("divides by zero", () => {});\n`)], expected: ["warning test/divide.test.ts:3:1 New test not run"] },
  { name: "an expect removed", files: [modified("test/math.test.ts", mathTest, edit(mathTest, "    expect(add(-1, 1)).toBe(0);\n", ""))], expected: ["error test/math.test.ts:6 Assertions removed"] },
  { name: "a Python assert removed", files: [modified("tests/test_parse.py", pythonTest, edit(pythonTest, `    assert parse("1") == 1\n`, "    parse(\"1\")\n"))], expected: ["error tests/test_parse.py:6 Assertions removed"] },
  { name: "a Go t.Errorf removed", files: [modified("calc/add_test.go", goTest, edit(goTest, `\tif Add(1, 2) != 3 {\n\t\tt.Errorf("Add(1, 2) = %d", Add(1, 2))\n\t}\n`, `\t_ = Add(1, 2)\n`))], expected: ["error calc/add_test.go:6 Assertions removed"] },
  { name: "toEqual weakened to toBeTruthy", files: [modified("test/math.test.ts", mathTest, edit(mathTest, "toEqual(2)", "toBeTruthy()"))], expected: ["warning test/math.test.ts:11:25 Assertion weakened"] },
  { name: "toBe weakened to toBeDefined", files: [modified("test/math.test.ts", mathTest, edit(mathTest, "toBe(3)", "toBeDefined()"))], expected: ["warning test/math.test.ts:6:22 Assertion weakened"] },
  { name: "an expect commented out", files: [modified("test/math.test.ts", mathTest, edit(mathTest, "    expect(add(-1, 1))", "    // expect(add(-1, 1))"))], expected: ["warning test/math.test.ts:7 Assertion commented out"] },
];

const coverage: Case[] = [
  { name: "a coverage include narrowed in vitest.config.ts", files: [modified("vitest.config.ts", vitestConfig, edit(vitestConfig, `include: ["src/**"]`, `include: ["src/api/**"]`))], expected: ["error vitest.config.ts:8 Coverage or test scope narrowed"] },
  { name: "a test include entry removed", files: [modified("vitest.config.ts", vitestConfig, edit(vitestConfig, `include: ["test/**/*.test.ts"]`, `include: []`))], expected: ["error vitest.config.ts:5 Coverage or test scope narrowed"] },
  { name: "a coverage exclude entry added", files: [modified("vitest.config.ts", vitestConfig, edit(vitestConfig, `exclude: ["src/**/*.d.ts"],`, `exclude: [\n        "src/**/*.d.ts",\n        "src/legacy/**",\n      ],`))], expected: ["error vitest.config.ts:11 Coverage or test scope narrowed"] },
  { name: "branches 80 lowered to 60", files: [modified("vitest.config.ts", vitestConfig, edit(vitestConfig, "branches: 80", "branches: 60"))], expected: ["error vitest.config.ts:12 Coverage threshold lowered"] },
  { name: "a threshold deleted", files: [modified("vite.config.mts", vitestConfig, edit(vitestConfig, "        functions: 90,\n", ""))], expected: ["error vite.config.mts:12 Coverage threshold removed"] },
  { name: "fail_under 90 lowered to 70 in pyproject", files: [modified("pyproject.toml", pyproject, edit(pyproject, "fail_under = 90", "fail_under = 70"))], expected: ["error pyproject.toml:12 Coverage threshold lowered"] },
  { name: "an omit entry added in pyproject", files: [modified("pyproject.toml", pyproject, edit(pyproject, `  "calc/_version.py",  # generated\n`, `  "calc/_version.py",  # generated\n  "calc/parser.py",\n`))], expected: ["error pyproject.toml:9 Coverage or test scope narrowed"] },
  { name: "--cov-fail-under lowered in pyproject addopts", files: [modified("pyproject.toml", pyproject, edit(pyproject, "--cov-fail-under=90", "--cov-fail-under=50"))], expected: ["error pyproject.toml:16 Coverage threshold lowered"] },
  { name: "fail_under lowered in setup.cfg", files: [modified("setup.cfg", setupCfg, edit(setupCfg, "fail_under = 85", "fail_under = 80"))], expected: ["error setup.cfg:9 Coverage threshold lowered"] },
  { name: "an omit line added in .coveragerc", files: [modified(".coveragerc", "[run]\nomit =\n    calc/_version.py\n", "[run]\nomit =\n    calc/_version.py\n    calc/cli.py\n")], expected: ["error .coveragerc:4 Coverage or test scope narrowed"] },
  { name: "--cov-fail-under lowered in pytest.ini", files: [modified("pytest.ini", "[pytest]\naddopts = --cov=calc --cov-fail-under=90\n", "[pytest]\naddopts = --cov=calc --cov-fail-under=75\n")], expected: ["error pytest.ini:2 Coverage threshold lowered"] },
  { name: "a jest threshold lowered in package.json", files: [modified("package.json", packageJson, edit(packageJson, `"lines": 90`, `"lines": 50`))], expected: ["error package.json:8 Coverage threshold lowered"] },
  { name: "a jest ignore pattern added in package.json", files: [modified("package.json", packageJson, edit(packageJson, `["/node_modules/"]`, `["/node_modules/", "/src/legacy/"]`))], expected: ["error package.json:10 Coverage or test scope narrowed"] },
  { name: "a negated collectCoverageFrom entry in jest.config.js", files: [modified("jest.config.js", jestConfig, edit(jestConfig, `["src/**/*.{js,ts}"]`, `["src/**/*.{js,ts}", "!src/payments/**"]`))], expected: ["error jest.config.js:3 Coverage or test scope narrowed"] },
  { name: "check-coverage turned off in .nycrc.json", files: [modified(".nycrc.json", nycrc, edit(nycrc, `"check-coverage": true`, `"check-coverage": false`))], expected: ["error .nycrc.json:2 Coverage check turned off"] },
  { name: "a coverage config with thresholds deleted", files: [removed(".nycrc", nycrc)], expected: ["error .nycrc:1 Coverage config deleted"] },
];

const clean: Case[] = [
  { name: "a new test file", files: [added("test/divide.test.ts", `import { expect, it } from "vitest";\nimport { divide } from "../src/math.ts";\n\nit("divides", () => {\n  expect(divide(6, 3)).toBe(2);\n});\n`)] , expected: [] },
  { name: "assertions added", files: [modified("test/math.test.ts", mathTest, edit(mathTest, "    expect(add(-1, 1)).toBe(0);\n", "    expect(add(-1, 1)).toBe(0);\n    expect(add(2, 2)).toBe(4);\n"))], expected: [] },
  { name: "a loose assertion added beside the exact ones", files: [modified("test/math.test.ts", mathTest, edit(mathTest, "    expect(add(-1, 1)).toBe(0);\n", "    expect(add(-1, 1)).toBe(0);\n    expect(add).toBeDefined();\n"))], expected: [] },
  { name: "a loose matcher tightened", files: [modified("test/math.test.ts", edit(mathTest, "toEqual(2)", "toBeTruthy()"), mathTest)], expected: [] },
  { name: "an assertion moved between tests", files: [modified("test/math.test.ts", mathTest, edit(edit(mathTest, "    expect(add(-1, 1)).toBe(0);\n", ""), "    expect(divide(6, 3)).toEqual(2);\n", "    expect(divide(6, 3)).toEqual(2);\n    expect(add(-1, 1)).toBe(0);\n"))], expected: [] },
  {
    name: "an already skipped test moved",
    files: [
      modified(
        "test/math.test.ts",
        // The larger test stays put, so the diff moves the skipped one: its `it.skip` line is removed and added.
        `describe("math", () => {\n  it("adds", () => {\n    expect(add(1, 2)).toBe(3);\n    expect(add(2, 2)).toBe(4);\n    expect(add(0, 0)).toBe(0);\n  });\n\n  it.skip("divides", () => {\n    expect(divide(6, 3)).toBe(2);\n  });\n});\n`,
        `describe("math", () => {\n  it.skip("divides", () => {\n    expect(divide(6, 3)).toBe(2);\n  });\n\n  it("adds", () => {\n    expect(add(1, 2)).toBe(3);\n    expect(add(2, 2)).toBe(4);\n    expect(add(0, 0)).toBe(0);\n  });\n});\n`,
      ),
    ],
    expected: [],
  },
  { name: "a skip removed", files: [modified("test/math.test.ts", edit(mathTest, `it("adds`, `it.skip("adds`), mathTest)], expected: [] },
  { name: "a test renamed within the tests", files: [renamed("test/math.test.ts", "test/unit/math.test.ts", mathTest)], expected: [] },
  { name: "the word skip in prose, names and comments", files: [modified("test/math.test.ts", mathTest, edit(mathTest, `  it("divides"`, `  // We skip the slow path here; it.skip would hide the test.\n  it("skips only what it.skip( would"`)), modified("README.md", "# Calc\n", "# Calc\n\nUse `it.skip` and `.only(` sparingly; we skip nothing.\n")], expected: [] },
  { name: "a .only( call in production code", files: [modified("src/query.ts", "export const q = db.all();\n", "export const q = db.only(1);\n")], expected: [] },
  { name: "a threshold raised", files: [modified("vitest.config.ts", vitestConfig, edit(vitestConfig, "branches: 80", "branches: 85"))], expected: [] },
  { name: "a coverage include widened and an exclude dropped", files: [modified("vitest.config.ts", vitestConfig, edit(edit(vitestConfig, `include: ["src/**"]`, `include: ["src/**", "lib/**"]`), `exclude: ["src/**/*.d.ts"]`, `exclude: []`))], expected: [] },
  { name: "a Vite exclude outside test and coverage", files: [modified("vite.config.ts", vitestConfig, edit(vitestConfig, `exclude: ["fsevents"]`, `exclude: ["fsevents", "chokidar"]`))], expected: [] },
  { name: "the config reformatted", files: [modified("vitest.config.ts", vitestConfig, edit(vitestConfig, `include: ["src/**"],`, `include: [\n        "src/**",\n      ],`))], expected: [] },
  { name: "fail_under raised and an unrelated pyproject exclude added", files: [modified("pyproject.toml", pyproject, edit(edit(pyproject, "fail_under = 90", "fail_under = 95"), `exclude = ["tests"]`, `exclude = ["tests", "docs"]`))], expected: [] },
  { name: "a new coverage config without exclusions", files: [added("vitest.config.ts", vitestConfig.replace(`      exclude: ["src/**/*.d.ts"],\n`, ""))], expected: [] },
];

describe("test-tampering", () => {
  it.each([...tampering, ...coverage, ...clean].map((c) => [c.name, c] as const))("%s", (_name, { files, expected }) => {
    expect(verifyTestTampering(files).map(brief)).toEqual(expected);
  });

  it("says what changed, and every finding is the test-tampering verifier's", () => {
    const findings = verifyTestTampering([
      modified("vitest.config.ts", vitestConfig, edit(edit(vitestConfig, `include: ["src/**"]`, `include: ["src/api/**"]`), "branches: 80", "branches: 60")),
      modified("test/math.test.ts", mathTest, edit(mathTest, "toEqual(2)", "toBeTruthy()")),
    ]);
    expect(findings.map((finding) => [finding.verifier, finding.message])).toEqual([
      ["test-tampering", `This change removes "src/**" from test.coverage.include, so fewer files are tested or measured.`],
      ["test-tampering", "This change lowers test.coverage.thresholds.branches from 80 to 60."],
      ["test-tampering", "An exact matcher was replaced by `toBeTruthy`, which passes for many wrong values."],
    ]);
  });

  it("takes other test globs when given", () => {
    const file = removed("checks/math.check.ts", mathTest);
    expect(verifyTestTampering([file])).toEqual([]);
    expect(verifyTestTampering([file], { testGlobs: ["checks/**"] }).map(brief)).toEqual(["error checks/math.check.ts:1 Test file deleted"]);
  });

  it.each([
    ["test/math.test.ts", true],
    ["src/math.spec.tsx", true],
    ["packages/core/__tests__/a.js", true],
    ["tests/test_parse.py", true],
    ["calc/parse_test.py", true],
    ["calc/add_test.go", true],
    ["src/test/java/CalcTest.java", true],
    ["spec/models/user_spec.rb", true],
    ["src/math.ts", false],
    ["src/contest.ts", false],
    ["docs/testing.md", false],
  ])("isTestPath(%s) is %s", (path, expected) => {
    expect(isTestPath(path)).toBe(expected);
  });
});
