// simple-user: the user object GitHub nests everywhere (user, sender, owner, assignee …).
import type { World } from "../core/world.ts";
import type { UserRecord } from "../types.ts";

export function renderUser(w: World, user: UserRecord): Record<string, unknown> {
  const api = `${w.urls.api}/users/${encodeURIComponent(user.login)}`;
  const isApp = user.type === "Bot" && user.login === `${w.app.slug}[bot]`;
  return {
    login: user.login,
    id: user.id,
    node_id: user.nodeId,
    avatar_url: `https://avatars.githubusercontent.com/${isApp ? "in/" + String(w.app.id) : "u/" + String(user.id)}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: isApp ? `${w.urls.html}/apps/${w.app.slug}` : `${w.urls.html}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: "public",
    site_admin: false,
  };
}

export function userById(w: World, id: number): UserRecord {
  for (const user of w.state.users.values()) if (user.id === id) return user;
  throw new Error(`wind tunnel: no user with id ${id}`);
}

export const renderUserId = (w: World, id: number): Record<string, unknown> => renderUser(w, userById(w, id));
