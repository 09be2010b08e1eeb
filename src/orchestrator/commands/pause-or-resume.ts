import { isPausable } from "../../domain/work-item-state.ts";
import { applyDecision } from "../apply-decision.ts";
import { describeHold } from "../describe-hold.ts";
import { performEffects } from "../perform-effects.ts";
import { refreshStatusCard } from "../refresh-status-card.ts";
import { runWaitingVerifiers } from "../run-waiting-verifiers.ts";
import { startingLabel } from "../starting-label.ts";
import { reply, type CommandContext } from "./command-context.ts";
import { revive } from "./revive.ts";

/** `/pause` and `/resume`. */
export async function pauseOrResume(context: CommandContext, what: "pause" | "resume"): Promise<void> {
  const { deps, github, item, job } = context;
  if (what === "resume" && item.state === "cancelled" && item.hold === "issue_closed") return revive(context);
  if (what === "resume" && item.hold !== null && item.state === "paused") {
    return reply(context, `the work item is held because ${item.stateReason ?? item.hold}. ${describeHold(item.hold, startingLabel(item) ?? null)}; \`/resume\` cannot lift this hold. Nothing was changed.`);
  }
  if (what === "pause" ? !isPausable(item.state) : item.state !== "paused") {
    const why = item.state === "running" ? "a pass is running right now; try again when it has opened its pull request" : `the work item is ${item.state.replace("_", " ")}`;
    return reply(context, what === "pause" ? `${why}; nothing was paused.` : "the work item is not paused.");
  }
  const { item: updated, effects } = await applyDecision(deps, item.id, { type: what === "pause" ? "pause_requested" : "resume_requested" }, { actor: job.author, action: what === "pause" ? "paused" : "resumed" });
  await github.reactToComment(context.repo, job.commentId, "+1");
  await refreshStatusCard(deps, github, updated.id);
  await performEffects(deps, github, updated, effects);
  if (what === "resume") await runWaitingVerifiers(deps, updated.id);
}
