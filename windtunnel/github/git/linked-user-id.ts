import type { World } from "../core/world.ts";

/**
 * The account GitHub attributes a commit's author or committer to: the one whose address it is,
 * never the name (which anyone may write). Here that is GitHub's noreply forms (`<id>+<login>@…`,
 * `<login>@…`); any other address belongs to no one, and the commit's `author`/`committer` is null.
 */
export function linkedUserId(w: World, email: string): number | null {
  const noreply = /^(?:(\d+)\+)?([^@]+)@users\.noreply\.github\.com$/i.exec(email);
  if (!noreply) return null;
  const user = [...w.state.users.values()].find((u) => (noreply[1] ? u.id === Number(noreply[1]) : u.login.toLowerCase() === noreply[2]?.toLowerCase()));
  return user?.id ?? null;
}
