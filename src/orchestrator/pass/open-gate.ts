import { advanceGate } from "../gate/advance-gate.ts";
import type { OrchestratorDeps } from "../deps.ts";
import { startGateWork } from "../gate/start-gate-work.ts";
import { sendBack } from "../send-back.ts";
import type { PreparedPass } from "./prepare-pass.ts";
import type { PublishedPass } from "./publish-pass.ts";

/**
 * The published pass goes to its gate: the deployment or verifiers it needs start, and the gate
 * is looked at once. An iteration that made no progress is sent back instead.
 */
export async function openGate(deps: OrchestratorDeps, prepared: Pick<PreparedPass, "github" | "item" | "pass" | "run">, published: PublishedPass): Promise<void> {
  const { github, item, pass, run } = prepared;
  const { commit, opened, repeated } = published;
  // A revived pass starts over on a new PR: the same outputs again are what it should make.
  if (run.iteration > 1 && run.trigger !== "resumed" && (!commit.created || repeated)) {
    // An iteration that changes nothing, or makes a change an earlier one already made, stops the
    // loop instead of spending more.
    const what = !commit.created ? `iteration ${run.iteration} produced no change` : `iteration ${run.iteration} repeated the change of iteration ${repeated?.iteration ?? "?"}`;
    await sendBack(deps, github, { item: await deps.store.getWorkItem(item.id), pass, run: opened }, { trigger: run.trigger === "first" ? "rejected" : run.trigger, reason: what, feedback: "", actor: "pitwall", noProgress: what });
    return;
  }
  await startGateWork(deps, github, item, pass, opened, commit.commitSha);
  // CI may have finished before the pass recorded its head (its webhook found no pass run).
  await advanceGate(deps, github, item.id);
}
