import { parseCommands } from "../commands/parse-commands.ts";
import { jobKinds, workItemLockKey } from "../engine/orchestrator/jobs.ts";
import { recordDelivery } from "../store/deliveries.ts";
import { enqueueJob, type NewJob } from "../store/jobs.ts";
import { findPassRunByPullRequest } from "../store/pass-runs.ts";
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
  issue: { number: number; title: string; pull_request?: unknown };
  repository: { name: string; owner: { login: string } };
  sender: { login: string; type: string };
  installation?: { id: number } | undefined;
}

export interface CommentPayload {
  action: "created";
  issue: { number: number; pull_request?: unknown };
  comment: { id: number; body: string; user: { login: string; type: string } | null; performed_via_github_app?: unknown };
  repository: { name: string; owner: { login: string } };
  sender: { login: string; type: string };
  installation?: { id: number } | undefined;
}

export type InboxResult = "duplicate" | "ignored" | "enqueued";

/** Records the delivery and enqueues its job in one transaction: a delivery is handled at most once. */
export async function acceptDelivery(sql: Sql, delivery: Delivery, toJob: (tx: Sql) => Promise<Omit<NewJob, "runAt"> | undefined>): Promise<InboxResult> {
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

/** `issues.labeled` with `pitwall` or `pitwall:<workflow>` on an issue (not a PR) starts a work item. */
export function labeledJob(deliveryId: string, payload: LabeledPayload): Omit<NewJob, "runAt"> | undefined {
  const label = payload.label?.name;
  if (!label || !(label === "pitwall" || label.startsWith("pitwall:")) || payload.issue.pull_request || !payload.installation) return undefined;
  // Pitwall's own state labels (e.g. pitwall:needs-human) are not workflows; the engine decides.
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  return {
    kind: jobKinds.startWorkItem,
    payload: {
      installationId: payload.installation.id,
      owner,
      repo,
      issueNumber: payload.issue.number,
      issueTitle: payload.issue.title,
      label,
      sender: payload.sender.login,
      deliveryId,
    },
    dedupeKey: `delivery:${deliveryId}`,
    lockKey: workItemLockKey(owner, repo, payload.issue.number),
    priority: 100,
  };
}

/**
 * A comment with at least one command line, by a human, on a work item's issue or pass PR.
 * Bots (Pitwall included) never issue commands, and comments elsewhere are left alone: other
 * tools may use the same slash words.
 */
export async function commentJob(tx: Sql, deliveryId: string, payload: CommentPayload): Promise<Omit<NewJob, "runAt"> | undefined> {
  const author = payload.comment.user;
  if (!payload.installation || !author || author.type !== "User" || payload.sender.type !== "User" || payload.comment.performed_via_github_app) return undefined;
  if (parseCommands(payload.comment.body).length === 0) return undefined;
  const repoRef = { owner: payload.repository.owner.login, name: payload.repository.name };
  const isPullRequest = Boolean(payload.issue.pull_request);
  const workItem = isPullRequest
    ? await findPassRunByPullRequest(tx, repoRef, payload.issue.number).then((run) => (run ? getWorkItem(tx, run.workItemId) : undefined))
    : await findWorkItemByIssue(tx, repoRef, payload.issue.number);
  if (!workItem) return undefined;
  return {
    kind: jobKinds.command,
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
    },
    dedupeKey: `delivery:${deliveryId}`,
    lockKey: workItemLockKey(workItem.repo.owner, workItem.repo.name, workItem.issueNumber),
    priority: 100,
  };
}
