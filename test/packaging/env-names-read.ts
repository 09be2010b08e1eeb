import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { importGraph } from "./import-graph.ts";

/**
 * The environment variables the image's code reads: Pitwall's own (every file `entry` reaches)
 * and Probot's, with the package that reads its private key.
 */
export function envNamesRead(root: string, entry: string): Set<string> {
  const require = createRequire(join(root, "package.json"));
  const probotLib = dirname(require.resolve("probot"));
  const files = [
    ...[...importGraph(root, [entry])].map((file) => join(root, file)),
    ...[...importGraph(probotLib, ["index.js"])].map((file) => join(probotLib, file)),
    require.resolve("@probot/get-private-key", { paths: [probotLib] }),
  ];
  const names = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(file, "utf8").matchAll(/\benv(?:\?)?\.([A-Z][A-Z0-9_]*)\b/g)) if (match[1]) names.add(match[1]);
  }
  return names;
}
