import { mayDecideGate } from "../../commands/permissions.ts";
import { earlierSecond, githubTime } from "../../domain/github-time.ts";
import type { CurrentGate } from "../gate/current-gate.ts";
import type { CommandContext } from "./command-context.ts";
import { gateSeparation } from "./gate-separation.ts";

/** Whether the commenter may decide this gate: approvers, separation of duties, and what they saw. */
export async function gateVerdictFor(context: CommandContext, gate: CurrentGate): Promise<{ allowed: boolean; why: string }> {
  const separation = await gateSeparation(context.deps, context.github, gate);
  const verdict = mayDecideGate(gate.pass.gate.approvers, context.job.author, context.permission, separation.people, separation.unlinkedCommit);
  if (verdict.allowed && writtenBefore(context.job.createdAt, gate.run.headAt)) {
    return { allowed: false, why: `it was written before \`${gate.run.headSha.slice(0, 7)}\` became the pull request's head; look at the new commit and answer again` };
  }
  return verdict;
}

/**
 * A comment written before the gate's current head became the head was about an earlier commit
 * (it waited in the queue behind a rework or a push). Both times are GitHub's, at its one-second
 * precision: the comment's `created_at` and the head's push or commit time.
 */
function writtenBefore(createdAt: string | undefined, headAt: Date | null): boolean {
  const written = githubTime(createdAt);
  if (written === undefined || headAt === null) return false;
  return earlierSecond(written, headAt);
}
