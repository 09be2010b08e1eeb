// The fake GitHub's state model: plain records that the routes read and change and that
// tests inspect through `gh.state`.
//
// Glossary
// - repo key: `owner/name` lower-cased; GitHub treats both parts case-insensitively.
// - actor: the user a request or helper acts as (an installation token acts as `<slug>[bot]`).
// - object: a git blob, tree or commit, stored once by SHA and listed per repo in `repo.objects`.
// - ref: a full git ref name (`refs/heads/main`) pointing at a commit SHA.
// - event: what GitHub would send as a webhook; a delivery is one POST of an event to the app.

export type UserType = "User" | "Bot" | "Organization";

export interface UserRecord {
  id: number;
  nodeId: string;
  login: string;
  type: UserType;
}

/** A repository role as set by a maintainer; the permission API folds it to four levels. */
export type RepoRole = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export interface BranchProtection {
  requiredStatusChecks: { strict: boolean; checks: { context: string; appId: number | null }[] } | null;
  requiredReviews: {
    count: number;
    dismissStaleReviews: boolean;
    requireCodeOwnerReviews: boolean;
    requireLastPushApproval: boolean;
  } | null;
  enforceAdmins: boolean;
  allowForcePushes: boolean;
  allowDeletions: boolean;
}

/** A bypass actor of a ruleset; `actorId` is an app id for `Integration`, a user id for `User`, a role id for `RepositoryRole`. */
export interface RulesetBypassActor {
  actorId: number | null;
  actorType: "Integration" | "OrganizationAdmin" | "RepositoryRole" | "Team" | "DeployKey" | "User";
  bypassMode: "always" | "pull_request" | "exempt";
}

/** One rule as the REST API spells it; only `pull_request` and `required_status_checks` are enforced. */
export interface RulesetRule {
  type: string;
  parameters?: Record<string, unknown>;
}

/** A repository ruleset (POST /repos/{owner}/{repo}/rulesets). */
export interface RulesetRecord {
  id: number;
  nodeId: string;
  repoKey: string;
  name: string;
  target: "branch" | "tag" | "push";
  enforcement: "disabled" | "active" | "evaluate";
  bypassActors: RulesetBypassActor[];
  /** `conditions.ref_name` patterns: `~DEFAULT_BRANCH`, `~ALL`, `refs/heads/<glob>` */
  include: string[];
  exclude: string[];
  rules: RulesetRule[];
  createdAt: string;
  updatedAt: string;
}

export interface RepoRecord {
  id: number;
  nodeId: string;
  key: string;
  owner: string;
  name: string;
  private: boolean;
  defaultBranch: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  /** full ref name → commit SHA */
  refs: Map<string, string>;
  /** SHAs of the git objects this repo holds */
  objects: Set<string>;
  /** lower-cased login → role */
  roles: Map<string, RepoRole>;
  /** branch name → protection */
  protections: Map<string, BranchProtection>;
  /** issues and pull requests share one number sequence */
  nextNumber: number;
}

export interface LabelRecord {
  id: number;
  nodeId: string;
  repoKey: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface IssueRecord {
  id: number;
  nodeId: string;
  repoKey: string;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "reopened" | "duplicate" | null;
  authorId: number;
  /** label ids in the order they were added */
  labelIds: number[];
  assigneeIds: number[];
  locked: boolean;
  isPull: boolean;
  viaApp: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedById: number | null;
}

export interface PullRecord {
  id: number;
  nodeId: string;
  repoKey: string;
  number: number;
  /** the issue that carries title, body, state, labels and comments */
  issueId: number;
  headRepoKey: string;
  headRef: string;
  /** follows the head branch while open; frozen when closed */
  headSha: string;
  baseRef: string;
  /** the base branch's commit when last synchronised (informational, like GitHub's base.sha) */
  baseSha: string;
  draft: boolean;
  maintainerCanModify: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedById: number | null;
  mergeCommitSha: string | null;
}

export interface CommentRecord {
  id: number;
  nodeId: string;
  repoKey: string;
  issueId: number;
  body: string;
  authorId: number;
  viaApp: boolean;
  createdAt: string;
  updatedAt: string;
}

export type ReactionContent = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";

export interface ReactionRecord {
  id: number;
  nodeId: string;
  subject: { kind: "issue" | "comment"; id: number };
  content: ReactionContent;
  userId: number;
  createdAt: string;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "PENDING" | "DISMISSED";

export interface ReviewRecord {
  id: number;
  nodeId: string;
  repoKey: string;
  pullId: number;
  userId: number;
  body: string;
  state: ReviewState;
  commitId: string;
  submittedAt: string | null;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column: number | null;
  end_column: number | null;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title: string | null;
  raw_details: string | null;
}

export type CheckConclusion = "action_required" | "cancelled" | "failure" | "neutral" | "success" | "skipped" | "stale" | "timed_out";

export interface CheckRunRecord {
  id: number;
  nodeId: string;
  repoKey: string;
  appId: number;
  checkSuiteId: number;
  name: string;
  headSha: string;
  externalId: string | null;
  detailsUrl: string | null;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Annotation[];
  actions: { label: string; description: string; identifier: string }[];
}

/** A GitHub App other than the one under test (the repo's own CI, like GitHub Actions). */
export interface AppRecord {
  id: number;
  slug: string;
  name: string;
  nodeId: string;
  clientId: string;
  /** the organization owning the app */
  ownerId: number;
  /** the `<slug>[bot]` user that acts for it */
  botId: number;
  createdAt: string;
  permissions: Record<string, "read" | "write">;
  events: string[];
  /** set for apps registered from a manifest */
  description?: string;
  hookUrl?: string;
}

/** A code GitHub hands back after "Create GitHub App" from a manifest: it works once, for an hour. */
export interface ManifestCodeRecord {
  code: string;
  appId: number;
  pem: string;
  webhookSecret: string;
  clientSecret: string;
  expiresAt: string;
  used: boolean;
}

export interface DeploymentRecord {
  id: number;
  nodeId: string;
  repoKey: string;
  sha: string;
  /** the ref as the request named it (branch, tag or SHA) */
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  /** the environment at creation; `environment` follows later statuses that name another one */
  originalEnvironment: string;
  environment: string;
  description: string | null;
  creatorId: number;
  /** made with an installation token: `performed_via_github_app` is the app */
  viaApp: boolean;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  createdAt: string;
  updatedAt: string;
}

export type DeploymentState = "error" | "failure" | "inactive" | "in_progress" | "queued" | "pending" | "success";

export interface DeploymentStatusRecord {
  id: number;
  nodeId: string;
  repoKey: string;
  deploymentId: number;
  state: DeploymentState;
  description: string;
  environment: string;
  environmentUrl: string;
  /** `log_url`; GitHub mirrors it into `target_url` */
  logUrl: string;
  creatorId: number;
  viaApp: boolean;
  createdAt: string;
}

export interface StatusRecord {
  id: number;
  nodeId: string;
  repoKey: string;
  sha: string;
  state: "error" | "failure" | "pending" | "success";
  context: string;
  description: string | null;
  targetUrl: string | null;
  creatorId: number;
  createdAt: string;
}

export interface GitSignature {
  name: string;
  email: string;
  /** ISO 8601, seconds precision */
  date: string;
}

export interface BlobRecord {
  sha: string;
  content: Buffer;
}

export type TreeMode = "100644" | "100755" | "040000" | "160000" | "120000";
export type TreeEntryType = "blob" | "tree" | "commit";

export interface TreeEntry {
  name: string;
  mode: TreeMode;
  type: TreeEntryType;
  sha: string;
}

export interface TreeRecord {
  sha: string;
  /** in git's canonical order */
  entries: TreeEntry[];
}

export interface CommitRecord {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: GitSignature;
  committer: GitSignature;
  /** the GitHub user the commit is attributed to, when known */
  authorUserId: number | null;
  /** the GitHub user of the committer's address, when it differs from the author's (unset: the same) */
  committerUserId?: number | null;
}

export interface InstallationRecord {
  id: number;
  nodeId: string;
  accountId: number;
  /** repo keys, or "all" for every repository the account owns */
  repos: Set<string> | "all";
  permissions: Record<string, "read" | "write">;
  events: string[];
  createdAt: string;
  /** set while the installation is suspended: its tokens answer 403 */
  suspendedAt?: string | null;
  suspendedById?: number | null;
}

export interface TokenRecord {
  token: string;
  installationId: number;
  expiresAt: string;
  permissions: Record<string, "read" | "write">;
  /** narrower than the installation when the token request named repositories */
  repos: Set<string> | null;
}

export interface EventRecord {
  event: string;
  action: string | undefined;
  payload: Record<string, unknown>;
  at: string;
}

export interface DeliveryRecord {
  /** X-GitHub-Delivery; the same on a redelivery */
  guid: string;
  event: string;
  action: string | undefined;
  payload: Record<string, unknown>;
  redelivery: boolean;
  /** HTTP status the app answered with, or null when the POST failed */
  status: number | null;
  error: string | null;
  durationMs: number;
  deliveredAt: string;
}

/** An entry of an issue's event log (GET …/issues/{n}/events): who labelled or unlabelled it, when. */
export interface IssueEventRecord {
  id: number;
  issueId: number;
  event: "labeled" | "unlabeled";
  actorId: number;
  labelName: string;
  labelColor: string;
  createdAt: string;
}

export interface FakeState {
  /** lower-cased login → user */
  users: Map<string, UserRecord>;
  /** repo key → repo */
  repos: Map<string, RepoRecord>;
  installations: Map<number, InstallationRecord>;
  tokens: Map<string, TokenRecord>;
  /** issue id → issue (pull requests included: they are issues too) */
  issues: Map<number, IssueRecord>;
  pulls: Map<number, PullRecord>;
  comments: Map<number, CommentRecord>;
  labels: Map<number, LabelRecord>;
  reviews: Map<number, ReviewRecord>;
  reactions: Map<number, ReactionRecord>;
  checkRuns: Map<number, CheckRunRecord>;
  /** commit statuses (the pre-checks CI API) */
  statuses: Map<number, StatusRecord>;
  deployments: Map<number, DeploymentRecord>;
  deploymentStatuses: Map<number, DeploymentStatusRecord>;
  /** GitHub Apps other than the app under test (their check runs), by id */
  apps: Map<number, AppRecord>;
  manifestCodes: Map<string, ManifestCodeRecord>;
  rulesets: Map<number, RulesetRecord>;
  /** repo key → (full ref → SHA); the same maps as `repo.refs` */
  refs: Map<string, Map<string, string>>;
  blobs: Map<string, BlobRecord>;
  trees: Map<string, TreeRecord>;
  commits: Map<string, CommitRecord>;
  /** every event GitHub raised, delivered or not */
  events: EventRecord[];
  deliveries: DeliveryRecord[];
  /** the issue event log (labels added and removed), oldest first */
  issueEvents: IssueEventRecord[];
}
