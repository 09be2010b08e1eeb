import type { CommandAnswer } from "../../commands/compose-answer.ts";
import type { RepoPermission } from "../../commands/permissions.ts";
import type { WorkItemRecord } from "../../domain/types.ts";
import type { OrchestratorDeps } from "../deps.ts";
import type { GitHubPort, Repo } from "../github-port.ts";
import type { CommandPayload } from "../jobs.ts";

/** What one command of a comment runs with. */
export interface CommandContext {
  deps: OrchestratorDeps;
  github: GitHubPort;
  repo: Repo;
  job: CommandPayload;
  item: WorkItemRecord;
  /** Asked of GitHub when the comment was taken up (author_association is not reliable). */
  permission: RepoPermission;
  /** The command being run, and where its answers gather: the comment gets one reply in all. */
  name: string;
  answers: CommandAnswer[];
  /** Set when a refusal was audited: the card is refreshed once, after the comment's commands. */
  audited: { card: boolean };
}

/** Refuses a command: it is audited, answered, and the card is refreshed after the comment's commands. */
export async function refuse(context: CommandContext, name: string, why: string): Promise<void> {
  const { deps, item, job } = context;
  await deps.store.appendAudit({ workItemId: item.id, actor: job.author, action: `/${name} refused`, detail: why, commitSha: null, at: deps.clock.now() });
  await reply(context, `your \`/${name}\` was not counted: ${why}. Nothing was changed.`);
  context.audited.card = true;
}

/** Gathers an answer to the command being run; `runCommands` posts them all as the comment's one reply. */
export function reply(context: CommandContext, text: string): Promise<void> {
  context.answers.push({ name: context.name, text });
  return Promise.resolve();
}

