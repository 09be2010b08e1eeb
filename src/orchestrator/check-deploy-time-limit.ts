import { deployTimedOut, deployTimeLimitOutcome } from "../domain/deploy-time-limit.ts";
import { advanceGate } from "./gate/advance-gate.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { newJob } from "../scheduler/new-job.ts";
import { jobKinds, lockKeyOf, type DeployTimeLimitPayload } from "./jobs.ts";
import { currentGate } from "./gate/current-gate.ts";

/**
 * A deploy pass's time limit ended: when its deployment still has no final status, the pass run
 * records the time-out and the gate acts on it (the gate says so, a person is asked). Nothing
 * happens when the deploy system answered or the gate moved on.
 */
export async function checkDeployTimeLimit(deps: OrchestratorDeps, job: DeployTimeLimitPayload): Promise<void> {
  const gate = await currentGate(deps, job.workItemId);
  // No gate open any more (merged, cancelled, sent back): the time limit has nothing to watch.
  if (!gate) return;
  const deadline = new Date(job.deadline);
  const outcome = deployTimeLimitOutcome(
    {
      watched: { passRunId: job.passRunId, deploymentId: job.deploymentId, deadline },
      gate: { passRunId: gate.run.id, deploymentId: gate.run.deploymentId, deploymentState: gate.run.deploymentState },
    },
    deps.clock.now(),
  );
  if (outcome === "not_yet") {
    // Claimed early by a replica whose clock runs ahead: look again at the deadline.
    await deps.enqueue(newJob(jobKinds.deployTimeLimit, job, { lockKey: lockKeyOf(gate.item), runAt: deadline }, { workflow: gate.item.definitions?.workflow }));
    return;
  }
  if (outcome !== "timed_out") return;
  const { item, pass, run } = gate;
  await deps.store.updatePassRun(run.id, { deploymentState: deployTimedOut });
  await deps.store.appendAudit({
    workItemId: item.id,
    actor: "pitwall",
    action: "deployment timed out",
    detail: `no final status for the deployment to ${pass.deploy?.environment ?? "?"} within ${pass.deploy?.timeout_minutes ?? "?"} minutes`,
    commitSha: run.headSha,
    at: deps.clock.now(),
  });
  await advanceGate(deps, await deps.githubFor(item.installationId), item.id);
}
