import { describe, expect, it } from "vitest";
import { resolveWriteGlobs } from "../../src/definitions/resolve-write-globs.ts";

describe("resolveWriteGlobs", () => {
  it.each([
    ["the placeholder", ["{artifacts}/**"], "design/work", ["design/work/**"]],
    ["the placeholder with a pattern after it", ["{artifacts}/**/*.md"], "notes", ["notes/**/*.md"]],
    ["the old literal default folder", ["src/**", "docs/work/**"], "design/work", ["src/**", "design/work/**"]],
    ["the default folder, unchanged", ["{artifacts}/**", "docs/work/**"], "docs/work", ["docs/work/**", "docs/work/**"]],
    ["globs that only look alike", ["docs/**", "docs/workshop/**", "x/{artifacts}/**", "{a,b}/**"], "design/work", ["docs/**", "docs/workshop/**", "x/{artifacts}/**", "{a,b}/**"]],
  ])("%s", (_name, globs, folder, expected) => {
    expect(resolveWriteGlobs(globs, folder)).toEqual(expected);
  });
});
