import { budgetOwners, heldByBudget, releaseBudgetHold } from "../budget-gate.ts";
import { currentGate } from "../gate/current-gate.ts";
import { rerunVerifier } from "../verifier-check.ts";
import { refuse, reply, type CommandContext } from "./command-context.ts";

/** `/approve budget`: a budget owner lets the dispatch a budget holds back go ahead, once. */
export async function approveBudget(context: CommandContext): Promise<void> {
  const { deps, github, item, job } = context;
  const owners = budgetOwners(item);
  if (!owners.some((owner) => owner.toLowerCase() === job.author.toLowerCase())) {
    return refuse(context, "approve budget", owners.length === 0 ? "no budget applies to this work item" : `only the budget owners (${owners.map((owner) => `@${owner}`).join(", ")}) may release a budget hold`);
  }
  if (!heldByBudget(item)) return rerunStoppedVerifiers(context);
  await deps.store.updateWorkItem(item.id, { budgetApprovedFor: `${item.currentPass}:${item.iteration}` }, deps.clock.now());
  await github.reactToComment(context.repo, job.commentId, "+1");
  await releaseBudgetHold(deps, github, item, { actor: job.author, action: "/approve budget", detail: `for ${item.currentPass} (iteration ${item.iteration}): ${item.budgetHold}` });
}

/** A verifier a budget stopped at the gate runs again, as approved. */
async function rerunStoppedVerifiers(context: CommandContext): Promise<void> {
  const { deps, github, item, job } = context;
  const gate = await currentGate(deps, item.id);
  const stopped = gate ? (await deps.store.listVerifierRuns(gate.run.id, gate.run.headSha)).filter((verifierRun) => verifierRun.budgetStop !== null) : [];
  if (!gate || stopped.length === 0) return reply(context, "no budget holds this work item back right now; nothing was changed.");
  await deps.store.updateWorkItem(item.id, { budgetApprovedFor: `${gate.pass.id}:${gate.run.iteration}` }, deps.clock.now());
  await github.reactToComment(context.repo, job.commentId, "+1");
  for (const verifierRun of stopped) {
    await deps.store.appendAudit({ workItemId: item.id, actor: job.author, action: "/approve budget", detail: `pitwall/${verifierRun.verifier} runs again: ${verifierRun.budgetStop ?? ""}`, commitSha: gate.run.headSha, at: deps.clock.now() });
    await rerunVerifier(deps, item, verifierRun.id);
  }
}
