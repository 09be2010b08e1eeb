import { nodeId } from "../core/ids.ts";
import { repoOf } from "../core/lookup.ts";
import type { World } from "../core/world.ts";
import type { IssueEventRecord, IssueRecord } from "../types.ts";
import { repoApiUrl } from "./repo.ts";
import { renderUser, userById } from "./user.ts";

/** An issue event as GET /repos/{owner}/{repo}/issues/{issue_number}/events lists it (labeled / unlabeled). */
export function renderIssueEvent(w: World, issue: IssueRecord, event: IssueEventRecord): Record<string, unknown> {
  return {
    id: event.id,
    node_id: nodeId(event.event === "labeled" ? "LabeledEvent" : "UnlabeledEvent", event.id),
    url: `${repoApiUrl(w, repoOf(w, issue.repoKey))}/issues/events/${event.id}`,
    actor: renderUser(w, userById(w, event.actorId)),
    event: event.event,
    commit_id: null,
    commit_url: null,
    created_at: event.createdAt,
    label: { name: event.labelName, color: event.labelColor },
    performed_via_github_app: null,
  };
}
