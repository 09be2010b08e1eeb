// The installation object (GET /app/installations/{id}, GET /repos/{o}/{r}/installation, webhooks).
import { renderUserId } from "./user.ts";
import type { World } from "../core/world.ts";
import type { InstallationRecord } from "../types.ts";

export function renderInstallation(w: World, installation: InstallationRecord): Record<string, unknown> {
  const account = [...w.state.users.values()].find((u) => u.id === installation.accountId);
  return {
    id: installation.id,
    node_id: installation.nodeId,
    account: renderUserId(w, installation.accountId),
    repository_selection: installation.repos === "all" ? "all" : "selected",
    access_tokens_url: `${w.urls.api}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${w.urls.api}/installation/repositories`,
    html_url: `${w.urls.html}/settings/installations/${installation.id}`,
    app_id: w.app.id,
    app_slug: w.app.slug,
    target_id: installation.accountId,
    target_type: account?.type === "Organization" ? "Organization" : "User",
    permissions: { ...installation.permissions },
    events: [...installation.events],
    created_at: installation.createdAt,
    updated_at: installation.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: installation.suspendedById ? renderUserId(w, installation.suspendedById) : null,
    suspended_at: installation.suspendedAt ?? null,
  };
}
