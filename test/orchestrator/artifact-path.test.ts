import { describe, expect, it } from "vitest";
import { artifactFolder, slugify } from "../../src/orchestrator/artifact-path.ts";

describe("slugify", () => {
  it("makes a short path-safe slug of a title", () => {
    expect(slugify("Add dark mode — für alle!")).toBe("add-dark-mode-fur-alle");
    expect(slugify("???")).toBe("work-item");
  });

  it("puts no piece of a credential in the title into the path", () => {
    const key = "AKIAQ7ZP3KX9LM2NV4RT";
    const folder = artifactFolder("docs/work", 7, `Rotate ${key} now`);
    expect(folder).toBe("docs/work/7-rotate-redacted-aws-access-key-id-now");
    expect(folder.toLowerCase()).not.toContain(key.toLowerCase().slice(0, 8));
  });
});
