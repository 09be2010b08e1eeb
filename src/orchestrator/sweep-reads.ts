// What the reconciliation sweep reads of GitHub to compare a work item with it (part of the
// GitHub port): the same facts the webhooks it may have missed would have carried.

/** A repository (the GitHub port's `Repo`, repeated here so the two files do not import each other). */
interface Repo {
  owner: string;
  repo: string;
}

/** One CI result on a commit: a check run of another app (with its id) or a commit status. */
export interface CiResult {
  name: string;
  status: string;
  conclusion: string | null;
  checkRunId?: number | undefined;
  /** Commit statuses only: the status's own id (a re-run on the same commit posts a new one). */
  statusId?: number | undefined;
}

/** Who did something on GitHub: a login and its account type (`User`, `Bot`). */
export interface GitHubActor {
  login: string;
  type: string;
}

/** A comment on an issue or pull request. */
export interface IssueCommentFacts {
  id: number;
  body: string;
  author: GitHubActor | null;
  /** Written through a GitHub App (`performed_via_github_app`). */
  viaApp: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A submitted review on a pull request. */
export interface ReviewFacts {
  id: number;
  /** GitHub's word: `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED` … */
  state: string;
  commitSha: string | null;
  author: GitHubActor | null;
}

/** A pull request's state now. */
export interface PullRequestFacts {
  state: "open" | "closed";
  merged: boolean;
  mergeCommitSha: string | null;
  headSha: string;
  /** Who merged it, or (closed without a merge) who closed it. */
  closedBy: GitHubActor | null;
}

/** An issue's state now: open or closed (and by whom), and its labels. */
export interface IssueStateFacts {
  state: "open" | "closed";
  closedBy: GitHubActor | null;
  labels: string[];
}

/** An open issue (pull requests are left out) with the labels it carries. */
export interface OpenIssueFacts {
  number: number;
  title: string;
  author: string | null;
  labels: string[];
}

/** A label added to or removed from an issue, from the issue's event log. */
export interface LabelEventFacts {
  id: number;
  event: "labeled" | "unlabeled";
  label: string;
  actor: GitHubActor | null;
}

export interface SweepReads {
  /** The repositories the installation can see (first 100). */
  installationRepos(): Promise<Repo[]>;
  /** The most recently updated open issues of a repository (first 100). */
  openIssues(repo: Repo): Promise<OpenIssueFacts[]>;
  issueState(repo: Repo, issueNumber: number): Promise<IssueStateFacts>;
  /** The label changes of an issue, oldest first. */
  labelEvents(repo: Repo, issueNumber: number): Promise<LabelEventFacts[]>;
  /** The comments on an issue or pull request updated at or after `since`, oldest first. */
  issueComments(repo: Repo, issueNumber: number, since: Date): Promise<IssueCommentFacts[]>;
  /** Every review submitted on a pull request, oldest first. */
  reviews(repo: Repo, pullNumber: number): Promise<ReviewFacts[]>;
  pullRequestFacts(repo: Repo, pullNumber: number): Promise<PullRequestFacts>;
  /** What GitHub's latest answer to these reads said is left of the installation's rate limit (`x-ratelimit-remaining`). */
  rateLimitLeft(): Promise<number | undefined>;
  /** The repo's CI on a commit: other apps' check runs and commit statuses (never `pitwall/*`). */
  repoChecks(repo: Repo, sha: string): Promise<CiResult[]>;
}
