import type { VersionedSnapshot } from "../agents/workspace.ts";
import type { RepoPermission } from "../commands/permissions.ts";
import type { FitOptions } from "../domain/fit-to-limit.ts";
import type { CheckAnnotation } from "../verifiers/check-annotation.ts";
import type { SweepReads } from "./sweep-reads.ts";

// The GitHub port: every operation the orchestrator performs on GitHub, over plain data. The
// orchestrator declares it and src/github implements it (createGitHubPort), so no use case sees
// an SDK's types. Every write redacts credentials and fits GitHub's field limits on the way out.

export interface Repo {
  owner: string;
  repo: string;
}

/** Who this GitHub App is on GitHub: its id and its bot's login (`<slug>[bot]`). */
export interface OwnApp {
  id: number;
  login: string;
}

export interface FileChange {
  path: string;
  /** New UTF-8 content, or null to delete the file. */
  content: string | null;
}

export interface CommitFilesRequest {
  branch: string;
  /** Where the branch starts if it does not exist yet (the pass's base commit). */
  baseSha: string;
  files: FileChange[];
  message: string;
  /**
   * Called with the new commit before the branch moves to it: the caller records it as its own
   * while the move may still be lost (a dropped answer, a crash), so a retry that finds the
   * branch already there still knows whose commit it is.
   */
  beforeBranchMoves?: (commitSha: string) => Promise<void>;
}

export interface CommittedFiles {
  commitSha: string;
  treeSha: string;
  /** false: the tree did not change, so the branch's head stays the commit. */
  created: boolean;
  /** GitHub's time of the head (its commit's date, or GitHub's clock when nothing changed). */
  at: Date | undefined;
}

export interface PullRequestRequest {
  head: string;
  base: string;
  title: string;
  body: string;
  /** where the whole body lives if GitHub's limit cuts it */
  wholeAt?: string;
}

export interface PullRequestRef {
  number: number;
  headSha: string;
  htmlUrl: string;
  created: boolean;
}

/** What the orchestrator reads of a pull request after GitHub refused to merge it. */
export interface PullRequestMergeState {
  merged: boolean;
  mergeCommitSha: string | null;
  headSha: string;
}

export type MergeResult = { merged: true; sha: string } | { merged: false; reason: string };

export interface FileChangeWithContent {
  path: string;
  status: "added" | "modified" | "removed" | "renamed";
  previousPath?: string;
  before?: string;
  after?: string;
}

/** A file a pull request changes, as GitHub lists it. */
export interface PullRequestFile {
  path: string;
  /** GitHub's word: `added`, `removed`, `modified`, `renamed` … */
  status: string;
}

export interface PullRequestReview {
  author: string;
  state: string;
  body: string;
  commitSha: string | null;
}

export interface PullRequestPushers {
  pushers: { login: string; sha: string }[];
  /** The first commit, not Pitwall's own, whose author or committer GitHub links to no account. */
  unlinked: string | null;
}

/** A button on the check run; pressing it sends `check_run.requested_action` with its identifier. */
export interface CheckAction {
  /** At most 20 characters. */
  label: string;
  /** At most 40 characters. */
  description: string;
  /** At most 20 characters. */
  identifier: string;
}

export interface CheckRunState {
  name: string;
  headSha: string;
  /** Stable identity, so a retry updates the same check run instead of adding one. */
  externalId: string;
  status: "queued" | "in_progress" | "completed";
  conclusion?: "success" | "failure" | "neutral" | "cancelled" | "action_required";
  title: string;
  summary: string;
  /** where the whole summary lives if GitHub's limit cuts it */
  wholeAt?: string;
  /** Sent 50 per request, as the Checks API requires; later requests append. */
  annotations?: readonly CheckAnnotation[];
  actions?: readonly CheckAction[];
}

/** The repo's own CI on a commit: a check run of another app or a commit status (never `pitwall/*`). */
export interface RepoCheck {
  name: string;
  status: "queued" | "in_progress" | "completed" | "pending";
  conclusion: string | null;
  /** Check runs only: where the annotations can be read. */
  checkRunId?: number | undefined;
  /** Commit statuses only: the status's own id. */
  statusId?: number | undefined;
  summary?: string | undefined;
  url?: string | undefined;
}

export interface PullRequestCi {
  /** The checks the base branch requires (not Pitwall's own); undefined when it requires none. */
  required: string[] | undefined;
  checks: RepoCheck[];
}

/** A check the branch requires, and the app it must come from (`null`: any app or status). */
export interface RequiredCheck {
  context: string;
  appId: number | null;
}

export interface BranchProtectionFacts {
  /** Classic branch protection, or at least one active ruleset rule. */
  exists: boolean;
  /** Check names the branch requires before merging (classic protection and rulesets). */
  requiredChecks: string[];
  requiredApprovals: number;
  /** Every requirement of a check, with the app it is pinned to. */
  checks: RequiredCheck[];
  /** Approvals classic branch protection requires; no app can bypass them. */
  classicApprovals: number;
  /** The ids of active rulesets that require approving reviews. */
  reviewRulesetIds: number[];
}

export interface IssueFacts {
  title: string;
  body: string;
  author: string;
  state: string;
}

export interface LabelSpec {
  name: string;
  /** six hex digits, without `#` */
  color: string;
  description: string;
}

export interface DeploymentRequest {
  sha: string;
  environment: string;
  production: boolean;
  description: string;
  /** Stored on the deployment so a retried job finds it instead of deploying twice. */
  key: string;
}

export type CommentReaction = "eyes" | "+1" | "-1" | "confused";

/** One installation's GitHub, as the orchestrator uses it. */
export interface GitHubPort extends SweepReads {
  // ——— commits, refs, contents ———
  /** All `files` as one commit on `branch` (none when the tree would not change). */
  commitFiles(repo: Repo, request: CommitFilesRequest): Promise<CommittedFiles>;
  /** The SHA a ref (`heads/<branch>`) points at, or undefined when it does not exist. */
  getRefSha(repo: Repo, ref: string): Promise<string | undefined>;
  /** A file's text at `ref`, or undefined when it does not exist. */
  readRepoFile(repo: Repo, path: string, ref: string): Promise<string | undefined>;
  /** The `.md` files directly in a folder at `ref` (empty when the folder does not exist). */
  readRepoMarkdownFiles(repo: Repo, folder: string, ref: string): Promise<{ path: string; text: string }[]>;
  getDefaultBranchHead(repo: Repo): Promise<{ branch: string; sha: string }>;
  /** As getDefaultBranchHead, but undefined while the repository is empty (it has no commit yet). */
  findDefaultBranchHead(repo: Repo): Promise<{ branch: string; sha: string } | undefined>;
  getDefaultBranch(repo: Repo): Promise<string>;
  /** The repository at one commit: files listed once, read on demand. */
  repoSnapshot(repo: Repo, commitSha: string): VersionedSnapshot;

  // ——— pull requests ———
  /** Opens the pull request for `head`, or updates the open one: a retried job never duplicates it. */
  ensurePullRequest(repo: Repo, request: PullRequestRequest): Promise<PullRequestRef>;
  getPullRequest(repo: Repo, pullNumber: number): Promise<PullRequestMergeState>;
  /** Closes it with a comment saying why (already closed is fine); `deleteBranch` deletes its head branch too. */
  closePullRequest(repo: Repo, pullNumber: number, why: string, options?: { deleteBranch?: boolean }): Promise<void>;
  /** Merges at exactly `headSha`; GitHub's refusal (protection, head moved) is a reason, not a throw. */
  mergePullRequest(repo: Repo, pullNumber: number, headSha: string, commit: { title: string; message: string }): Promise<MergeResult>;
  /** Deletes a branch; one that is already gone is fine. */
  deleteBranch(repo: Repo, branch: string): Promise<void>;
  /** Files changed between two commits, and the link people can follow. */
  compareCommits(repo: Repo, base: string, head: string): Promise<{ files: string[]; url: string }>;
  /** The files `head` changes against `base` (from their merge base), with their text before and after. */
  changedFilesWithContent(repo: Repo, base: string, head: string): Promise<FileChangeWithContent[]>;
  /** The first 100 files the pull request changes. */
  pullRequestFiles(repo: Repo, pullNumber: number): Promise<PullRequestFile[]>;
  /** The pull request's changed files with their patches (binary or huge files have none). */
  pullRequestPatches(repo: Repo, pullNumber: number): Promise<{ path: string; patch: string | undefined }[]>;
  /** Who put commits on the pull request, except `except` and the commits in `own`. */
  pullRequestPushers(repo: Repo, pullNumber: number, except: string, own?: ReadonlySet<string>): Promise<PullRequestPushers>;
  /** People's reviews with a body, oldest first (bots' reviews are left out). */
  pullRequestReviews(repo: Repo, pullNumber: number): Promise<PullRequestReview[]>;

  // ——— check runs, CI, branch protection ———
  /** Creates the check run, or updates it when `knownId` is given; returns its id. */
  upsertCheckRun(repo: Repo, checkRun: CheckRunState, knownId?: number | null): Promise<number>;
  /** Whether a check run called `name` with this external id is on the commit. */
  hasCheckRun(repo: Repo, headSha: string, name: string, externalId: string): Promise<boolean>;
  /** The annotations of a failed check run, as lines an implementer can act on. */
  readCheckAnnotations(repo: Repo, checkRunId: number, limit?: number): Promise<string[]>;
  /** The repo's CI on a pull request's head. */
  readPullRequestCi(repo: Repo, pullNumber: number, sha: string): Promise<PullRequestCi>;
  /** What the branch requires before a merge (classic protection and rulesets). */
  readBranchProtection(repo: Repo, branch: string): Promise<BranchProtectionFacts>;
  /** The rulesets Pitwall itself may not bypass, by name. */
  rulesetsHoldingApp(repo: Repo, rulesetIds: readonly number[]): Promise<string[]>;

  // ——— comments, issues, labels ———
  postComment(repo: Repo, issueNumber: number, body: string, fit?: Pick<FitOptions, "wholeAt">): Promise<number>;
  /** Creates or edits the comment carrying `marker` that `own` app wrote; returns its id. */
  upsertComment(own: OwnApp, repo: Repo, issueNumber: number, marker: string, body: string, knownId?: number | null, fit?: Pick<FitOptions, "wholeAt">): Promise<number>;
  getIssue(repo: Repo, issueNumber: number): Promise<IssueFacts>;
  createIssue(repo: Repo, issue: { title: string; body: string; labels: string[] }): Promise<{ number: number; url: string }>;
  closeIssue(repo: Repo, issueNumber: number): Promise<void>;
  reopenIssue(repo: Repo, issueNumber: number): Promise<void>;
  /** The names of the labels an issue carries now. */
  issueLabels(repo: Repo, issueNumber: number): Promise<string[]>;
  reactToComment(repo: Repo, commentId: number, content: CommentReaction): Promise<void>;
  addLabel(repo: Repo, issueNumber: number, label: string): Promise<void>;
  /** Removes a label; one that is not there is fine. */
  removeLabel(repo: Repo, issueNumber: number, label: string): Promise<void>;
  /** Creates the repository labels that are missing, leaving every other one as it is; returns those it created. */
  createMissingLabels(repo: Repo, labels: readonly LabelSpec[]): Promise<string[]>;

  // ——— people, deployments ———
  /** The user's permission on the repository, asked of GitHub now. */
  getRepoPermission(repo: Repo, username: string): Promise<RepoPermission>;
  /** Creates the deployment of `sha`, or returns the one a retried job already created. */
  ensureDeployment(repo: Repo, request: DeploymentRequest): Promise<{ id: number; created: boolean }>;

  /** This port with `check` awaited before every later write (a read goes through): the work-item fence. */
  guardWrites(check: () => Promise<void>): GitHubPort;
}
