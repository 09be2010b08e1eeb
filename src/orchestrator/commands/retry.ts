import { sendBack } from "../send-back.ts";
import { reply, type CommandContext } from "./command-context.ts";

/** `/retry`: a failed or escalated pass runs again. */
export async function retry(context: CommandContext): Promise<void> {
  const { deps, github, item, job } = context;
  const pass = item.definitions?.workflow.passes.find((candidate) => candidate.id === item.currentPass);
  const run = pass ? await deps.store.latestPassRun(item.id, pass.id) : undefined;
  if (!(item.state === "failed" || item.state === "escalated") || !pass || !run) {
    const hint = item.state === "blocked" ? " A blocked work item starts again when you remove and re-add its label." : "";
    return reply(context, `\`/retry\` re-runs a failed or escalated pass; this work item is ${item.state.replace("_", " ")}.${hint} Nothing was changed.`);
  }
  await github.reactToComment(context.repo, job.commentId, "+1");
  await sendBack(deps, github, { item, pass, run }, { trigger: "retry", reason: `@${job.author} asked for a retry`, feedback: run.feedback ?? run.error ?? "", actor: job.author });
}
