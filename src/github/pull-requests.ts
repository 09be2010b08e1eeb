import type { FileChangeWithContent, MergeResult, PullRequestFile, PullRequestMergeState, PullRequestRef, PullRequestRequest } from "../orchestrator/github-port.ts";
import { readRepoFile } from "./contents.ts";
import { fitToLimit, githubLimits } from "../domain/fit-to-limit.ts";
import { hasStatus, type GitHub, type Repo } from "./octokit.ts";
import { redactText } from "./redact-text.ts";
import { sentOnce } from "./sent-once.ts";

/** Opens the pull request for `head`, or updates the open one: a retried job never duplicates it. */
export async function ensurePullRequest(gh: GitHub, repo: Repo, request: PullRequestRequest): Promise<PullRequestRef> {
  const title = fitToLimit(redactText(request.title), githubLimits.title);
  const body = fitToLimit(redactText(request.body), githubLimits.body, request.wholeAt === undefined ? {} : { wholeAt: request.wholeAt });
  const existing = await findOpenPullRequest(gh, repo, request.head);
  if (existing) {
    const { data } = await gh.rest.pulls.update({ ...repo, pull_number: existing.number, title, body });
    return { number: data.number, headSha: data.head.sha, htmlUrl: data.html_url, created: false };
  }
  try {
    const { data } = await gh.rest.pulls.create({ ...repo, head: request.head, base: request.base, title, body, ...sentOnce });
    return { number: data.number, headSha: data.head.sha, htmlUrl: data.html_url, created: true };
  } catch (error) {
    // 422: another run opened it between our look and our create.
    if (!hasStatus(error, 422)) throw error;
    const raced = await findOpenPullRequest(gh, repo, request.head);
    if (!raced) throw error;
    return { ...raced, created: false };
  }
}

async function findOpenPullRequest(gh: GitHub, repo: Repo, head: string): Promise<Omit<PullRequestRef, "created"> | undefined> {
  const { data } = await gh.rest.pulls.list({ ...repo, state: "open", head: `${repo.owner}:${head}`, per_page: 10 });
  const pull = data[0];
  return pull ? { number: pull.number, headSha: pull.head.sha, htmlUrl: pull.html_url } : undefined;
}

/**
 * Merges the pull request at exactly `headSha` (a push after the approval makes GitHub refuse),
 * with the merge commit's title and message given (never GitHub's default, the PR's title).
 * A refusal by GitHub (branch protection 405, head moved 409) comes back as a reason, not a throw.
 */
export async function mergePullRequest(gh: GitHub, repo: Repo, pullNumber: number, headSha: string, commit: { title: string; message: string }): Promise<MergeResult> {
  try {
    const { data } = await gh.rest.pulls.merge({ ...repo, pull_number: pullNumber, sha: headSha, merge_method: "merge", commit_title: redactText(commit.title), commit_message: redactText(commit.message) });
    return { merged: true, sha: data.sha };
  } catch (error) {
    if (hasStatus(error, 405) || hasStatus(error, 409)) {
      const message = error instanceof Error ? error.message : String(error);
      return { merged: false, reason: message };
    }
    throw error;
  }
}

/** Whether the pull request was merged, its merge commit and its head now. */
export async function getPullRequest(gh: GitHub, repo: Repo, pullNumber: number): Promise<PullRequestMergeState> {
  const { data } = await gh.rest.pulls.get({ ...repo, pull_number: pullNumber });
  return { merged: data.merged, mergeCommitSha: data.merge_commit_sha, headSha: data.head.sha };
}

/**
 * Closes a pull request with a comment saying why (a cancelled work item, a switched workflow).
 * Already closed is fine. With `deleteBranch`, its head branch goes too, so work that starts
 * again on the same branch name starts from the default branch.
 */
export async function closePullRequest(gh: GitHub, repo: Repo, pullNumber: number, why: string, options: { deleteBranch?: boolean } = {}): Promise<void> {
  const { data } = await gh.rest.pulls.get({ ...repo, pull_number: pullNumber });
  if (data.state !== "closed") {
    await gh.rest.issues.createComment({ ...repo, issue_number: pullNumber, body: fitToLimit(redactText(why), githubLimits.body), ...sentOnce });
    await gh.rest.pulls.update({ ...repo, pull_number: pullNumber, state: "closed" });
  }
  if (options.deleteBranch) await deleteBranch(gh, repo, data.head.ref);
}

/** Deletes a branch; one that is already gone is fine. */
export async function deleteBranch(gh: GitHub, repo: Repo, branch: string): Promise<void> {
  try {
    await gh.rest.git.deleteRef({ ...repo, ref: `heads/${branch}` });
  } catch (error) {
    if (!hasStatus(error, 404) && !hasStatus(error, 422)) throw error;
  }
}

/** Files changed between two commits, and the link people can follow. */
export async function compareCommits(gh: GitHub, repo: Repo, base: string, head: string): Promise<{ files: string[]; url: string }> {
  const { data } = await gh.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}`, per_page: 100 });
  return { files: (data.files ?? []).map((file) => file.filename), url: data.html_url };
}

/** The first 100 files the pull request changes (one page, unlike pullRequestPatches). */
export async function pullRequestFiles(gh: GitHub, repo: Repo, pullNumber: number): Promise<PullRequestFile[]> {
  const { data } = await gh.rest.pulls.listFiles({ ...repo, pull_number: pullNumber, per_page: 100 });
  return data.map((file) => ({ path: file.filename, status: file.status }));
}

/** The pull request's changed files with their patches (binary or huge files have none). */
export async function pullRequestPatches(gh: GitHub, repo: Repo, pullNumber: number): Promise<{ path: string; patch: string | undefined }[]> {
  const files = await gh.paginate(gh.rest.pulls.listFiles, { ...repo, pull_number: pullNumber, per_page: 100 });
  return files.map((file) => ({ path: file.filename, patch: file.patch }));
}

/**
 * Who put commits on the pull request, as GitHub lists its commits (author and committer accounts,
 * oldest first), with the commit that first names each; `except` (the app's own bot) is left out.
 * `unlinked`: the first commit, not one of `own` (by SHA), whose author or committer GitHub links to
 * no account, so whoever made it is not known from the list.
 */
export async function pullRequestPushers(gh: GitHub, repo: Repo, pullNumber: number, except: string, own: ReadonlySet<string> = new Set()): Promise<{ pushers: { login: string; sha: string }[]; unlinked: string | null }> {
  const commits = await gh.paginate(gh.rest.pulls.listCommits, { ...repo, pull_number: pullNumber, per_page: 100 });
  const pushers = new Map<string, { login: string; sha: string }>();
  let unlinked: string | null = null;
  for (const commit of commits) {
    if (own.has(commit.sha)) continue;
    for (const login of [commit.author?.login, commit.committer?.login]) {
      if (!login) unlinked ??= commit.sha;
      if (!login || login.toLowerCase() === except.toLowerCase() || pushers.has(login.toLowerCase())) continue;
      pushers.set(login.toLowerCase(), { login, sha: commit.sha });
    }
  }
  return { pushers: [...pushers.values()], unlinked };
}

/** People's reviews with a body, oldest first (bots' reviews are left out). */
export async function pullRequestReviews(gh: GitHub, repo: Repo, pullNumber: number): Promise<{ author: string; state: string; body: string; commitSha: string | null }[]> {
  const reviews = await gh.paginate(gh.rest.pulls.listReviews, { ...repo, pull_number: pullNumber, per_page: 100 });
  return reviews
    .filter((review) => review.user?.type === "User" && review.body.trim() !== "")
    .map((review) => ({ author: review.user?.login ?? "ghost", state: review.state, body: review.body, commitSha: review.commit_id ?? null }));
}

/**
 * The files `head` changes against `base` (from their merge base, as a pull request shows them),
 * with their text before and after. Binary files read as undefined.
 */
export async function changedFilesWithContent(gh: GitHub, repo: Repo, base: string, head: string): Promise<FileChangeWithContent[]> {
  const { data } = await gh.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}`, per_page: 100 });
  const mergeBase = data.merge_base_commit.sha;
  const changes: FileChangeWithContent[] = [];
  for (const file of data.files ?? []) {
    const status = file.status === "added" || file.status === "removed" || file.status === "renamed" ? file.status : "modified";
    const previousPath = status === "renamed" ? file.previous_filename : undefined;
    const before = status === "added" ? undefined : await readRepoFile(gh, repo, previousPath ?? file.filename, mergeBase);
    const after = status === "removed" ? undefined : await readRepoFile(gh, repo, file.filename, head);
    changes.push({ path: file.filename, status, ...(previousPath ? { previousPath } : {}), ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });
  }
  return changes;
}
