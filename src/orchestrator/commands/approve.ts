import { githubTime } from "../../domain/github-time.ts";
import { reply, type CommandContext } from "./command-context.ts";
import { gateFor } from "./gate-for.ts";
import { gateVerdictFor } from "./gate-verdict-for.ts";
import { recordApproval } from "./record-approval.ts";

/** `/approve`: counts towards the current gate when the commenter may decide it. */
export async function approve(context: CommandContext): Promise<void> {
  const gate = await gateFor(context, "approve");
  if (!gate) return;
  await recordApproval(context.deps, context.github, gate, { actor: context.job.author, permission: context.permission, commitSha: gate.run.headSha, sourceCommentId: context.job.commentId, source: "comment", writtenAt: githubTime(context.job.createdAt) ?? null }, await gateVerdictFor(context, gate), (text) => reply(context, text));
  await context.github.reactToComment(context.repo, context.job.commentId, "+1");
}
