import { repoApiUrl } from "./repo.ts";
import { renderUserId } from "./user.ts";
import type { World } from "../core/world.ts";
import type { RepoRecord, StatusRecord } from "../types.ts";

export function renderStatus(w: World, repo: RepoRecord, status: StatusRecord): Record<string, unknown> {
  return {
    url: `${repoApiUrl(w, repo)}/statuses/${status.sha}`,
    avatar_url: null,
    id: status.id,
    node_id: status.nodeId,
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    creator: renderUserId(w, status.creatorId),
  };
}
