import { rerunWorkItem } from "../rerun-work-item.ts";
import { reply, type CommandContext } from "./command-context.ts";

/** `/rerun`: a finished work item runs again. */
export async function rerun(context: CommandContext): Promise<void> {
  const { deps, github, item, job } = context;
  const outcome = await rerunWorkItem(deps, github, item, job.author);
  if (!outcome.ok) return reply(context, outcome.message);
  await github.reactToComment(context.repo, job.commentId, "+1");
}
