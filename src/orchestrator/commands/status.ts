import { refreshStatusCard } from "../refresh-status-card.ts";
import type { CommandContext } from "./command-context.ts";

/** `/status`: the status card is refreshed. */
export async function status(context: CommandContext): Promise<void> {
  const { deps, github, item } = context;
  await refreshStatusCard(deps, github, item.id);
  return github.reactToComment(context.repo, context.job.commentId, "+1");
}
