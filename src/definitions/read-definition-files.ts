import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { DefinitionFile } from "./definition-set.ts";

/** Reads the `*.md` files of one folder, with paths relative to `root` for error messages. */
export async function readDefinitionFiles(root: string, folder: string): Promise<DefinitionFile[]> {
  const dir = join(root, folder);
  const names = (await readdir(dir)).filter((name) => name.endsWith(".md") && name.toLowerCase() !== "readme.md").sort();
  return Promise.all(names.map(async (name) => ({ path: relative(root, join(dir, name)), text: await readFile(join(dir, name), "utf8") })));
}
