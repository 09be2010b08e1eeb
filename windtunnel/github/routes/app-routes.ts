// App-level endpoints: the app itself, its installations, and installation access tokens.
import { randomBytes } from "node:crypto";
import { isoSeconds } from "../core/ids.ts";
import { findUser } from "../core/lookup.ts";
import { GitHubError, notFound } from "../http/errors.ts";
import { paginate } from "../http/paginate.ts";
import { asRecord, intParam, list } from "../http/read-body.ts";
import { json, repoRoute, type Route, type RouteContext } from "../http/route.ts";
import { renderApp } from "../render/app.ts";
import { renderInstallation } from "../render/installation.ts";
import { renderRepo } from "../render/repo.ts";
import { installationFor } from "../webhooks/envelope.ts";
import { suspended } from "../auth/authenticate.ts";
import type { World } from "../core/world.ts";
import type { InstallationRecord, RepoRecord } from "../types.ts";

const TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function newToken(): string {
  return `ghs_${[...randomBytes(36)].map((b) => TOKEN_CHARS[b % TOKEN_CHARS.length]).join("")}`;
}

function installationRepos(w: World, installation: InstallationRecord): RepoRecord[] {
  const account = [...w.state.users.values()].find((u) => u.id === installation.accountId);
  return [...w.state.repos.values()].filter((r) =>
    installation.repos === "all" ? findUser(w, r.owner)?.id === account?.id : installation.repos.has(r.key),
  );
}

function createToken(ctx: RouteContext) {
  const { w, req } = ctx;
  const installation = w.state.installations.get(intParam(req.params.installation_id));
  if (!installation) throw notFound();
  if (installation.suspendedAt) throw suspended();
  const available = installationRepos(w, installation);
  const names = list(req.body, "repositories")?.filter((v): v is string => typeof v === "string");
  const ids = list(req.body, "repository_ids")?.filter((v): v is number => typeof v === "number");
  let repos: Set<string> | null = null;
  if (names || ids) {
    const picked = available.filter((r) => names?.some((n) => n.toLowerCase() === r.name.toLowerCase()) || ids?.includes(r.id));
    if (picked.length !== (names?.length ?? 0) + (ids?.length ?? 0)) {
      throw new GitHubError(422, "There is at least one repository that does not exist or is not accessible to the parent installation.");
    }
    repos = new Set(picked.map((r) => r.key));
  }
  const asked = asRecord(asRecord(req.body).permissions);
  const permissions: Record<string, "read" | "write"> = { ...installation.permissions };
  if (Object.keys(asked).length > 0) {
    for (const key of Object.keys(permissions)) delete permissions[key];
    for (const [name, level] of Object.entries(asked)) {
      const granted = installation.permissions[name];
      if ((level !== "read" && level !== "write") || !granted || (level === "write" && granted === "read")) {
        throw new GitHubError(422, "The permissions requested are not granted to this installation.");
      }
      permissions[name] = level;
    }
  }
  const token = newToken();
  const expiresAt = isoSeconds(new Date(w.now().getTime() + 3600_000));
  w.state.tokens.set(token, { token, installationId: installation.id, expiresAt, permissions, repos });
  return json(201, {
    token,
    expires_at: expiresAt,
    permissions,
    repository_selection: repos || installation.repos !== "all" ? "selected" : "all",
    ...(repos ? { repositories: available.filter((r) => repos.has(r.key)).map((r) => renderRepo(w, r)) } : {}),
  });
}

/** The manifest flow's last step: no authentication, the code is the secret, and it works once within the hour. */
function convertManifestCode(ctx: RouteContext) {
  const { w, req } = ctx;
  const record = w.state.manifestCodes.get(req.params.code ?? "");
  if (!record || record.used || Date.parse(record.expiresAt) <= w.now().getTime()) throw notFound();
  record.used = true;
  return json(201, { ...renderApp(w, record.appId), client_secret: record.clientSecret, webhook_secret: record.webhookSecret, pem: record.pem });
}

export const appRoutes: Route[] = [
  { method: "POST", path: "/app-manifests/{code}/conversions", auth: "none", handle: convertManifestCode },
  {
    method: "GET",
    path: "/app",
    auth: "app",
    handle: ({ w }) => json(200, { ...renderApp(w), installations_count: w.state.installations.size }),
  },
  { method: "POST", path: "/app/installations/{installation_id}/access_tokens", auth: "app", handle: createToken },
  {
    method: "GET",
    path: "/app/installations",
    auth: "app",
    handle: ({ w, req }) => {
      const page = paginate(req, [...w.state.installations.values()].map((i) => renderInstallation(w, i)));
      return json(200, page.items, page.headers);
    },
  },
  {
    method: "GET",
    path: "/app/installations/{installation_id}",
    auth: "app",
    handle: ({ w, req }) => {
      const installation = w.state.installations.get(intParam(req.params.installation_id));
      if (!installation) throw notFound();
      return json(200, renderInstallation(w, installation));
    },
  },
  {
    ...repoRoute("GET", "/repos/{owner}/{repo}/installation", ["metadata", "read"], ({ w, repo }) => {
      const installation = installationFor(w, repo);
      if (!installation) throw notFound();
      return json(200, renderInstallation(w, installation));
    }),
    auth: "app",
  },
  {
    method: "GET",
    path: "/installation/repositories",
    auth: "installation",
    handle: ({ w, req, caller }) => {
      const installation = caller.installation;
      if (!installation) throw notFound();
      const repos = installationRepos(w, installation).filter((r) => caller.repos === "all" || caller.repos.has(r.key));
      const page = paginate(req, repos.map((r) => renderRepo(w, r)));
      return json(200, { total_count: repos.length, repository_selection: installation.repos === "all" ? "all" : "selected", repositories: page.items }, page.headers);
    },
  },
];
