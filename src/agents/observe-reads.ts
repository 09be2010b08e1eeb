import type { RepoReads } from "../domain/pass-outcome.ts";
import type { RepoSnapshot, VersionedSnapshot } from "./workspace.ts";

/**
 * Wraps a snapshot so that everything an agent's context and tool loop read of the repo is
 * written down: each file with its blob SHA, and the listing if it was asked for. A re-run
 * compares these with the repo as it then is (cost/pass-outcome.ts).
 */
export function observeReads(base: VersionedSnapshot): { snapshot: RepoSnapshot; reads(): RepoReads } {
  const files = new Map<string, string | null>();
  let listing: string[] | null = null;
  return {
    snapshot: {
      async listFiles() {
        const paths = await base.listFiles();
        listing ??= paths;
        return paths;
      },
      async readFile(path) {
        const [text, sha] = await Promise.all([base.readFile(path), base.blobSha(path)]);
        if (!files.has(path)) files.set(path, sha ?? null);
        return text;
      },
    },
    reads: () => ({ files: Object.fromEntries(files), listing: listing === null ? null : [...listing] }),
  };
}
