import { replicaRepo, type Replicas } from "../../windtunnel/index.ts";

// What the people of acme/rocket do in the fault suite's stories.

/** Alice opens a bug and labels it `pitwall:bug`; returns its number at once. */
export function openBug(tunnel: Replicas, title: string): number {
  const issue = tunnel.github.createIssue(replicaRepo, { title, body: "Starting with an empty config file crashes with a TypeError.", author: "alice" });
  tunnel.github.addLabel(replicaRepo, issue.number, "pitwall:bug", { by: "alice" });
  return issue.number;
}

/** The open pass PR of the work item that waits at `passId`'s gate, as a person sees it on GitHub. */
export function openPassPull(tunnel: Replicas, issueNumber: number, passId: string): number | undefined {
  const pull = [...tunnel.github.state.pulls.values()].find((candidate) => candidate.repoKey === replicaRepo && candidate.headRef === `pitwall/${issueNumber}/${passId}` && !candidate.merged);
  return pull && tunnel.github.state.issues.get(pull.issueId)?.state === "open" ? pull.number : undefined;
}

/** Carol approves the diagnosis PR with `/approve` when she sees it open; false when there is none to approve. */
export function approveDiagnosis(tunnel: Replicas, issueNumber: number): boolean {
  const pull = openPassPull(tunnel, issueNumber, "diagnose");
  if (pull === undefined) return false;
  tunnel.github.comment(replicaRepo, pull, "/approve", { by: "carol" });
  return true;
}

/** Settles, and says what was left instead of throwing when it does not within `timeoutMs`. */
export async function settleWithin(tunnel: Replicas, timeoutMs: number): Promise<string | undefined> {
  try {
    await tunnel.settle({ timeoutMs });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
