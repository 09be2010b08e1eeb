import { expect } from "vitest";
import { commandAuthorKey, workItemLockKey } from "../../src/orchestrator/jobs.ts";
import { newJob } from "../../src/scheduler/new-job.ts";
import type { WorkItemRecord } from "../../src/domain/types.ts";
import type { GitHubCall, InMemoryComment, InMemoryIssue, InMemoryPullRequest, InMemoryRepo } from "./in-memory-github.ts";
import type { OrchestratorWorld, RanJob } from "./orchestrator-deps.ts";

// Slash commands without HTTP: a work item started by a label, comments queued as the webhook
// inbox queues them (a `command` job per comment), and the queue drained through the worker's
// handlers, so a test drives a command the way GitHub would and reads what Pitwall did.

/** A work item on one repository: its issue and its record's id. */
export interface WorkItemAt {
  repo: InMemoryRepo;
  issue: InMemoryIssue;
  workItemId: number;
}

/** A repository with a README and the people the command tests use, with their permissions. */
export function commandRepo(world: OrchestratorWorld, name = "rocket", files: Record<string, string> = {}): InMemoryRepo {
  const repo = world.github.repo("acme", name);
  repo.push({ "README.md": "# Rocket\n\nRun `rocket launch`.\n", "src/index.ts": "export const launch = () => 1;\n", ...files });
  // alice labels issues (the initiator), carol opens them, erin approves; bob may only read.
  for (const login of ["alice", "carol", "dave", "erin"]) repo.permissions.set(login, "write");
  repo.permissions.set("bob", "read");
  return repo;
}

/**
 * A new issue, opened by `author` and labelled by `sender`, whose work item has run as far as it
 * goes by itself (to its first gate that waits for a person, or its end).
 */
export async function labelNewIssue(world: OrchestratorWorld, repo: InMemoryRepo, label: string, options: { author?: string; sender?: string; title?: string } = {}): Promise<WorkItemAt & { ran: RanJob[] }> {
  const author = options.author ?? "carol";
  const sender = options.sender ?? "alice";
  const issue = repo.openIssue({ title: options.title ?? "Token leaks into logs", body: "The session token is written to the access log.", author, labels: [label] });
  await queueLabel(world, repo, issue, label, sender);
  const ran = await world.runJobs();
  expect(ran.filter((job) => job.error !== undefined)).toEqual([]);
  const item = await world.deps.store.findWorkItemByIssue({ owner: repo.owner, name: repo.name }, issue.number);
  if (!item) throw new Error(`no work item for ${repo.name}#${issue.number}`);
  return { repo, issue, workItemId: item.id, ran };
}

/** `sender` labelled `issue`: its `start_work_item` job is queued as the webhook inbox queues it; nothing runs yet. */
export async function queueLabel(world: OrchestratorWorld, repo: InMemoryRepo, issue: InMemoryIssue, label: string, sender: string): Promise<void> {
  await world.queue(
    newJob(
      "start_work_item",
      { installationId: 1, owner: repo.owner, repo: repo.name, issueNumber: issue.number, issueTitle: issue.title, label, sender, issueAuthor: issue.author, deliveryId: `label-${repo.name}-${issue.number}` },
      { lockKey: workItemLockKey(repo.owner, repo.name, issue.number) },
    ),
  );
}

/**
 * `author` writes `body` on the work item's issue (or on pull request `on`); the comment's
 * `command` job and everything it leads to run. Returns the comment and the jobs that ran.
 */
export async function say(world: OrchestratorWorld, at: WorkItemAt, author: string, body: string, on: number = at.issue.number): Promise<{ comment: InMemoryComment; ran: RanJob[] }> {
  const comment = await writeComment(world, at, author, body, on);
  const ran = await world.runJobs();
  expect(ran.filter((job) => job.error !== undefined)).toEqual([]);
  return { comment, ran };
}

/** `author` writes `body` on the issue (or pull request `on`), and its `command` job is queued with the keys the webhook inbox gives it; nothing runs yet. */
export async function writeComment(world: OrchestratorWorld, at: Omit<WorkItemAt, "issue"> & { issue: { number: number } }, author: string, body: string, on: number = at.issue.number): Promise<InMemoryComment> {
  const comment = at.repo.comment(on, author, body);
  const authorKey = commandAuthorKey({ repo: { owner: at.repo.owner, name: at.repo.name }, issueNumber: at.issue.number }, author);
  await world.queue(
    newJob(
      "command",
      { installationId: 1, owner: at.repo.owner, repo: at.repo.name, issueNumber: on, isPullRequest: at.repo.pulls.has(on), workItemId: at.workItemId, commentId: comment.id, body, author, createdAt: world.clock.now().toISOString() },
      { dedupeKey: `comment:${comment.id}`, fairKey: authorKey, lockKey: authorKey },
    ),
  );
  return comment;
}

/** Pitwall's replies to `login` on an issue or pull request (each starts with the mention). */
export function repliesTo(repo: InMemoryRepo, number: number, login: string): string[] {
  return repo
    .comments(number)
    .filter((comment) => comment.author === "pitwall[bot]" && comment.body.startsWith(`@${login} `))
    .map((comment) => comment.body);
}

/** The work item's record now. */
export function workItem(world: OrchestratorWorld, at: WorkItemAt): Promise<WorkItemRecord> {
  return world.deps.store.getWorkItem(at.workItemId);
}

/** The open pull request of the work item's current pass. */
export async function currentPull(world: OrchestratorWorld, at: WorkItemAt): Promise<InMemoryPullRequest> {
  const item = await workItem(world, at);
  const run = item.currentPass === null ? undefined : await world.deps.store.latestPassRun(item.id, item.currentPass);
  if (run?.prNumber === null || run?.prNumber === undefined) throw new Error(`work item ${item.id} has no pull request at ${item.currentPass ?? "no pass"}`);
  return at.repo.pull(run.prNumber);
}

/** The audit trail's actions by `actor`, oldest first. */
export async function auditBy(world: OrchestratorWorld, at: WorkItemAt, actor: string): Promise<string[]> {
  return (await world.deps.store.listAudit(at.workItemId)).filter((entry) => entry.actor === actor).map((entry) => entry.action);
}

/** Where the recorded GitHub calls stand now, to read only the calls a command made. */
export function callMark(world: OrchestratorWorld): number {
  return world.github.calls.length;
}

/** The calls of `method` made since `mark`, each with its arguments after the repo. */
export function callsSince(world: OrchestratorWorld, mark: number, method: GitHubCall["method"]): unknown[][] {
  return world.github.calls
    .slice(mark)
    .filter((call) => call.method === method)
    .map((call) => call.args);
}
