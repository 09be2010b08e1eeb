import type { VersionedSnapshot } from "../agents/workspace.ts";
import type { GitHub, Repo } from "./octokit.ts";

/**
 * The repository at one commit, read through the Git Data API: one recursive tree listing, then
 * blobs on demand (cached). Binary files read as undefined.
 */
export function repoSnapshot(gh: GitHub, repo: Repo, commitSha: string): VersionedSnapshot {
  let tree: Promise<Map<string, string>> | undefined;
  const blobs = new Map<string, Promise<string | undefined>>();
  const entries = () =>
    (tree ??= (async () => {
      const { data: commit } = await gh.rest.git.getCommit({ ...repo, commit_sha: commitSha });
      const { data } = await gh.rest.git.getTree({ ...repo, tree_sha: commit.tree.sha, recursive: "true" });
      return new Map(data.tree.filter((entry) => entry.type === "blob" && entry.path && entry.sha).map((entry) => [entry.path ?? "", entry.sha ?? ""]));
    })());
  return {
    async listFiles() {
      return [...(await entries()).keys()].sort();
    },
    async blobSha(path) {
      return (await entries()).get(path);
    },
    async readFile(path) {
      const sha = (await entries()).get(path);
      if (sha === undefined) return undefined;
      let text = blobs.get(sha);
      if (!text) {
        text = gh.rest.git.getBlob({ ...repo, file_sha: sha }).then(({ data }) => {
          const bytes = Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8");
          return bytes.includes(0) ? undefined : bytes.toString("utf8");
        });
        blobs.set(sha, text);
      }
      return text;
    },
  };
}
