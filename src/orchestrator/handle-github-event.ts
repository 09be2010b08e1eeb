import type { OrchestratorDeps } from "./deps.ts";
import type { GitHubEventPayload } from "./jobs.ts";
import { currentGate } from "./gate/current-gate.ts";
import type { EventContext, PassPrEvent } from "./events/event-context.ts";
import { ciReported } from "./events/ci-reported.ts";
import { deploymentReported } from "./events/deployment-reported.ts";
import { prClosed } from "./events/pr-closed.ts";
import { prPushed } from "./events/pr-pushed.ts";
import { reviewApproved } from "./events/review-approved.ts";
import { verifierAction } from "./events/verifier-action.ts";
import { repoOf } from "./repo-of.ts";

/** Each kind of event's use case. */
const handlers: { [K in PassPrEvent["kind"]]: (context: EventContext, event: PassPrEvent<K>) => Promise<void> } = {
  review_approved: reviewApproved,
  deployment_status: deploymentReported,
  ci_reported: ciReported,
  pr_pushed: prPushed,
  verifier_action: verifierAction,
  pr_closed: prClosed,
};

/** What GitHub tells us about a pass PR: reviews, the repo's CI, deployments, pushes, merges. */
export async function handleGitHubEvent(deps: OrchestratorDeps, job: GitHubEventPayload): Promise<void> {
  const gate = await currentGate(deps, job.workItemId);
  if (!gate || gate.run.id !== job.passRunId) {
    // A deployment of an earlier iteration may still report; keep its state for the record.
    if (job.event.kind === "deployment_status") await deps.store.updatePassRun(job.passRunId, { deploymentState: job.event.state, deploymentUrl: job.event.url });
    deps.log.info({ workItemId: job.workItemId, passRunId: job.passRunId, event: job.event.kind }, "event for a pass run that is not at the gate; ignored");
    return;
  }
  const github = await deps.githubFor(job.installationId);
  const repo = repoOf(gate.item);
  // The table pairs each kind with its own event's shape; TypeScript cannot follow that through the lookup.
  const handler = handlers[job.event.kind] as (context: EventContext, event: PassPrEvent) => Promise<void>;
  await handler({ deps, github, repo, gate }, job.event);
}
