// How long a deploy pass waits for the repository's deploy system (README "Deploy passes").
// Pitwall creates a GitHub deployment of the pass PR's head; a deploy system must answer it with
// a final deployment status. When none comes within the pass's `deploy.timeout_minutes`, the
// pass run's deployment state becomes `timed_out` (Pitwall's own word, never one of GitHub's)
// and a person is asked to act; a final status that comes later still counts.

/** GitHub's deployment states after which nothing more is expected. */
export const finalDeploymentStates: readonly string[] = ["success", "failure", "error", "inactive"];

/** The deployment state a pass run records when no final status came in time. */
export const deployTimedOut = "timed_out";

export function isFinalDeploymentState(state: string | null): boolean {
  return state !== null && finalDeploymentStates.includes(state);
}

/** A status that is not final (queued, in progress) after the time limit leaves the time-out standing. */
export function deploymentStateAfter(current: string | null, reported: string): string {
  return current === deployTimedOut && !isFinalDeploymentState(reported) ? deployTimedOut : reported;
}

export interface DeployTimeLimitFacts {
  /** What the time-limit job was queued for. */
  watched: { passRunId: number; deploymentId: number; deadline: Date };
  /** The work item's open gate now, if any: its pass run and that run's deployment. */
  gate: { passRunId: number; deploymentId: number | null; deploymentState: string | null } | undefined;
}

export type DeployTimeLimitOutcome =
  /** The gate moved on (merged, another iteration, a push made a new deployment): nothing to do. */
  | "moved_on"
  /** The deploy system answered with a final status in time. */
  | "answered"
  /** Already marked (the job ran twice). */
  | "already_timed_out"
  /** Too early (another replica's clock): look again at the deadline. */
  | "not_yet"
  | "timed_out";

export function deployTimeLimitOutcome(facts: DeployTimeLimitFacts, now: Date): DeployTimeLimitOutcome {
  const { watched, gate } = facts;
  if (!gate || gate.passRunId !== watched.passRunId || gate.deploymentId !== watched.deploymentId) return "moved_on";
  if (isFinalDeploymentState(gate.deploymentState)) return "answered";
  if (gate.deploymentState === deployTimedOut) return "already_timed_out";
  if (now.getTime() < watched.deadline.getTime()) return "not_yet";
  return "timed_out";
}

/** What the gate and the person are told when the time limit passed. */
export function describeDeployTimeOut(environment: string, timeoutMinutes: number): string {
  return `no deploy system answered for the deployment to \`${environment}\` within ${timeoutMinutes} minute${timeoutMinutes === 1 ? "" : "s"}: a deploy system must post a deployment status (success, failure or error)`;
}
