import { parseCommands } from "../commands/parse-commands.ts";
import { commandAuthorKey, jobKinds, lockKeyOf, workItemLockKey } from "../orchestrator/jobs.ts";
import { ownLabels } from "../orchestrator/own-labels.ts";
import { recordDelivery } from "../store/deliveries.ts";
import { recordCommentCommand } from "../store/record-comment-command.ts";
import type { JobPayload } from "../scheduler/job-catalogue.ts";
import { newJob, type JobRequest } from "../scheduler/new-job.ts";
import { enqueueJob } from "../store/jobs.ts";
import { findPassRunByDeployment, findPassRunByHeadSha, findPassRunByPullRequest, getPassRun } from "../store/pass-runs.ts";
import type { PassRunRecord } from "../domain/types.ts";
import { recordPassPush } from "../store/pass-pushes.ts";
import { recordHandledEvent } from "../store/handled-events.ts";
import { passEventKey } from "./pass-event-key.ts";
import { findVerifierRunByCheckRun } from "../store/verifier-runs.ts";
import type { Sql } from "../store/sql.ts";
import { findWorkItemByIssue, getWorkItem } from "../store/work-items.ts";

// The webhook inbox: record the delivery, turn it into a job, answer. Nothing slow happens here
// (GitHub gives a delivery 10 seconds and never retries it); the worker does the work.

export interface Delivery {
  id: string;
  name: string;
  payload: unknown;
  receivedAt: Date;
}

export interface LabeledPayload {
  action: "labeled";
  label?: { name: string } | undefined;
  issue: { number: number; title: string; pull_request?: unknown; user?: { login: string } | null };
  repository: { name: string; owner: { login: string } };
  sender: { login: string; type: string };
  installation?: { id: number } | undefined;
}

export interface CommentPayload {
  action: "created" | "edited";
  issue: { number: number; pull_request?: unknown };
  comment: { id: number; body: string; created_at?: string; updated_at?: string; user: { login: string; type: string } | null; performed_via_github_app?: unknown };
  /** On `edited`: the body before the edit, as GitHub sends it. */
  changes?: { body?: { from: string } } | undefined;
  repository: { name: string; owner: { login: string } };
  sender: { login: string; type: string };
  installation?: { id: number } | undefined;
}

export type InboxResult = "duplicate" | "ignored" | "enqueued";

/** Records the delivery and enqueues its job in one transaction: a delivery is handled at most once. */
export async function acceptDelivery(sql: Sql, delivery: Delivery, toJob: (tx: Sql) => Promise<JobRequest | undefined>): Promise<InboxResult> {
  return sql.transaction(async (tx) => {
    const payload = delivery.payload as { action?: string; installation?: { id: number }; repository?: { full_name?: string } };
    const fresh = await recordDelivery(tx, {
      deliveryId: delivery.id,
      event: delivery.name,
      action: payload.action ?? null,
      installationId: payload.installation?.id ?? null,
      repoFullName: payload.repository?.full_name ?? null,
      receivedAt: delivery.receivedAt,
    });
    if (!fresh) return "duplicate";
    const job = await toJob(tx);
    if (!job) return "ignored";
    await enqueueJob(tx, { ...job, runAt: delivery.receivedAt });
    return "enqueued";
  });
}

/**
 * `issues.labeled` with `pitwall` or `pitwall:<workflow>` on an issue (not a PR) starts a work item.
 * Labels Pitwall puts on issues itself, and labels added by bots (Pitwall's included), never do.
 */
export function labeledJob(deliveryId: string, payload: LabeledPayload): JobRequest | undefined {
  const label = payload.label?.name;
  if (!label || !(label === "pitwall" || label.startsWith("pitwall:")) || ownLabels.has(label) || payload.sender.type !== "User" || payload.issue.pull_request || !payload.installation) return undefined;
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  return newJob(
    jobKinds.startWorkItem,
    {
      installationId: payload.installation.id,
      owner,
      repo,
      issueNumber: payload.issue.number,
      issueTitle: payload.issue.title,
      label,
      sender: payload.sender.login,
      ...(payload.issue.user ? { issueAuthor: payload.issue.user.login } : {}),
      deliveryId,
    },
    { dedupeKey: `delivery:${deliveryId}`, lockKey: workItemLockKey(owner, repo, payload.issue.number) },
  );
}

/**
 * A comment with at least one command line, by a human, on a work item's issue or pass PR.
 * Bots (Pitwall included) never issue commands, and comments elsewhere are left alone: other
 * tools may use the same slash words. A comment's commands are taken up once, whatever delivery
 * carries it (the delivery id is not signed; a replayed body under a new id changes nothing).
 * The job runs without the work item's lock (it asks for the author's permission first, and
 * hands what may run to a locked job), taking turns with other people's comments.
 */
export async function commentJob(tx: Sql, deliveryId: string, payload: CommentPayload): Promise<JobRequest | undefined> {
  if (parseCommands(payload.comment.body).length === 0) return undefined;
  const target = await commandTarget(tx, payload);
  if (!target || !(await recordComment(tx, payload, "acted"))) return undefined;
  return commandJob(target, `comment:${payload.comment.id}`);
}

/**
 * An edited comment never runs commands (an approval must not appear above later pushes, nor a
 * replayed edit act): when the edit adds command lines, the author is told to write a new
 * comment, once per comment however often it is edited. Edits of comments whose commands ran,
 * or that add none, change nothing.
 */
export async function editedCommentJob(tx: Sql, deliveryId: string, payload: CommentPayload): Promise<JobRequest | undefined> {
  const before = new Set(parseCommands(payload.changes?.body?.from ?? "").map((parsed) => parsed.line.toLowerCase()));
  const added = parseCommands(payload.comment.body).filter((parsed) => !before.has(parsed.line.toLowerCase()));
  if (added.length === 0) return undefined;
  const target = await commandTarget(tx, payload);
  if (!target || !(await recordComment(tx, payload, "edit_answered"))) return undefined;
  return commandJob({ ...target, payload: { ...target.payload, editedLines: added.map((parsed) => parsed.line) } }, `comment:${payload.comment.id}@${payload.comment.updated_at ?? deliveryId}`);
}

interface CommandTarget {
  payload: JobPayload<"command">;
  /** One person on one work item. */
  authorKey: string;
}

/**
 * One person's comments are taken up one at a time, in order (a `/pause` then a `/resume` stays
 * in that order), without waiting for anyone else's or for the work item's lock.
 */
function commandJob(target: CommandTarget, dedupeKey: string): JobRequest {
  return newJob(jobKinds.command, target.payload, { dedupeKey, fairKey: target.authorKey, lockKey: target.authorKey });
}

/** What the command job for a person's comment on a work item's issue or pass PR needs. */
async function commandTarget(tx: Sql, payload: CommentPayload): Promise<CommandTarget | undefined> {
  const author = payload.comment.user;
  if (!payload.installation || !author || author.type !== "User" || payload.sender.type !== "User" || payload.comment.performed_via_github_app) return undefined;
  const repoRef = { owner: payload.repository.owner.login, name: payload.repository.name };
  const isPullRequest = Boolean(payload.issue.pull_request);
  const workItem = isPullRequest
    ? await findPassRunByPullRequest(tx, repoRef, payload.issue.number).then((run) => (run ? getWorkItem(tx, run.workItemId) : undefined))
    : await findWorkItemByIssue(tx, repoRef, payload.issue.number);
  if (!workItem) return undefined;
  const authorKey = commandAuthorKey(workItem, author.login);
  return {
    payload: {
      installationId: payload.installation.id,
      owner: repoRef.owner,
      repo: repoRef.name,
      issueNumber: payload.issue.number,
      isPullRequest,
      workItemId: workItem.id,
      commentId: payload.comment.id,
      body: payload.comment.body,
      author: author.login,
      createdAt: payload.comment.created_at,
    },
    authorKey,
  };
}

function recordComment(tx: Sql, payload: CommentPayload, kind: "acted" | "edit_answered"): Promise<boolean> {
  // GitHub always sends `updated_at`; a payload without it is keyed on its creation.
  const version = payload.comment.updated_at ?? payload.comment.created_at;
  return recordCommentCommand(tx, {
    commentId: payload.comment.id,
    updatedAt: version === undefined ? new Date(0) : new Date(version),
    kind,
    repoFullName: `${payload.repository.owner.login}/${payload.repository.name}`,
  });
}

interface Sender {
  login: string;
  type: string;
}

interface RepositoryRef {
  name: string;
  owner: { login: string };
}

/** The webhooks about pass PRs that move a gate, in the shape we read. */
export type PassEventDelivery =
  | { name: "pull_request_review"; payload: { action: string; review: { id: number; state: string; commit_id: string; user: Sender | null }; pull_request: { number: number }; repository: RepositoryRef; sender: Sender; installation?: { id: number } } }
  | {
      name: "check_run";
      payload: { action: string; check_run: { id: number; name: string; head_sha: string; status: string; conclusion?: string | null }; requested_action?: { identifier: string }; repository: RepositoryRef; sender: Sender; installation?: { id: number } };
    }
  | { name: "status"; payload: { id?: number; sha: string; state: string; context: string; repository: RepositoryRef; sender: Sender; installation?: { id: number } } }
  | { name: "deployment_status"; payload: { action: string; deployment_status: { state: string; environment_url?: string | null }; deployment: { id: number }; repository: RepositoryRef; sender: Sender; installation?: { id: number } } }
  | {
      name: "pull_request";
      payload: { action: string; pull_request: { number: number; updated_at?: string; merged?: boolean | null; merge_commit_sha?: string | null; head: { sha: string; ref: string } }; repository: RepositoryRef; sender: Sender; installation?: { id: number } };
    };

/** Every opened or updated pull request: its definitions are linted when it changes any. */
export function definitionsLintJob(deliveryId: string, payload: { action: string; pull_request: { number: number; head: { sha: string }; base: { ref: string } }; repository: RepositoryRef; installation?: { id: number } }): JobRequest | undefined {
  if (!payload.installation || !["opened", "synchronize", "reopened"].includes(payload.action)) return undefined;
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  return newJob(
    jobKinds.lintDefinitions,
    { installationId: payload.installation.id, owner, repo, prNumber: payload.pull_request.number, headSha: payload.pull_request.head.sha, baseRef: payload.pull_request.base.ref },
    { dedupeKey: `lint:${owner}/${repo}#${payload.pull_request.number}@${payload.pull_request.head.sha}` },
  );
}

/**
 * Every opened or updated pull request gets a `pitwall/gate` job, so a required `pitwall/gate`
 * never blocks a pull request Pitwall has nothing to do with; the job skips pass PRs.
 */
export function ordinaryGateJob(payload: { action: string; pull_request: { number: number; head: { sha: string; ref: string } }; repository: RepositoryRef; installation?: { id: number } }): JobRequest | undefined {
  if (!payload.installation || !["opened", "synchronize", "reopened"].includes(payload.action)) return undefined;
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  const { number, head } = payload.pull_request;
  return newJob(jobKinds.ordinaryGate, { installationId: payload.installation.id, owner, repo, prNumber: number, headSha: head.sha, headRef: head.ref }, { dedupeKey: `ordinary-gate:${owner}/${repo}#${number}@${head.sha}` });
}

/**
 * A review, a CI result, a deployment status, a push or a merge on a pass PR becomes a
 * `github_event` job for its work item. Pitwall's own actions (bot senders) and anything about
 * other PRs are ignored; Pitwall's own check runs (`pitwall/*`) are not CI.
 */
export async function passEventJob(tx: Sql, deliveryId: string, delivery: PassEventDelivery): Promise<JobRequest | undefined> {
  const { payload } = delivery;
  if (!payload.installation) return undefined;
  const repo = { owner: payload.repository.owner.login, name: payload.repository.name };
  const found = await findPassEvent(tx, repo, delivery);
  if (!found) return undefined;
  // Taken up once, whether the webhook or the sweep (which lists what webhooks may have missed) comes first.
  const key = passEventKey(delivery);
  if (key !== undefined && !(await recordHandledEvent(tx, key))) return undefined;
  const item = await getWorkItem(tx, found.run.workItemId);
  return newJob(
    jobKinds.githubEvent,
    { installationId: payload.installation.id, workItemId: item.id, passRunId: found.run.id, event: found.event },
    { dedupeKey: `delivery:${deliveryId}`, lockKey: lockKeyOf(item) },
  );
}

type PassEvent = JobPayload<"github_event">["event"];

async function findPassEvent(tx: Sql, repo: { owner: string; name: string }, delivery: PassEventDelivery): Promise<{ run: PassRunRecord; event: PassEvent } | undefined> {
  const byPull = (number: number) => findPassRunByPullRequest(tx, repo, number);
  const withEvent = async (run: Promise<PassRunRecord | undefined>, event: PassEvent) => {
    const found = await run;
    return found ? { run: found, event } : undefined;
  };
  switch (delivery.name) {
    case "pull_request_review": {
      const { review, pull_request: pull, action } = delivery.payload;
      if (action !== "submitted" || review.state.toLowerCase() !== "approved" || !review.user || review.user.type !== "User") return undefined;
      return withEvent(byPull(pull.number), { kind: "review_approved", reviewer: review.user.login, commitSha: review.commit_id, reviewId: review.id });
    }
    case "check_run": {
      const { check_run: check, action, sender } = delivery.payload;
      // Buttons on a verifier's check run, and GitHub's "Re-run": only people press them.
      if ((action === "rerequested" || action === "requested_action") && check.name.startsWith("pitwall/") && sender.type === "User") {
        const verifierRun = await findVerifierRunByCheckRun(tx, check.id);
        const identifier = action === "rerequested" ? "rerun" : delivery.payload.requested_action?.identifier;
        if (!verifierRun || (identifier !== "rerun" && identifier !== "escalate")) return undefined;
        return withEvent(getPassRun(tx, verifierRun.passRunId), { kind: "verifier_action", verifierRunId: verifierRun.id, action: identifier, sender: sender.login });
      }
      if (action !== "completed" || check.name.startsWith("pitwall/")) return undefined;
      return withEvent(findPassRunByHeadSha(tx, repo, check.head_sha), { kind: "ci_reported", sha: check.head_sha, check: check.name });
    }
    case "status": {
      const { sha, state, context } = delivery.payload;
      if (state === "pending" || context.startsWith("pitwall/")) return undefined;
      return withEvent(findPassRunByHeadSha(tx, repo, sha), { kind: "ci_reported", sha, check: context });
    }
    case "deployment_status": {
      const { deployment, deployment_status: status } = delivery.payload;
      return withEvent(findPassRunByDeployment(tx, deployment.id), { kind: "deployment_status", deploymentId: deployment.id, state: status.state, url: status.environment_url ?? null });
    }
    case "pull_request": {
      const { action, pull_request: pull, sender } = delivery.payload;
      // Every push's sender is a pusher (separation of duties), whoever the commits name.
      if (action === "synchronize") {
        const pushed = await byPull(pull.number);
        if (pushed) await recordPassPush(tx, { passRunId: pushed.id, sender: sender.login, headSha: pull.head.sha });
      }
      // Pitwall's own pushes and merges were handled when it made them.
      if (sender.type !== "User") return undefined;
      // `updated_at` of a synchronize payload is when GitHub recorded the push.
      if (action === "synchronize") return withEvent(byPull(pull.number), { kind: "pr_pushed", headSha: pull.head.sha, sender: sender.login, ...(pull.updated_at ? { pushedAt: pull.updated_at } : {}) });
      if (action === "closed") return withEvent(byPull(pull.number), { kind: "pr_closed", merged: pull.merged === true, mergeSha: pull.merge_commit_sha ?? null, headSha: pull.head.sha, sender: sender.login });
      return undefined;
    }
  }
}
