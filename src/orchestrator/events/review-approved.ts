import { mayDecideGate } from "../../commands/permissions.ts";
import { gateSeparation } from "../commands/gate-separation.ts";
import { recordApproval } from "../commands/record-approval.ts";
import type { EventContext, PassPrEvent } from "./event-context.ts";

/** A PR review "Approve" counts as `/approve` from the same person, at the reviewed commit. */
export async function reviewApproved({ deps, github, repo, gate }: EventContext, event: PassPrEvent<"review_approved">): Promise<void> {
  const permission = await github.getRepoPermission(repo, event.reviewer);
  const separation = await gateSeparation(deps, github, gate);
  const verdict = mayDecideGate(gate.pass.gate.approvers, event.reviewer, permission, separation.people, separation.unlinkedCommit);
  await recordApproval(deps, github, gate, { actor: event.reviewer, permission, commitSha: event.commitSha, sourceCommentId: null, source: "review", writtenAt: null }, verdict, (text) =>
    github.postComment(repo, gate.run.prNumber, `@${event.reviewer} ${text}`).then(() => undefined),
  );
}
