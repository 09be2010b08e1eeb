import type { SeparatedPerson } from "../commands/permissions.ts";
import { separatedRoles, type GateDefinition } from "../definitions/workflow.schema.ts";
import type { OrchestratorDeps } from "./deps.ts";
import type { GitHubPort } from "./github-port.ts";
import type { WorkItemRecord } from "../domain/types.ts";
import { repoOf } from "./repo-of.ts";

/** Who a gate keeps from deciding it, and a commit that makes that impossible to know (fail closed). */
export interface Separation {
  people: SeparatedPerson[];
  /** A commit on the pass PR, not Pitwall's, whose author or committer GitHub links to no account. */
  unlinkedCommit: string | null;
}

/**
 * The people `gates` keep from deciding them (separation of duties), gathered once for all of
 * them: the initiator, the issue's author (recorded at the start; asked of GitHub for a work item
 * started before it was), and who pushed to the pass PR (`prNumber`): the sender of every push
 * webhook Pitwall recorded, and the accounts GitHub's commit list names (a lost webhook still
 * leaves the commit). The names on a commit are the pusher's to choose, so Pitwall's own commits
 * are known by the SHAs it recorded, and a commit naming no account makes the check fail closed.
 */
export async function separatedPeople(deps: OrchestratorDeps, github: GitHubPort, item: WorkItemRecord, gates: readonly Pick<GateDefinition, "separate_from">[], prNumber: number | null): Promise<Separation> {
  const roles = new Set(gates.flatMap((gate) => separatedRoles(gate)));
  const repo = repoOf(item);
  const people: SeparatedPerson[] = [];
  let unlinkedCommit: string | null = null;
  if (roles.has("initiator")) people.push({ login: item.initiator, role: "initiator" });
  if (roles.has("issue_author")) people.push({ login: item.issueAuthor ?? (await github.getIssue(repo, item.issueNumber)).author, role: "issue_author" });
  if (roles.has("pushers") && prNumber !== null) {
    const own = await deps.ownApp();
    const listed = await github.pullRequestPushers(repo, prNumber, own.login, await deps.store.listPitwallCommits(item.id, prNumber));
    const senders = (await deps.store.listPassPushers(item.id, prNumber)).filter((login) => login.toLowerCase() !== own.login.toLowerCase());
    const logins = new Map([...senders, ...listed.pushers.map((pusher) => pusher.login)].map((login) => [login.toLowerCase(), login]));
    for (const login of logins.values()) people.push({ login, role: "pusher" });
    unlinkedCommit = listed.unlinked;
  }
  return { people, unlinkedCommit };
}
