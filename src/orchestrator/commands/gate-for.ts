import { currentGate, type CurrentGate } from "../gate/current-gate.ts";
import { reply, type CommandContext } from "./command-context.ts";

/** The gate a gate command acts on, or a reply saying why there is none. */
export async function gateFor(context: CommandContext, name: string): Promise<CurrentGate | undefined> {
  const { item, job } = context;
  if (item.state === "paused") {
    await reply(context, `the work item is paused; \`/resume\` it before \`/${name}\`. Nothing was changed.`);
    return undefined;
  }
  const gate = await currentGate(context.deps, item.id);
  if (!gate) {
    await reply(context, `there is no gate waiting on this work item right now (state: ${item.state.replace("_", " ")}); nothing was changed.`);
    return undefined;
  }
  if (job.isPullRequest && job.issueNumber !== gate.run.prNumber) {
    await reply(context, `this pull request is not the one at the current gate; use #${gate.run.prNumber}.`);
    return undefined;
  }
  return gate;
}
