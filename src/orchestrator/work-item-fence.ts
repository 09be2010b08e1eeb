import type { OrchestratorDeps } from "./deps.ts";
import type { GitHubPort } from "./github-port.ts";

/** The work item was stopped from outside (a lifecycle hold, a cancel) while this job ran. */
export class WorkItemStopped extends Error {
  constructor(workItemId: number, state: string, reason: string | null) {
    super(`work item ${workItemId} was stopped while the job ran (${state}${reason ? `: ${reason}` : ""})`);
    this.name = "WorkItemStopped";
  }
}

export interface WorkItemFence {
  /** Throws WorkItemStopped when the work item was stopped since the job began. */
  check(): Promise<void>;
  /** The same GitHub, checking the fence before every write. */
  guard(github: GitHubPort): GitHubPort;
}

/**
 * A running job re-reads its work item's stop epoch before every model call and every GitHub
 * write: a stop applied from outside the job (label removed, issue closed, installation suspended)
 * raises the epoch, and the job spends and writes nothing more.
 */
export function fenceWorkItem(deps: Pick<OrchestratorDeps, "store">, workItemId: number, stopEpoch: number): WorkItemFence {
  const check = async (): Promise<void> => {
    const item = await deps.store.getWorkItem(workItemId);
    if (item.stopEpoch !== stopEpoch) throw new WorkItemStopped(workItemId, item.state, item.stateReason);
  };
  return {
    check,
    guard(github) {
      return github.guardWrites(check);
    },
  };
}
