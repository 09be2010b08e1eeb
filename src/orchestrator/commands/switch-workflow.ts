import { maySwitchWorkflow } from "../../commands/permissions.ts";
import { githubTime } from "../../domain/github-time.ts";
import { isFinal } from "../../domain/work-item-state.ts";
import { chooseWorkflow } from "../choose-workflow.ts";
import { separatedPeople } from "../separated-people.ts";
import { unclassifiedWorkflow } from "../start-work-item.ts";
import { refuse, reply, type CommandContext } from "./command-context.ts";

/** `/workflow <name>`: the work item switches workflow before its first gate is met. */
export async function switchWorkflow(context: CommandContext, workflow: string): Promise<void> {
  const { deps, github, item, job } = context;
  const merged = (await deps.store.listPassRuns(item.id)).some((run) => run.state === "merged");
  if (isFinal(item.state) || merged || item.state === "paused") {
    return reply(context, `\`/workflow\` can switch only before the first gate is met; this work item is ${item.state.replace("_", " ")}${merged ? " and a pass has merged" : ""}. Nothing was changed.`);
  }
  // Choosing the first workflow of an unclassified work item (the analyst's proposal) lowers nothing.
  if (item.workflow === unclassifiedWorkflow && (item.definitions?.workflow.passes.length ?? 0) === 0) {
    const outcome = await chooseWorkflow(deps, github, item, workflow, job.author);
    if (!outcome.ok) return reply(context, outcome.message);
    return github.reactToComment(context.repo, job.commentId, "+1");
  }
  if (!item.definitions) {
    // Nothing was pinned (the definitions were broken when the label came): what the gates of
    // `item.workflow` require is unknown, so no switch can be shown not to lower them.
    return refuse(context, "workflow", `the \`${item.workflow}\` workflow could not be pinned when the work item started, so Pitwall cannot tell what its gates require; fix the definitions, then remove and re-add the label`);
  }
  // Leaving a pinned workflow is a gate decision: only an approver that workflow's gates accept
  // may take it, and it is recorded.
  const gates = item.definitions.workflow.passes.map((pass) => pass.gate);
  const run = item.currentPass === null ? undefined : await deps.store.latestPassRun(item.id, item.currentPass);
  const separated = await separatedPeople(deps, github, item, gates.filter((gate) => gate.kind === "human" || gate.kind === "both"), run?.prNumber ?? null);
  const verdict = maySwitchWorkflow(item.workflow, gates, job.author, context.permission, separated.people, separated.unlinkedCommit);
  const decision = { workItemId: item.id, passRunId: run?.id ?? null, actor: job.author, actorPermission: context.permission, commitSha: run?.headSha ?? null, sourceCommentId: job.commentId, writtenAt: githubTime(job.createdAt) ?? null };
  if (!verdict.allowed) {
    await deps.store.recordGateDecision({ ...decision, decision: "refused", reason: verdict.why, decidedAt: deps.clock.now() });
    return refuse(context, "workflow", verdict.why);
  }
  const from = item.workflow;
  const outcome = await chooseWorkflow(deps, github, item, workflow, job.author);
  if (!outcome.ok) return reply(context, outcome.message);
  await deps.store.recordGateDecision({ ...decision, decision: "switch", reason: `${from} → ${workflow}`, decidedAt: deps.clock.now() });
  await github.reactToComment(context.repo, job.commentId, "+1");
}
