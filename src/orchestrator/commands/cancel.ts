import { isFinal } from "../../domain/work-item-state.ts";
import { applyDecision } from "../apply-decision.ts";
import { performEffects } from "../perform-effects.ts";
import { refreshStatusCard } from "../refresh-status-card.ts";
import { reply, type CommandContext } from "./command-context.ts";

/** `/cancel`: the work item ends. */
export async function cancel(context: CommandContext): Promise<void> {
  const { deps, github, item, job } = context;
  if (isFinal(item.state)) return reply(context, `the work item is already ${item.state}.`);
  const reason = `work item cancelled by @${job.author}`;
  const { item: updated, effects } = await applyDecision(deps, item.id, { type: "cancel_requested", reason }, { actor: job.author, action: "cancelled" });
  await github.reactToComment(context.repo, job.commentId, "+1");
  await performEffects(deps, github, updated, effects);
  await refreshStatusCard(deps, github, updated.id);
}
