// simple-user: the user object GitHub nests everywhere (user, sender, owner, assignee …).
import type { World } from "../core/world.ts";
import type { UserRecord } from "../types.ts";

/** The app a `<slug>[bot]` user acts for: the app under test or another app (the repo's CI). */
export function appOfBot(w: World, user: UserRecord): { id: number; slug: string } | undefined {
  if (user.type !== "Bot") return undefined;
  if (user.id === w.app.botId) return w.app;
  for (const app of w.state.apps.values()) if (app.botId === user.id) return app;
  return undefined;
}

export function renderUser(w: World, user: UserRecord): Record<string, unknown> {
  const api = `${w.urls.api}/users/${encodeURIComponent(user.login)}`;
  const app = appOfBot(w, user);
  return {
    login: user.login,
    id: user.id,
    node_id: user.nodeId,
    avatar_url: `https://avatars.githubusercontent.com/${app ? "in/" + String(app.id) : "u/" + String(user.id)}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: app ? `${w.urls.html}/apps/${app.slug}` : `${w.urls.html}/${user.login}`,
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
