import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dockerIgnores } from "./docker-ignores.ts";
import { importGraph } from "./import-graph.ts";

// The image leaves the wind tunnel out (.dockerignore), which is safe only while no code the image
// runs imports it: ESLint bans static imports of it by path; this walks the whole import graph
// (dynamic imports too) from each entry point the image or an operator starts.
const root = fileURLToPath(new URL("../../", import.meta.url));
const { scripts } = z.object({ scripts: z.record(z.string(), z.string()) }).parse(JSON.parse(readFileSync(`${root}package.json`, "utf8")));
const entries = ["start", "cost"].map((name) => /\bnode\s+(\S+\.ts)\b/.exec(scripts[name] ?? "")?.[1] ?? `(no .ts file in npm script "${name}")`);

describe.each(entries)("everything %s imports", (entry) => {
  const graph = importGraph(root, [entry]);

  it("is found by the walk (it reaches the store, the orchestrator and the migrations' reader)", () => {
    if (entry.endsWith("main.ts")) expect([...graph]).toEqual(expect.arrayContaining(["src/orchestrator/index.ts", "src/domain/work-item-state.ts", "src/store/migrate.ts", "src/app/start-pitwall.ts"]));
    expect(graph.size).toBeGreaterThan(5);
  });

  it("is outside the wind tunnel", () => {
    expect([...graph].filter((file) => file.startsWith("windtunnel/"))).toEqual([]);
  });

  it("is in the image's build context", () => {
    const ignored = dockerIgnores(`${root}.dockerignore`);
    expect([...graph].filter((file) => ignored(file))).toEqual([]);
  });
});

describe("importGraph", () => {
  it("follows imports, type imports, re-exports and dynamic imports, but not packages", () => {
    const dir = mkdtempSync(`${tmpdir()}/import-graph-`);
    try {
      writeFileSync(`${dir}/a.ts`, 'import { b } from "./b.ts";\nimport type { T } from "./t.ts";\nexport * from "./c.ts";\nimport { z } from "zod";\nexport const a = () => import("./d.ts");\n');
      for (const name of ["b", "t", "c", "d"]) writeFileSync(`${dir}/${name}.ts`, "export {};\n");
      expect([...importGraph(dir, ["a.ts"])].sort()).toEqual(["a.ts", "b.ts", "c.ts", "d.ts", "t.ts"]);
      writeFileSync(`${dir}/d.ts`, 'export * from "./missing.ts";\n');
      expect(() => importGraph(dir, ["a.ts"])).toThrow("missing.ts is imported but does not exist");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
