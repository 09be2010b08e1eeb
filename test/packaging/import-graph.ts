import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import ts from "typescript";

/**
 * Every source file reachable from `entries` through relative imports, re-exports and dynamic
 * `import("…")`, as paths relative to `root`. Bare specifiers (packages) are not followed.
 */
export function importGraph(root: string, entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = entries.map((entry) => resolve(root, entry));
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    const path = relative(root, file);
    if (seen.has(path)) continue;
    if (!existsSync(file)) throw new Error(`${path} is imported but does not exist`);
    seen.add(path);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const { fileName } of importedFiles) if (fileName.startsWith(".")) queue.push(resolve(dirname(file), fileName));
  }
  return seen;
}
