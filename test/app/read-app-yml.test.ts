import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readAppYml } from "../../src/app/read-app-yml.ts";

describe("readAppYml", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const withAppYml = (text: string | undefined) => {
    dir = mkdtempSync(join(tmpdir(), "pitwall-app-yml-"));
    if (text !== undefined) writeFileSync(join(dir, "app.yml"), text);
    return dir;
  };

  it("reads the manifest fields as written", () => {
    expect(readAppYml(withAppYml("name: Pitwall\ndescription: It's here\ndefault_events: [issues]\n"))).toEqual({ name: "Pitwall", description: "It's here", default_events: ["issues"] });
  });

  it("takes Pitwall's own app.yml when the working folder has none (npm start run from elsewhere)", () => {
    const own = readAppYml(withAppYml(undefined));
    expect(own["name"]).toBe("Pitwall");
    expect(own["default_events"]).toContain("issue_comment");
  });

  it("says what is wrong with app.yml, naming it", () => {
    expect(() => readAppYml(withAppYml("name: [unclosed\n"))).toThrow(/app.yml is not valid YAML/);
    expect(() => readAppYml(withAppYml("- a\n- b\n"))).toThrow(/app.yml must be a mapping/);
    expect(() => readAppYml(withAppYml("description: no name\n"))).toThrow(/app.yml must give the app a name/);
  });
});
