import { hasStatus, type GitHub, type Repo } from "./octokit.ts";

/** A file's text at `ref`, or undefined when it does not exist. */
export async function readRepoFile(gh: GitHub, repo: Repo, path: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await gh.rest.repos.getContent({ ...repo, path, ref });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return undefined;
    return Buffer.from(data.content, "base64").toString("utf8");
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}

/** The `.md` files directly in a folder at `ref` (empty when the folder does not exist). */
export async function readRepoMarkdownFiles(gh: GitHub, repo: Repo, folder: string, ref: string): Promise<{ path: string; text: string }[]> {
  let entries: { path: string; type: string }[];
  try {
    const { data } = await gh.rest.repos.getContent({ ...repo, path: folder, ref });
    if (!Array.isArray(data)) return [];
    entries = data;
  } catch (error) {
    if (hasStatus(error, 404)) return [];
    throw error;
  }
  const files = entries.filter((entry) => entry.type === "file" && entry.path.endsWith(".md")).sort((a, b) => a.path.localeCompare(b.path));
  const texts = await Promise.all(files.map((file) => readRepoFile(gh, repo, file.path, ref)));
  return files.flatMap((file, index) => {
    const text = texts[index];
    return text === undefined ? [] : [{ path: file.path, text }];
  });
}

export async function getDefaultBranchHead(gh: GitHub, repo: Repo): Promise<{ branch: string; sha: string }> {
  const { data } = await gh.rest.repos.get({ ...repo });
  const { data: ref } = await gh.rest.git.getRef({ ...repo, ref: `heads/${data.default_branch}` });
  return { branch: data.default_branch, sha: ref.object.sha };
}

/** The default branch's head, or undefined while the repository has no commit yet. */
export async function findDefaultBranchHead(gh: GitHub, repo: Repo): Promise<{ branch: string; sha: string } | undefined> {
  try {
    return await getDefaultBranchHead(gh, repo);
  } catch (error) {
    // An empty repository: GitHub answers 409 ("Git Repository is empty") or 404 for its branch.
    if (hasStatus(error, 409) || hasStatus(error, 404)) return undefined;
    throw error;
  }
}

export async function getDefaultBranch(gh: GitHub, repo: Repo): Promise<string> {
  const { data } = await gh.rest.repos.get({ ...repo });
  return data.default_branch;
}
