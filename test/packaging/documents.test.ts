import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";

// What the repository's documents point at is in the repository: a reader of a fresh clone has
// nothing else.
const root = fileURLToPath(new URL("../../", import.meta.url));
const documents = ["README.md", ...readdirSync(`${root}docs`).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)];

describe.each(documents)("%s", (document) => {
  const text = readFileSync(`${root}${document}`, "utf8");
  const base = new URL(document, `file://${root}`);

  it("links only to files of the repository that exist", () => {
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? "").filter((target) => !/^(https?:|mailto:|#)/.test(target));
    const broken = targets.filter((target) => {
      const path = fileURLToPath(new URL(target.split("#")[0] ?? "", base));
      return !path.startsWith(root) || !existsSync(path);
    });
    expect(broken).toEqual([]);
  });

  it("names no path outside the repository, nor the design document that is not in it", () => {
    expect(text.match(/`\.\.\/[^`]*`/g) ?? []).toEqual([]);
    expect(text.match(/\bDESIGN\b[^\n]*/g) ?? []).toEqual([]);
  });
});

it("ships the licence package.json announces", () => {
  const { license } = z.object({ license: z.string() }).parse(JSON.parse(readFileSync(`${root}package.json`, "utf8")));
  expect(license).toBe("MIT");
  expect(readFileSync(`${root}LICENSE`, "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} \S/);
});
