// The public surface of the fake GitHub (see start-fake-github.ts).
import type { MergeOptions } from "./actions/merge-pull.ts";
import type { ReviewEvent } from "./actions/review-actions.ts";
import type { Fault } from "./http/faults.ts";
import type { RequestLogEntry, Violation } from "./http/log-types.ts";
import type { CheckRunReport } from "./seed/check-run-reports.ts";
import type { DeploymentStatusInput, PushInput } from "./seed/human-actions.ts";
import type { NewInstallation, NewRepo, ProtectionInput } from "./seed/seed-repo.ts";
import type { ManifestForm, ManifestRegistration } from "./seed/register-app-from-manifest.ts";
import type { RulesetInput } from "./actions/ruleset-actions.ts";
import type {
  CheckRunRecord,
  CommentRecord,
  DeliveryRecord,
  DeploymentStatusRecord,
  EventRecord,
  RulesetRecord,
  FakeState,
  InstallationRecord,
  IssueRecord,
  PullRecord,
  RepoRecord,
  RepoRole,
  ReviewRecord,
  UserRecord,
  UserType,
} from "./types.ts";

export interface FakeGitHubOptions {
  /** where webhooks are POSTed; can be set later with setWebhookUrl */
  webhookUrl?: string;
  /** HMAC secret for X-Hub-Signature-256 (and the SHA-1 X-Hub-Signature) */
  webhookSecret: string;
  app: {
    id: number;
    slug: string;
    /** verifies the app's RS256 JWTs */
    publicKeyPem: string;
    name?: string;
    /** login of the account owning the app (an organization) */
    owner?: string;
    /** default installation permissions */
    permissions?: Record<string, "read" | "write">;
    /** events the app subscribes to (default: all); deliveries of others are skipped */
    events?: string[];
  };
  /** validate every request against GitHub's OpenAPI description (default true) */
  validateRequests?: boolean;
  /** base for html_url fields (default https://github.com) */
  htmlUrl?: string;
  /** the clock (default: the real one) */
  now?: () => Date;
  /** GitHub gives up on a webhook after 10 s */
  webhookTimeoutMs?: number;
  port?: number;
}

export interface FakeGitHubEvents {
  /** a webhook POST finished (the app answered or the POST failed) */
  delivery: [DeliveryRecord];
  /** GitHub raised an event (delivered or not) */
  event: [EventRecord];
  request: [RequestLogEntry];
  violation: [Violation];
}

export interface FakeGitHub {
  /** the API root, like https://api.github.com */
  readonly url: string;
  readonly state: FakeState;
  readonly requests: RequestLogEntry[];
  readonly violations: Violation[];
  readonly botLogin: string;
  setWebhookUrl(url: string | undefined): void;

  createUser(input: { login: string; type?: UserType }): UserRecord;
  /** a person posts an app manifest to GitHub's new-app form and creates the app (the browser then goes to `location`) */
  registerAppFromManifest(form: ManifestForm): ManifestRegistration;
  createRepo(input: NewRepo): RepoRecord;
  installApp(input: NewInstallation): InstallationRecord;
  setPermission(repo: string, login: string, role: RepoRole): void;
  protectBranch(repo: string, branch: string, rule: ProtectionInput): void;
  /** a repository ruleset, as an admin creates it (the body of POST /repos/{owner}/{repo}/rulesets) */
  createRuleset(repo: string, input: RulesetInput): RulesetRecord;

  createIssue(repo: string, input: { title: string; body?: string; author: string; labels?: string[] }): IssueRecord;
  addLabel(repo: string, number: number, label: string, options: { by: string }): void;
  removeLabel(repo: string, number: number, label: string, options: { by: string }): void;
  /** a person creates a repository label (its colour without `#`) */
  createLabel(repo: string, input: { name: string; color: string; description?: string }): void;
  /** a person comments; `by: "<slug>[bot]"` is another GitHub App commenting (`performed_via_github_app` is that app) */
  comment(repo: string, number: number, body: string, options: { by: string }): CommentRecord;
  /** a person edits a comment (`issue_comment.edited` with `changes.body.from`) */
  editComment(repo: string, commentId: number, body: string, options: { by: string }): CommentRecord;
  closeIssue(repo: string, number: number, options: { by: string }): void;
  reopenIssue(repo: string, number: number, options: { by: string }): void;
  /** moves the issue to another repository (`issues.transferred` in the old one); returns the new issue */
  transferIssue(repo: string, number: number, toRepo: string, options: { by: string }): IssueRecord;
  deleteIssue(repo: string, number: number, options: { by: string }): void;
  /** the owner suspends or unsuspends the app's installation (`installation.suspend|unsuspend`) */
  suspendInstallation(installationId: number, options: { by: string }): void;
  unsuspendInstallation(installationId: number, options: { by: string }): void;
  /** the owner uninstalls the app (`installation.deleted`); its tokens stop working at once */
  uninstallApp(installationId: number, options: { by: string }): void;
  /** repositories leave or join a selected-repositories installation (`installation_repositories`) */
  changeInstallationRepos(installationId: number, change: { add?: string[]; remove?: string[] }, options: { by: string }): void;
  pushFiles(repo: string, input: PushInput): string;
  /** `git push origin <sha>:refs/heads/<branch>` of a commit the repo already has */
  pushCommit(repo: string, input: { branch: string; sha: string; by: string; force?: boolean }): void;
  openPullRequest(repo: string, input: { head: string; base?: string; title: string; body?: string; by: string; draft?: boolean }): PullRecord;
  review(repo: string, number: number, input: { by: string; event: ReviewEvent; body?: string; commitId?: string }): ReviewRecord;
  mergePullRequest(repo: string, number: number, input: { by: string } & MergeOptions): string;
  /** a person or deploy system reports on a deployment (`deployment_status.created`) */
  setDeploymentStatus(repo: string, deploymentId: number, input: DeploymentStatusInput): DeploymentStatusRecord;
  /**
   * another GitHub App (the repo's CI, "github-actions" unless `app` names one) creates a check
   * run on a commit, or updates its latest run of that name there (`check_run.created`/`completed`)
   */
  reportCheckRun(repo: string, headSha: string, input: CheckRunReport): CheckRunRecord;
  /** a person clicks "Re-run" on a check run; only the app owning it gets `check_run.rerequested` */
  rerequestCheckRun(repo: string, checkRunId: number, input: { by: string }): void;

  /** file contents at a ref (branch, tag or SHA), or undefined */
  readFile(repo: string, ref: string, path: string): string | undefined;
  /** every file at a ref (path → UTF-8 contents), or undefined when the ref does not resolve */
  readFiles(repo: string, ref: string): Record<string, string> | undefined;
  /** POSTs a hand-made webhook (with `action` set when given) and waits for the app's answer */
  deliver(event: string, action: string | undefined, payload: Record<string, unknown>): Promise<DeliveryRecord>;
  /** sends a recorded delivery again with the same X-GitHub-Delivery id, as GitHub's redelivery does */
  redeliver(guid: string): Promise<DeliveryRecord>;
  /** resolves once no webhook is being POSTed and none is queued (or deliveries are paused) */
  idle(): Promise<void>;
  /** webhooks queued or being POSTed */
  inFlight(): number;

  /** makes matching app requests fail (5xx, rate limits; no state changes), answer late, or lose their answer after applying them ("lost-response") */
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** loses the next webhook of `event` (and `action`): recorded as a timed-out delivery, never POSTed */
  dropNextDelivery(event: string, action?: string): void;
  /** holds webhooks back until resumeDeliveries (late, batched or reordered deliveries) */
  pauseDeliveries(): void;
  resumeDeliveries(order?: "raised" | "reversed"): void;

  on<K extends keyof FakeGitHubEvents>(event: K, listener: (...args: FakeGitHubEvents[K]) => void): void;
  off<K extends keyof FakeGitHubEvents>(event: K, listener: (...args: FakeGitHubEvents[K]) => void): void;
  close(): Promise<void>;
}
