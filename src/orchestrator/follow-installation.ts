import type { OrchestratorDeps } from "./deps.ts";
import { newJob } from "../scheduler/new-job.ts";
import { jobKinds, lockKeyOf, type FollowInstallationPayload } from "./jobs.ts";
import { stopWorkItem } from "./stop-work-item.ts";

/**
 * The installation was deleted or suspended, or repositories left it: its work items stop at once
 * (nothing can be written to GitHub, so only the audit trail records it until it is back). It was
 * unsuspended, or repositories joined it again: the work items it held resume. It was created,
 * or repositories joined it: each gets Pitwall's labels, in a job of its own (one repository's
 * failure retries alone).
 */
export async function followInstallation(deps: OrchestratorDeps, job: FollowInstallationPayload): Promise<void> {
  if (job.change === "created" || job.change === "repos_added") {
    for (const repo of job.repos) {
      await deps.enqueue(
        newJob(
          jobKinds.createLabels,
          { installationId: job.installationId, owner: repo.owner, repo: repo.name },
          // A retried job queues nothing twice; the same repository added again later does get a new job.
          { dedupeKey: job.deliveryId ? `create_labels:${job.deliveryId}:${repo.owner}/${repo.name}`.toLowerCase() : undefined },
        ),
      );
    }
    if (job.change === "created") return;
  }
  const scoped = job.change === "repos_removed" || job.change === "repos_added";
  const items = await deps.store.listLiveWorkItems(job.installationId, scoped ? job.repos : undefined);
  const hold = job.change === "suspend" || job.change === "unsuspend" ? "installation_suspended" : "repo_removed";
  for (const item of items) {
    if (job.change === "unsuspend" || job.change === "repos_added") {
      if (item.hold !== hold) continue;
      await deps.enqueue(newJob(jobKinds.releaseHold, { workItemId: item.id, hold, actor: job.actor }, { lockKey: lockKeyOf(item) }));
      continue;
    }
    const reason =
      job.change === "deleted"
        ? `the Pitwall app was uninstalled by @${job.actor}`
        : job.change === "suspend"
          ? `the Pitwall app's installation was suspended by @${job.actor}; unsuspend it to resume`
          : `${item.repo.owner}/${item.repo.name} was removed from the Pitwall app's installation by @${job.actor}; add it back to resume`;
    await stopWorkItem(deps, { workItemId: item.id, cancel: job.change === "deleted", hold: job.change === "deleted" ? null : hold, reason, actor: job.actor, canWrite: false, card: false });
  }
}
