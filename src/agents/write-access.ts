import { matchesGlob } from "node:path";

/** Paths outside the agent's `access.write` globs; an empty list means every write is allowed. */
export function writesOutsideAccess(paths: readonly string[], writeGlobs: readonly string[]): string[] {
  return paths.filter((path) => !writeGlobs.some((glob) => matchesGlob(path, glob)));
}
