import { z } from "zod";
import { lifecycleHolds } from "../domain/work-item-state.ts";

// The payloads of the jobs the webhook inbox and the orchestrator put on the queue. The job
// catalogue (job-catalogue.ts) pairs each with its kind: a producer's payload is checked when it
// is enqueued, and a stored one parsed again when the job runs, so a malformed row fails loudly
// instead of half-running.

export const startWorkItemPayload = z.object({
  installationId: z.number().int(),
  owner: z.string(),
  repo: z.string(),
  issueNumber: z.number().int(),
  issueTitle: z.string(),
  label: z.string(),
  sender: z.string(),
  /** Who opened the issue (separation of duties); absent in jobs queued before it was sent. */
  issueAuthor: z.string().optional(),
  deliveryId: z.string(),
});
export type StartWorkItemPayload = z.infer<typeof startWorkItemPayload>;

export const runPassPayload = z.object({
  workItemId: z.number().int(),
  passId: z.string(),
  iteration: z.number().int().min(1),
});
export type RunPassPayload = z.infer<typeof runPassPayload>;

export const commandPayload = z.object({
  installationId: z.number().int(),
  owner: z.string(),
  repo: z.string(),
  /** The issue or pull request the comment is on. */
  issueNumber: z.number().int(),
  isPullRequest: z.boolean(),
  workItemId: z.number().int(),
  commentId: z.number().int(),
  body: z.string(),
  author: z.string(),
  /** When the comment was written (GitHub's `created_at`). */
  createdAt: z.string().optional(),
  /** Set when an edit added these command lines: they do not run, the author is told so. */
  editedLines: z.array(z.string()).optional(),
});
export type CommandPayload = z.infer<typeof commandPayload>;

/**
 * The commands of a comment whose author has access, run under the work item's lock: the
 * `command` job asked GitHub for the author's permission (without the lock) and hands it on.
 */
export const runCommandsPayload = commandPayload.omit({ editedLines: true }).extend({
  permission: z.enum(["admin", "write", "read", "none"]),
});
export type RunCommandsPayload = z.infer<typeof runCommandsPayload>;

export const runVerifierPayload = z.object({
  workItemId: z.number().int(),
  verifierRunId: z.number().int(),
});
export type RunVerifierPayload = z.infer<typeof runVerifierPayload>;

/** GitHub telling us something about a pass PR: a review, CI, a deployment, a push, a merge. */
export const githubEventPayload = z.object({
  installationId: z.number().int(),
  workItemId: z.number().int(),
  passRunId: z.number().int(),
  event: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("review_approved"), reviewer: z.string(), commitSha: z.string(), reviewId: z.number().int() }),
    z.object({ kind: z.literal("ci_reported"), sha: z.string(), check: z.string() }),
    z.object({ kind: z.literal("deployment_status"), deploymentId: z.number().int(), state: z.string(), url: z.string().nullable() }),
    z.object({ kind: z.literal("pr_pushed"), headSha: z.string(), sender: z.string(), /** GitHub's time of the push (the payload's `pull_request.updated_at`). */ pushedAt: z.string().optional() }),
    /** `headSha`: the commit GitHub merged (absent in jobs queued before it was sent). */
    z.object({ kind: z.literal("pr_closed"), merged: z.boolean(), mergeSha: z.string().nullable(), headSha: z.string().optional(), sender: z.string() }),
    /** A button on a verifier's check run ("Re-run", "Escalate to human") or GitHub's re-run. */
    z.object({ kind: z.literal("verifier_action"), verifierRunId: z.number().int(), action: z.enum(["rerun", "escalate"]), sender: z.string() }),
  ]),
});
export type GitHubEventPayload = z.infer<typeof githubEventPayload>;

/** A pull request (any, not only Pitwall's) whose definitions need linting at its head. */
export const lintDefinitionsPayload = z.object({
  installationId: z.number().int(),
  owner: z.string(),
  repo: z.string(),
  prNumber: z.number().int(),
  headSha: z.string(),
  baseRef: z.string(),
});
export type LintDefinitionsPayload = z.infer<typeof lintDefinitionsPayload>;

/** A pull request opened or pushed to: `pitwall/gate` passes at once unless it is a pass PR. */
export const ordinaryGatePayload = lintDefinitionsPayload.omit({ baseRef: true }).extend({ headRef: z.string() });
export type OrdinaryGatePayload = z.infer<typeof ordinaryGatePayload>;

/** A pass a monthly budget held: look again when the budget's next period starts. */
export const budgetPeriodStartedPayload = runPassPayload;
export type BudgetPeriodStartedPayload = RunPassPayload;

const lifecycleHold = z.enum(lifecycleHolds);

/**
 * GitHub's lifecycle stops a work item (its label removed, its issue closed, transferred or
 * deleted, its repository or installation gone). Runs without the work item's lock, so it stops
 * a running pass at once; what it then says on GitHub waits for the lock (`settle_work_item`).
 */
export const stopWorkItemPayload = z.object({
  workItemId: z.number().int(),
  /** Cancel (the issue closed, transferred or deleted, the app uninstalled) or only hold. */
  cancel: z.boolean(),
  /** The hold it is stopped with; a cancel with a hold can be revived (a closed issue reopened). */
  hold: lifecycleHold.nullable(),
  reason: z.string(),
  actor: z.string(),
  /** Whether Pitwall can still write to the repository (not after an uninstall or removal). */
  canWrite: z.boolean(),
  /** Whether the issue (and its card) is still in the repository. */
  card: z.boolean(),
});
export type StopWorkItemPayload = z.infer<typeof stopWorkItemPayload>;

/** What a stop says on GitHub, under the work item's lock: closing the pass PRs of a cancel, and the card. */
export const settleWorkItemPayload = z.object({
  workItemId: z.number().int(),
  /** False when the issue is gone from the repository (transferred, deleted): no card to edit. */
  card: z.boolean(),
});
export type SettleWorkItemPayload = z.infer<typeof settleWorkItemPayload>;

/** A hold is released (the label re-added, the installation unsuspended, the repository added back). */
export const releaseHoldPayload = z.object({
  workItemId: z.number().int(),
  hold: lifecycleHold,
  actor: z.string(),
});
export type ReleaseHoldPayload = z.infer<typeof releaseHoldPayload>;

/** The issue of a work item was reopened: a work item its closing cancelled offers `/resume`. */
export const issueReopenedPayload = z.object({
  workItemId: z.number().int(),
  actor: z.string(),
});
export type IssueReopenedPayload = z.infer<typeof issueReopenedPayload>;

/** An installation was created, deleted, suspended or unsuspended, or repositories left or joined it. */
export const followInstallationPayload = z.object({
  installationId: z.number().int(),
  change: z.enum(["created", "deleted", "suspend", "unsuspend", "repos_removed", "repos_added"]),
  repos: z.array(z.object({ owner: z.string(), name: z.string() })),
  actor: z.string(),
  /** The delivery it came with (absent in jobs queued before it was sent): one label job per repository and delivery. */
  deliveryId: z.string().optional(),
});
export type FollowInstallationPayload = z.infer<typeof followInstallationPayload>;

/** A deploy pass's time limit: at `deadline`, has a deploy system answered the deployment? */
export const deployTimeLimitPayload = z.object({
  workItemId: z.number().int(),
  passRunId: z.number().int(),
  deploymentId: z.number().int(),
  /** When the time limit ends (ISO 8601). */
  deadline: z.string(),
});
export type DeployTimeLimitPayload = z.infer<typeof deployTimeLimitPayload>;

/**
 * Look at the work item's gate again and act on it (a resumed work item whose gate may be met):
 * applying a decision's effects queues this instead of calling back into the gate.
 */
export const advanceGatePayload = z.object({
  workItemId: z.number().int(),
});
export type AdvanceGatePayload = z.infer<typeof advanceGatePayload>;

/** A repository Pitwall was installed on or that joined its installation gets Pitwall's labels. */
export const createLabelsPayload = z.object({
  installationId: z.number().int(),
  owner: z.string(),
  repo: z.string(),
});
export type CreateLabelsPayload = z.infer<typeof createLabelsPayload>;

/**
 * Reconciliation: compare an installation's open work items (and its issues with a Pitwall label)
 * with GitHub and take up what a lost webhook left behind. `round` names the sweep (one per
 * period, shared by every replica); `afterWorkItemId` continues one that ran out of calls.
 */
export const reconcilePayload = z.object({
  installationId: z.number().int(),
  round: z.string(),
  afterWorkItemId: z.number().int().default(0),
});
export type ReconcilePayload = z.infer<typeof reconcilePayload>;
