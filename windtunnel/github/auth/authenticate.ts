// Who is calling: the app itself (JWT, for /app endpoints) or an installation (a `ghs_` token
// from POST /app/installations/{id}/access_tokens), answered with GitHub's 401 bodies otherwise.
import { verifyAppJwt } from "./verify-jwt.ts";
import { findUser } from "../core/lookup.ts";
import { createUser } from "../seed/seed-repo.ts";
import { GitHubError } from "../http/errors.ts";
import type { World } from "../core/world.ts";
import type { Caller } from "../http/route.ts";
import type { IncomingHttpHeaders } from "node:http";

const unauthorized = (message: string): GitHubError => new GitHubError(401, message, { documentationUrl: "https://docs.github.com/rest" });

/** GitHub's answer to a suspended installation's token, and to asking one for a token. */
export const suspended = (): GitHubError =>
  new GitHubError(403, "This installation has been suspended", { documentationUrl: "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app" });

function credentials(headers: IncomingHttpHeaders): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(headers.authorization ?? "");
  return match?.[1];
}

function bot(w: World) {
  const user = findUser(w, `${w.app.slug}[bot]`);
  if (!user) throw new Error("wind tunnel: the app's bot user is missing");
  return user;
}

export function authenticate(w: World, headers: IncomingHttpHeaders, kind: "app" | "installation" | "none"): Caller {
  // GitHub's "ghost" stands for nobody in the request log; such a route reaches no repository.
  if (kind === "none") return { kind: "anonymous", actor: findUser(w, "ghost") ?? createUser(w, { login: "ghost" }), installation: undefined, repos: new Set(), permissions: {} };
  const secret = credentials(headers);
  if (kind === "app") {
    // GitHub takes the app's JWT only as a Bearer token
    if (secret === undefined || !/^bearer\s/i.test(headers.authorization ?? "")) throw unauthorized("A JSON web token could not be decoded");
    verifyAppJwt(secret, w.app.publicKey, w.app.id, w.now());
    return { kind: "app", actor: bot(w), installation: undefined, repos: new Set(), permissions: {} };
  }
  if (secret === undefined) throw unauthorized("Requires authentication");
  const token = w.state.tokens.get(secret);
  if (!token || Date.parse(token.expiresAt) <= w.now().getTime()) throw unauthorized("Bad credentials");
  const installation = w.state.installations.get(token.installationId);
  if (!installation) throw unauthorized("Bad credentials");
  if (installation.suspendedAt) throw suspended();
  return { kind: "installation", actor: bot(w), installation, repos: token.repos ?? installation.repos, permissions: token.permissions };
}
