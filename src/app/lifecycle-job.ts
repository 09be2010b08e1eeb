import { isFinal } from "../domain/work-item-state.ts";
import { jobKinds, lockKeyOf } from "../orchestrator/jobs.ts";
import { describeHold } from "../orchestrator/describe-hold.ts";
import { startingLabel } from "../orchestrator/starting-label.ts";
import { newJob, type JobRequest } from "../scheduler/new-job.ts";
import { recordInstallationState, type InstallationState } from "../store/installations.ts";
import type { Sql } from "../store/sql.ts";
import { findWorkItemByIssue } from "../store/work-items.ts";
import type { WorkItemRecord } from "../domain/types.ts";

// GitHub's lifecycle of a work item's issue and of the app's installation, turned into jobs
//. The rules are in the README ("A work item follows its issue").

interface Account {
  login: string;
  type?: string;
}

export interface IssueLifecyclePayload {
  action: string;
  label?: { name: string } | undefined;
  issue: { number: number; pull_request?: unknown };
  changes?: { new_issue?: { number: number }; new_repository?: { full_name: string } } | undefined;
  repository: { name: string; owner: { login: string } };
  sender: Account;
  installation?: { id: number } | undefined;
}

export interface InstallationPayload {
  action: string;
  installation: { id: number };
  /** The repositories an `installation.created` covers. */
  repositories?: { full_name: string }[];
  repositories_added?: { full_name: string }[];
  repositories_removed?: { full_name: string }[];
  sender: Account;
}

type Job = JobRequest;

/** `issues.unlabeled|closed|reopened|transferred|deleted` on a work item's issue. */
export async function issueLifecycleJob(tx: Sql, deliveryId: string, payload: IssueLifecyclePayload, ownLogin?: string): Promise<Job | undefined> {
  if (!payload.installation || payload.issue.pull_request) return undefined;
  const item = await findWorkItemByIssue(tx, { owner: payload.repository.owner.login, name: payload.repository.name }, payload.issue.number);
  if (!item) return undefined;
  const actor = payload.sender.login;
  const stop = (cancel: boolean, hold: WorkItemRecord["hold"], reason: string, card = true): Job =>
    // No lock: the stop must reach a pass that is running now.
    newJob(jobKinds.stopWorkItem, { workItemId: item.id, cancel, hold, reason, actor, canWrite: true, card }, { dedupeKey: `delivery:${deliveryId}` });
  switch (payload.action) {
    case "unlabeled": {
      const label = startingLabel(item);
      // A blocked work item starts again when its label is re-added: removing it changes nothing.
      // Bots neither start work items with labels nor hold them by removing one.
      if (isFinal(item.state) || item.state === "blocked" || payload.sender.type === "Bot" || !label || payload.label?.name.toLowerCase() !== label.toLowerCase()) return undefined;
      return stop(false, "label_removed", `@${actor} removed the \`${label}\` label; ${describeHold("label_removed", label)}`);
    }
    case "closed":
      // GitHub closes an issue for Pitwall when a merged pass PR says "Fixes #N": not a person's cancel.
      if (isFinal(item.state) || (ownLogin !== undefined && payload.sender.login.toLowerCase() === ownLogin.toLowerCase())) return undefined;
      return stop(true, "issue_closed", `@${actor} closed the issue; ${describeHold("issue_closed", null)}`);
    case "reopened":
      if (item.state !== "cancelled" || item.hold !== "issue_closed") return undefined;
      return newJob(jobKinds.issueReopened, { workItemId: item.id, actor }, { dedupeKey: `delivery:${deliveryId}`, lockKey: lockKeyOf(item) });
    case "transferred": {
      if (isFinal(item.state)) return undefined;
      const to = payload.changes?.new_repository && payload.changes.new_issue ? `${payload.changes.new_repository.full_name}#${payload.changes.new_issue.number}` : "another repository";
      return stop(true, null, `@${actor} transferred the issue to ${to}; the work item ends here (label the issue there to start again)`, false);
    }
    case "deleted":
      if (isFinal(item.state)) return undefined;
      return stop(true, null, `@${actor} deleted the issue`, false);
    default:
      return undefined;
  }
}

/**
 * `installation.created|deleted|suspend|unsuspend` and `installation_repositories.removed|added`. The
 * installation's state is recorded with the delivery, so no job of a gone installation starts
 * after this answer; its work items are stopped or resumed by the job.
 */
export async function installationJob(tx: Sql, deliveryId: string, name: string, payload: InstallationPayload, now: Date): Promise<Job | undefined> {
  const installationId = payload.installation.id;
  const change = name === "installation" ? installationChange[payload.action] : repositoriesChange[payload.action];
  const state = name === "installation" ? installationStates[payload.action] : undefined;
  if (state) await recordInstallationState(tx, installationId, state, now);
  if (!change) return undefined;
  const listed = change === "repos_removed" ? payload.repositories_removed : change === "repos_added" ? payload.repositories_added : change === "created" ? payload.repositories : [];
  const repos = (listed ?? []).flatMap((repo) => {
    const [owner, repoName] = repo.full_name.split("/");
    return owner && repoName ? [{ owner, name: repoName }] : [];
  });
  return newJob(jobKinds.followInstallation, { installationId, change, repos, actor: payload.sender.login, deliveryId }, { dedupeKey: `delivery:${deliveryId}` });
}

const installationStates: Record<string, InstallationState | undefined> = { created: "active", unsuspend: "active", suspend: "suspended", deleted: "deleted" };
const installationChange: Record<string, "created" | "deleted" | "suspend" | "unsuspend" | undefined> = { created: "created", deleted: "deleted", suspend: "suspend", unsuspend: "unsuspend" };
const repositoriesChange: Record<string, "repos_removed" | "repos_added" | undefined> = { removed: "repos_removed", added: "repos_added" };
