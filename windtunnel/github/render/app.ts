// The GitHub App ("integration") object: GET /app, check_run.app, performed_via_github_app.
// The app under test is `w.app`; other apps (the repo's CI) live in `state.apps`.
import { renderUserId } from "./user.ts";
import type { World } from "../core/world.ts";
import type { AppRecord } from "../types.ts";

/** The app under test or another app, by id. */
export function appById(w: World, id: number): AppRecord {
  if (id === w.app.id) return w.app;
  const other = w.state.apps.get(id);
  if (!other) throw new Error(`wind tunnel: no GitHub App with id ${id}`);
  return other;
}

export function renderApp(w: World, appId: number = w.app.id): Record<string, unknown> {
  const app = appById(w, appId);
  return {
    id: app.id,
    slug: app.slug,
    node_id: app.nodeId,
    client_id: app.clientId,
    owner: renderUserId(w, app.ownerId),
    name: app.name,
    description: app.description ?? "",
    external_url: `${w.urls.html}/apps/${app.slug}`,
    html_url: `${w.urls.html}/apps/${app.slug}`,
    created_at: app.createdAt,
    updated_at: app.createdAt,
    permissions: { ...app.permissions },
    events: [...app.events],
  };
}
