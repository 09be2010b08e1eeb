import { githubTime } from "../../domain/github-time.ts";
import { describeVerifierFailure } from "../gate/describe-verifier-failure.ts";
import { sendBack } from "../send-back.ts";
import { refuse, type CommandContext } from "./command-context.ts";
import { gateFor } from "./gate-for.ts";
import { gateVerdictFor } from "./gate-verdict-for.ts";

/** `/reject <why>`: the pass runs again with the reason (and the verifiers' findings) as feedback. */
export async function reject(context: CommandContext, reason: string): Promise<void> {
  const gate = await gateFor(context, "reject");
  if (!gate) return;
  const verdict = await gateVerdictFor(context, gate);
  const { deps, github, job } = context;
  const now = deps.clock.now();
  const base = { workItemId: gate.item.id, passRunId: gate.run.id, actor: job.author, actorPermission: context.permission, commitSha: gate.run.headSha, sourceCommentId: job.commentId, writtenAt: githubTime(job.createdAt) ?? null, decidedAt: now };
  if (!verdict.allowed) {
    await deps.store.recordGateDecision({ ...base, decision: "refused", reason: verdict.why });
    await refuse(context, "reject", verdict.why);
    return;
  }
  await deps.store.recordGateDecision({ ...base, decision: "reject", reason });
  await github.reactToComment(context.repo, job.commentId, "+1");
  const findings = (await deps.store.listVerifierRuns(gate.run.id, gate.run.headSha)).filter((run) => run.conclusion === "failure").map(describeVerifierFailure);
  await sendBack(deps, github, gate, {
    trigger: "rejected",
    reason: `@${job.author}: ${reason}`,
    feedback: [`@${job.author} rejected iteration ${gate.run.iteration}: ${reason}`, ...(gate.run.feedback ? [`Earlier feedback:\n${gate.run.feedback}`] : []), ...(findings.length > 0 ? [`Verifier findings:\n${findings.join("\n")}`] : [])].join("\n\n"),
    actor: job.author,
  });
}
