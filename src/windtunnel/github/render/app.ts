// The GitHub App ("integration") object: GET /app, check_run.app, performed_via_github_app.
import { renderUserId } from "./user.ts";
import type { World } from "../core/world.ts";

export function renderApp(w: World): Record<string, unknown> {
  return {
    id: w.app.id,
    slug: w.app.slug,
    node_id: w.app.nodeId,
    client_id: w.app.clientId,
    owner: renderUserId(w, w.app.ownerId),
    name: w.app.name,
    description: "",
    external_url: `${w.urls.html}/apps/${w.app.slug}`,
    html_url: `${w.urls.html}/apps/${w.app.slug}`,
    created_at: w.app.createdAt,
    updated_at: w.app.createdAt,
    permissions: { ...w.app.permissions },
    events: [...w.app.events],
  };
}
