import { parseCommands, type Command } from "../commands/parse-commands.ts";
import { atLeast, requiredPermission } from "../commands/permissions.ts";
import { commandsPerComment, planCommands } from "../commands/plan-commands.ts";
import { composeAnswer, invalidAnswer, type CommandAnswer } from "../commands/compose-answer.ts";
import type { Tier } from "../providers/types.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { newJob } from "../scheduler/new-job.ts";
import { jobKinds, lockKeyOf, type CommandPayload, type RunCommandsPayload } from "./jobs.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import type { Repo } from "./github-port.ts";
import { refuse, type CommandContext } from "./commands/command-context.ts";
import { approve } from "./commands/approve.ts";
import { approveBudget } from "./commands/approve-budget.ts";
import { reject } from "./commands/reject.ts";
import { retry } from "./commands/retry.ts";
import { rerun } from "./commands/rerun.ts";
import { status } from "./commands/status.ts";
import { cost } from "./commands/cost.ts";
import { pauseOrResume } from "./commands/pause-or-resume.ts";
import { cancel } from "./commands/cancel.ts";
import { switchWorkflow } from "./commands/switch-workflow.ts";
import { setTier } from "./commands/set-tier.ts";
import { waive } from "./commands/waive.ts";

/**
 * Takes up one human comment on a work item's issue or pass PR, without the work
 * item's lock: GitHub is asked for the author's permission before anything else, and someone
 * without access gets one reply while nothing is read or changed. A comment with nothing valid
 * to run is answered here; one with commands goes to `runCommands` under the lock. Either way
 * the comment gets at most one reply, however many lines it holds.
 */
export async function handleCommand(deps: OrchestratorDeps, job: CommandPayload): Promise<void> {
  const github = await deps.githubFor(job.installationId);
  const repo: Repo = { owner: job.owner, repo: job.repo };
  const permission = await github.getRepoPermission(repo, job.author);
  if (permission === "none") {
    await github.postComment(repo, job.issueNumber, `@${job.author} you have no access to this repository, so Pitwall does not act on commands from you. Nothing was changed.`);
    return;
  }
  if (job.editedLines) {
    const names = [...new Set(job.editedLines.map((line) => `\`${/^\/[a-z][a-z-]*/i.exec(line)?.[0].toLowerCase() ?? "/?"}\``))];
    const shown = names.length > commandsPerComment ? `${names.slice(0, commandsPerComment).join(", ")} and ${names.length - commandsPerComment} more` : names.join(", ");
    const [was, it] = names.length === 1 ? ["was", "it"] : ["were", "them"];
    await github.postComment(repo, job.issueNumber, `@${job.author} edits do not run commands, so ${shown} in your edited comment ${was} not run. If you mean ${it}, write ${it} in a new comment.`);
    return;
  }
  const plan = planCommands(parseCommands(job.body));
  if (!plan.read.some((parsed) => parsed.ok)) {
    const text = composeAnswer(job.author, plan.read.flatMap((parsed) => (parsed.ok ? [] : [invalidAnswer(parsed)])), plan.unread);
    if (text) await github.postComment(repo, job.issueNumber, text);
    return;
  }
  const item = await deps.store.getWorkItem(job.workItemId);
  const { editedLines: _edited, ...rest } = job;
  const lockKey = lockKeyOf(item);
  // Its own fairness key: one person's queued commands take turns with everyone else's.
  await deps.enqueue(newJob(jobKinds.runCommands, { ...rest, permission }, { dedupeKey: `run-commands:${job.commentId}`, lockKey, fairKey: `run:${lockKey}:${job.author.toLowerCase()}` }));
}

/** Runs the commands of one comment under the work item's lock, and answers it with one reply. */
export async function runCommands(deps: OrchestratorDeps, job: RunCommandsPayload): Promise<void> {
  const github = await deps.githubFor(job.installationId);
  const repo: Repo = { owner: job.owner, repo: job.repo };
  const { permission } = job;
  const plan = planCommands(parseCommands(job.body));
  const answers: CommandAnswer[] = [];
  const audited = { card: false };
  for (const parsed of plan.read) {
    if (!parsed.ok) {
      answers.push(invalidAnswer(parsed));
      continue;
    }
    const item = await deps.store.getWorkItem(job.workItemId);
    const context: CommandContext = { deps, github, repo, job, item, permission, name: parsed.command.name, answers, audited };
    // Gate commands are checked against the gate's own approver rules (and recorded when refused).
    const gateCommand = parsed.command.name === "approve" || parsed.command.name === "reject" || parsed.command.name === "waive";
    const needed = requiredPermission(parsed.command);
    if (!gateCommand && needed !== "read" && !atLeast(permission, needed)) {
      await refuse(context, parsed.command.name, `it needs ${needed} permission on the repository; yours is ${permission}`);
      continue;
    }
    await runCommand(context, parsed.command);
  }
  if (audited.card) await refreshStatusCard(deps, github, job.workItemId);
  const text = composeAnswer(job.author, answers, plan.unread);
  if (text) await github.postComment(repo, job.issueNumber, text);
}

/** Each command's use case, by its name. */
const handlers: { [N in Command["name"]]: (context: CommandContext, command: Command & { name: N }) => Promise<void> } = {
  approve: (context, command) => (command.budget ? approveBudget(context) : approve(context)),
  reject: (context, command) => reject(context, command.reason),
  retry,
  rerun,
  status,
  cost,
  pause: (context) => pauseOrResume(context, "pause"),
  resume: (context) => pauseOrResume(context, "resume"),
  cancel,
  workflow: (context, command) => switchWorkflow(context, command.workflow),
  tier: (context, command) => setTier(context, command.tier as Tier),
  waive: (context, command) => waive(context, command.finding, command.reason),
};

function runCommand(context: CommandContext, command: Command): Promise<void> {
  // The table pairs each name with its own command's shape; TypeScript cannot follow that through the lookup.
  const handler = handlers[command.name] as (context: CommandContext, command: Command) => Promise<void>;
  return handler(context, command);
}
