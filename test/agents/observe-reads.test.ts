import { describe, expect, it } from "vitest";
import { observeReads } from "../../src/agents/observe-reads.ts";
import { Workspace, type VersionedSnapshot } from "../../src/agents/workspace.ts";
import { gitBlobSha } from "../../src/domain/pass-outcome.ts";

const snapshot = (files: Record<string, string>): VersionedSnapshot => ({
  listFiles: () => Promise.resolve(Object.keys(files).sort()),
  readFile: (path) => Promise.resolve(files[path]),
  blobSha: (path) => Promise.resolve(files[path] === undefined ? undefined : gitBlobSha(files[path])),
});

describe("observeReads", () => {
  it("writes down what a tool loop read of the base commit, not what it read back of its own writes", async () => {
    const observed = observeReads(snapshot({ "README.md": "# Rocket\n", "src/index.ts": "export {};\n", "src/util.ts": "x\n" }));
    const workspace = new Workspace(observed.snapshot, ["src/**"]);
    expect(observed.reads()).toEqual({ files: {}, listing: null });
    await workspace.readFile("README.md");
    await workspace.readFile("missing.md");
    workspace.writeFile("src/new.ts", "new\n");
    await workspace.readFile("src/new.ts");
    await workspace.searchText("export", "src");
    expect(observed.reads()).toEqual({
      files: { "README.md": gitBlobSha("# Rocket\n"), "missing.md": null, "src/index.ts": gitBlobSha("export {};\n"), "src/util.ts": gitBlobSha("x\n") },
      listing: ["README.md", "src/index.ts", "src/util.ts"],
    });
  });
});
