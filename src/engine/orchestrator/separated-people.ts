import type { SeparatedPerson } from "../../commands/permissions.ts";
import { separatedRoles, type GateDefinition } from "../../definitions/workflow.schema.ts";
import { getIssue } from "../../github/issues.ts";
import type { GitHub, Repo } from "../../github/octokit.ts";
import { pullRequestPushers } from "../../github/pull-requests.ts";
import type { WorkItemRecord } from "../../store/work-items.ts";
import type { EngineDeps } from "./deps.ts";

/**
 * The people `gates` keep from deciding them (separation of duties), gathered once for all of
 * them: the initiator, the issue's author (recorded at the start; asked of GitHub for a work item
 * started before it was), and who pushed to the pass PR (`prNumber`), from GitHub's commit list.
 */
export async function separatedPeople(deps: EngineDeps, gh: GitHub, item: WorkItemRecord, gates: readonly Pick<GateDefinition, "separate_from">[], prNumber: number | null): Promise<SeparatedPerson[]> {
  const roles = new Set(gates.flatMap((gate) => separatedRoles(gate)));
  const repo: Repo = { owner: item.repo.owner, repo: item.repo.name };
  const people: SeparatedPerson[] = [];
  if (roles.has("initiator")) people.push({ login: item.initiator, role: "initiator" });
  if (roles.has("issue_author")) people.push({ login: item.issueAuthor ?? (await getIssue(gh, repo, item.issueNumber)).author, role: "issue_author" });
  if (roles.has("pushers") && prNumber !== null) {
    const own = await deps.ownApp();
    for (const pusher of await pullRequestPushers(gh, repo, prNumber, own.login)) people.push({ login: pusher.login, role: "pusher" });
  }
  return people;
}
