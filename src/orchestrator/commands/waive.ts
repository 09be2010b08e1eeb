import { neutraliseModelText } from "../../domain/neutralise-model-text.ts";
import { advanceGate } from "../gate/advance-gate.ts";
import { publishVerifierCheck } from "../verifier-check.ts";
import { refuse, reply, type CommandContext } from "./command-context.ts";
import { gateFor } from "./gate-for.ts";
import { gateVerdictFor } from "./gate-verdict-for.ts";

/** `/waive <id> <why>`: a gate approver dismisses one finding; its verifier's conclusion is recomputed. */
export async function waive(context: CommandContext, id: string, reason: string): Promise<void> {
  const gate = await gateFor(context, "waive");
  if (!gate) return;
  const { deps, github, job } = context;
  const verdict = await gateVerdictFor(context, gate);
  if (!verdict.allowed) return refuse(context, "waive", verdict.why);
  const owner = (await deps.store.listVerifierRuns(gate.run.id, gate.run.headSha)).find((run) => run.findings.some((finding) => finding.id === id));
  const finding = owner?.findings.find((candidate) => candidate.id === id);
  if (!owner || !finding) return reply(context, `no finding \`${id}\` on \`${gate.run.headSha.slice(0, 7)}\` of #${gate.run.prNumber}; the ids are in the verifiers' check runs. Nothing was changed.`);
  const recorded = await deps.store.recordWaiver({ workItemId: gate.item.id, passRunId: gate.run.id, findingId: id, actor: job.author, reason, commitSha: gate.run.headSha, waivedAt: deps.clock.now() });
  if (!recorded) return reply(context, `finding \`${id}\` is already waived.`);
  await deps.store.appendAudit({ workItemId: gate.item.id, actor: job.author, action: `waived ${id} (${owner.verifier})`, detail: `${neutraliseModelText(finding.message)} — ${reason}`, commitSha: gate.run.headSha, at: deps.clock.now() });
  await github.reactToComment(context.repo, job.commentId, "+1");
  await publishVerifierCheck(deps, github, gate, owner.id);
  await advanceGate(deps, github, gate.item.id);
}
