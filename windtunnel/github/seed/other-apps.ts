// GitHub Apps other than the app under test, created on first use by slug: the repo's own CI
// ("github-actions" by default) that reports check runs the app under test only reads.
import { createUser } from "./seed-repo.ts";
import { isoSeconds, nodeId } from "../core/ids.ts";
import type { World } from "../core/world.ts";
import type { AppRecord } from "../types.ts";

/** Apps with the identities GitHub gives them (GitHub Actions is app 15368, owned by `github`). */
const WELL_KNOWN: Record<string, { id: number; name: string; owner: string }> = {
  "github-actions": { id: 15368, name: "GitHub Actions", owner: "github" },
};

const CI_PERMISSIONS: Record<string, "read" | "write"> = {
  actions: "write",
  checks: "write",
  contents: "write",
  deployments: "write",
  metadata: "read",
  pull_requests: "write",
  statuses: "write",
};

const CI_EVENTS = ["check_run", "check_suite", "pull_request", "push", "workflow_dispatch", "workflow_run"];

export function appBySlug(w: World, slug: string): AppRecord | undefined {
  for (const app of w.state.apps.values()) if (app.slug.toLowerCase() === slug.toLowerCase()) return app;
  return undefined;
}

/** The other app with this slug, created when first named. */
export function otherApp(w: World, slug: string): AppRecord {
  if (slug.toLowerCase() === w.app.slug.toLowerCase()) {
    throw new Error(`wind tunnel: "${slug}" is the app under test; its check runs go through the API`);
  }
  const existing = appBySlug(w, slug);
  if (existing) return existing;
  const known = WELL_KNOWN[slug];
  let id = known?.id ?? w.ids("app");
  while (id === w.app.id || w.state.apps.has(id)) id = w.ids("app");
  const owner = createUser(w, { login: known?.owner ?? `${slug}-developers`, type: "Organization" });
  const bot = createUser(w, { login: `${slug}[bot]`, type: "Bot" });
  const app: AppRecord = {
    id,
    slug,
    name: known?.name ?? slug,
    nodeId: nodeId("Integration", id),
    clientId: `Iv1.${id.toString(16).padStart(16, "0")}`,
    ownerId: owner.id,
    botId: bot.id,
    createdAt: isoSeconds(w.now()),
    permissions: { ...CI_PERMISSIONS },
    events: [...CI_EVENTS],
  };
  w.state.apps.set(id, app);
  return app;
}
