// What people do on github.com during a scenario, raising the same webhooks as the API would.
import { otherApp } from "./other-apps.ts";
import { userFor } from "./seed-repo.ts";
import { userById } from "../render/user.ts";
import { addComment, editComment as editCommentAction } from "../actions/comment-actions.ts";
import { createDeploymentStatus } from "../actions/deployment-actions.ts";
import { openIssue, setIssueState } from "../actions/issue-actions.ts";
import { addLabels, createLabel, removeLabel } from "../actions/label-actions.ts";
import { mergePull, type MergeOptions } from "../actions/merge-pull.ts";
import { openPull } from "../actions/pull-actions.ts";
import { submitReview, type ReviewEvent } from "../actions/review-actions.ts";
import { setRef } from "../actions/update-ref.ts";
import { isoSeconds } from "../core/ids.ts";
import { findIssue, findLabel, findPull, requireRepo } from "../core/lookup.ts";
import { buildTree, flattenTree } from "../git/flat-tree.ts";
import { linkedUserId } from "../git/linked-user-id.ts";
import { writeBlob, writeCommit } from "../git/objects.ts";
import { branchRef, branchSha } from "../git/refs.ts";
import type { World } from "../core/world.ts";
import type { CommentRecord, DeploymentState, DeploymentStatusRecord, IssueRecord, PullRecord, ReviewRecord } from "../types.ts";

function issueIn(w: World, repoName: string, number: number): IssueRecord {
  const issue = findIssue(w, requireRepo(w, repoName), number);
  if (!issue) throw new Error(`wind tunnel: ${repoName}#${number} does not exist`);
  return issue;
}

function pullIn(w: World, repoName: string, number: number): PullRecord {
  const pull = findPull(w, requireRepo(w, repoName), number);
  if (!pull) throw new Error(`wind tunnel: ${repoName}#${number} is not a pull request`);
  return pull;
}

export function createIssue(w: World, repoName: string, input: { title: string; body?: string; author: string; labels?: string[] }): IssueRecord {
  return openIssue(w, requireRepo(w, repoName), { title: input.title, body: input.body ?? null, author: userFor(w, input.author), labels: input.labels ?? [] });
}

export function addLabel(w: World, repoName: string, number: number, label: string, by: string): void {
  addLabels(w, requireRepo(w, repoName), issueIn(w, repoName, number), [label], userFor(w, by));
}

/** A person creates a repository label on github.com (Issues → Labels → New label). */
export function createRepoLabel(w: World, repoName: string, input: { name: string; color: string; description?: string }): void {
  const repo = requireRepo(w, repoName);
  if (findLabel(w, repo, input.name)) throw new Error(`wind tunnel: ${repoName} already has a label ${input.name}`);
  createLabel(w, repo, input.name, input.color, input.description ?? null);
}

export function unlabel(w: World, repoName: string, number: number, label: string, by: string): void {
  const found = findLabel(w, requireRepo(w, repoName), label);
  if (found) removeLabel(w, issueIn(w, repoName, number), found, userFor(w, by));
}

/** A person comments; `by: "<slug>[bot]"` is another GitHub App commenting (e.g. a workflow's GITHUB_TOKEN as github-actions[bot]). */
export function comment(w: World, repoName: string, number: number, body: string, by: string): CommentRecord {
  const bot = /^(.+)\[bot\]$/.exec(by)?.[1];
  const actor = bot !== undefined && bot !== w.app.slug ? userById(w, otherApp(w, bot).botId) : userFor(w, by);
  return addComment(w, issueIn(w, repoName, number), body, actor);
}

/** A person edits their comment on github.com: `issue_comment.edited` with `changes.body.from`, as GitHub sends it. */
export function editComment(w: World, repoName: string, commentId: number, body: string, by: string): CommentRecord {
  const comment = w.state.comments.get(commentId);
  const issue = comment ? w.state.issues.get(comment.issueId) : undefined;
  if (!comment || !issue || issue.repoKey !== requireRepo(w, repoName).key) throw new Error(`wind tunnel: ${repoName} has no comment ${commentId}`);
  editCommentAction(w, issue, comment, body, userFor(w, by));
  return comment;
}

export function setState(w: World, repoName: string, number: number, state: "open" | "closed", by: string): void {
  setIssueState(w, issueIn(w, repoName, number), state, null, userFor(w, by));
}

export interface PushInput {
  branch: string;
  /** path → new content, or null to delete the file */
  files: Record<string, string | null>;
  message?: string;
  by: string;
  /** where a new branch starts (default: the default branch) */
  from?: string;
  force?: boolean;
  /**
   * The commit's author and committer as the pusher's git config names them (default: the
   * pusher's noreply address). GitHub links a commit to the account whose address it is: an
   * address of no account leaves the commit's `author`/`committer` null, the app bot's noreply
   * address names the bot, whoever pushed.
   */
  identity?: { name: string; email: string };
}

/** A `git push` of one commit: the branch is created when missing; protection is not checked (admin push). */
export function pushFiles(w: World, repoName: string, input: PushInput): string {
  const repo = requireRepo(w, repoName);
  const user = userFor(w, input.by);
  const parent = branchSha(repo, input.branch) ?? branchSha(repo, input.from ?? repo.defaultBranch);
  if (parent === undefined) throw new Error(`wind tunnel: ${repoName} has no branch ${input.from ?? repo.defaultBranch}`);
  const flat = flattenTree(w, repo, w.state.commits.get(parent)?.tree ?? "");
  for (const [path, content] of Object.entries(input.files)) {
    if (content === null) flat.delete(path);
    else flat.set(path, { mode: "100644", type: "blob", sha: writeBlob(w, repo, Buffer.from(content)) });
  }
  const email = input.identity?.email ?? `${user.id}+${user.login}@users.noreply.github.com`;
  const sig = { name: input.identity?.name ?? user.login, email, date: isoSeconds(w.now()) };
  const sha = writeCommit(w, repo, { tree: buildTree(w, repo, flat), parents: [parent], message: input.message ?? "Update files", author: sig, committer: sig, authorUserId: input.identity ? linkedUserId(w, email) : user.id });
  setRef(w, repo, branchRef(input.branch), sha, user, input.force ?? false);
  return sha;
}

/** `git push origin <sha>:refs/heads/<branch>`: an existing commit onto a branch, created when missing. */
export function pushCommit(w: World, repoName: string, input: { branch: string; sha: string; by: string; force?: boolean }): void {
  const repo = requireRepo(w, repoName);
  if (!w.state.commits.has(input.sha)) throw new Error(`wind tunnel: ${repoName} has no commit ${input.sha}`);
  setRef(w, repo, branchRef(input.branch), input.sha, userFor(w, input.by), input.force ?? false);
}

export function openPullRequest(w: World, repoName: string, input: { head: string; base?: string; title: string; body?: string; by: string; draft?: boolean }): PullRecord {
  const repo = requireRepo(w, repoName);
  return openPull(w, repo, {
    title: input.title,
    body: input.body ?? null,
    author: userFor(w, input.by),
    headRepo: repo,
    headRef: input.head,
    baseRef: input.base ?? repo.defaultBranch,
    draft: input.draft ?? false,
    maintainerCanModify: true,
  });
}

/** A review as GitHub's form or API submits it; `commitId` names the commit reviewed (default: the head), as the API's `commit_id`. */
export function review(w: World, repoName: string, number: number, input: { by: string; event: ReviewEvent; body?: string; commitId?: string }): ReviewRecord {
  return submitReview(w, pullIn(w, repoName, number), { event: input.event, ...(input.body !== undefined ? { body: input.body } : {}), ...(input.commitId !== undefined ? { commitId: input.commitId } : {}) }, userFor(w, input.by));
}

export function mergePullRequest(w: World, repoName: string, number: number, input: { by: string } & MergeOptions): string {
  return mergePull(w, requireRepo(w, repoName), pullIn(w, repoName, number), input, userFor(w, input.by));
}

export interface DeploymentStatusInput {
  state: DeploymentState;
  by: string;
  description?: string;
  environmentUrl?: string;
  logUrl?: string;
  /** default: the previous status's environment, else the deployment's */
  environment?: string;
  /** default true */
  autoInactive?: boolean;
}

/** A person or deploy system reports on a deployment: `deployment_status.created` follows. */
export function setDeploymentStatus(w: World, repoName: string, deploymentId: number, input: DeploymentStatusInput): DeploymentStatusRecord {
  const repo = requireRepo(w, repoName);
  const deployment = w.state.deployments.get(deploymentId);
  if (!deployment || deployment.repoKey !== repo.key) throw new Error(`wind tunnel: ${repoName} has no deployment ${deploymentId}`);
  const { by, ...status } = input;
  return createDeploymentStatus(w, deployment, status, userFor(w, by), false);
}
