import { isFinal } from "../../domain/work-item-state.ts";
import type { Tier } from "../../providers/types.ts";
import { refreshStatusCard } from "../refresh-status-card.ts";
import { reply, type CommandContext } from "./command-context.ts";

/** `/tier <tier>`: the next run of the current pass uses that tier. */
export async function setTier(context: CommandContext, tier: Tier): Promise<void> {
  const { deps, github, item, job } = context;
  if (isFinal(item.state) || item.currentPass === null) return reply(context, `there is no pass to run on another tier (state: ${item.state}).`);
  await deps.store.updateWorkItem(item.id, { tierOverride: tier }, deps.clock.now());
  await deps.store.appendAudit({ workItemId: item.id, actor: job.author, action: `/tier ${tier}`, detail: `for the next run of ${item.currentPass}`, commitSha: null, at: deps.clock.now() });
  await reply(context, `the next run of \`${item.currentPass}\` uses the \`${tier}\` tier (\`/reject <why>\` or \`/retry\` starts it).`);
  await refreshStatusCard(deps, github, item.id);
}
