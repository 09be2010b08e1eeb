import { describe, expect, it } from "vitest";
import { resolveDefinitions } from "../../src/definitions/resolve-definitions.ts";

// `artifacts.folder` is where agents get write access ({artifacts}/**): a folder that climbs out
// of the repository or lands in CI, automation or Pitwall's own definitions is refused on the card.

const resolve = (folder: string) => resolveDefinitions({ workflowFiles: [], agentFiles: [] }, { configText: `artifacts:\n  folder: ${folder}\n`, workflowFiles: [], agentFiles: [] });

describe("artifacts.folder", () => {
  it.each(["design/work", "docs/work", "notes", ".pitwall/work", "a.b/c-d_e"])("accepts %s", (folder) => {
    const resolved = resolve(folder);
    expect(resolved.ok && resolved.config.artifacts.folder).toBe(folder);
  });

  it.each([
    ["../outside", "a relative folder such as docs/work"],
    ["docs/../.github", "a relative folder such as docs/work"],
    ["./docs", "a relative folder such as docs/work"],
    [".github", "inside .github/**, which holds CI, automation or Pitwall definitions; agents would get write access there"],
    [".github/work", "inside .github/**, which holds CI, automation or Pitwall definitions; agents would get write access there"],
    ["workflows", "inside workflows/**, which holds CI, automation or Pitwall definitions; agents would get write access there"],
    [".circleci/notes", "inside .circleci/**, which holds CI, automation or Pitwall definitions; agents would get write access there"],
  ])("refuses %s at its line and column", (folder, message) => {
    const resolved = resolve(folder);
    expect(resolved.ok ? [] : resolved.problems).toEqual([{ file: ".github/pitwall.yml", line: 2, column: 11, field: "artifacts.folder", message }]);
  });
});
