import { atLeast } from "../../commands/permissions.ts";
import { escalate } from "../escalate.ts";
import { rerunVerifier } from "../verifier-check.ts";
import type { EventContext, PassPrEvent } from "./event-context.ts";

/** A button on a verifier's check run: "Re-run" or "Escalate to human", for people with write access. */
export async function verifierAction({ deps, github, repo, gate }: EventContext, event: PassPrEvent<"verifier_action">): Promise<void> {
  const { item, pass, run } = gate;
  const verifierRun = await deps.store.getVerifierRun(event.verifierRunId);
  if (verifierRun.headSha !== run.headSha) return;
  const permission = await github.getRepoPermission(repo, event.sender);
  if (!atLeast(permission, "write")) {
    await github.postComment(repo, run.prNumber, `@${event.sender} the buttons on \`pitwall/${verifierRun.verifier}\` need write access to the repository; yours is ${permission}. Nothing was changed.`);
    return;
  }
  if (event.action === "escalate") {
    const reason = `@${event.sender} asked for a person on \`pitwall/${verifierRun.verifier}\``;
    if (item.state === "escalated" || item.state === "paused") return;
    await escalate(deps, github, item.id, pass.id, reason, { actor: event.sender, commitSha: run.headSha });
    return;
  }
  await deps.store.appendAudit({ workItemId: item.id, actor: event.sender, action: `re-ran pitwall/${verifierRun.verifier}`, detail: null, commitSha: run.headSha, at: deps.clock.now() });
  await rerunVerifier(deps, item, verifierRun.id);
}
