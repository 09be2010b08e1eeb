import { postWorkItemCost } from "../model-calls.ts";
import type { CommandContext } from "./command-context.ts";

/** `/cost`: the cost breakdown is posted. */
export async function cost(context: CommandContext): Promise<void> {
  const { deps, github, item } = context;
  await postWorkItemCost(deps, github, item);
  return github.reactToComment(context.repo, context.job.commentId, "+1");
}
