import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeFolder } from "../../src/store/make-folder.ts";

describe("makeFolder", () => {
  const dir = mkdtempSync(join(tmpdir(), "pitwall-make-folder-"));
  afterEach(() => rmSync(join(dir, "a"), { recursive: true, force: true }));

  it("creates missing parents and accepts a folder that exists", () => {
    makeFolder(join(dir, "a", "b", "c"));
    makeFolder(join(dir, "a", "b", "c"));
    expect(statSync(join(dir, "a", "b", "c")).isDirectory()).toBe(true);
  });

  it("fails, instead of looping, where no folder can be made", () => {
    writeFileSync(join(dir, "file"), "x");
    expect(() => makeFolder(join(dir, "file"))).toThrow(/EEXIST/);
    expect(() => makeFolder(join(dir, "file", "data"))).toThrow(/ENOTDIR/);
  });

  // Node's recursive mkdir spins forever on this one (Linux).
  it.runIf(existsSync("/proc/self"))("fails under /proc, where Node's recursive mkdir never returns", () => {
    expect(() => makeFolder("/proc/pitwall-make-folder-test/data")).toThrow(/ENOENT/);
  });
});
