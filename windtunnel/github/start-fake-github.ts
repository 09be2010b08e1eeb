// Starts the fake GitHub: state, the REST server on 127.0.0.1, request validation against
// GitHub's OpenAPI description, and webhook delivery to the app.
import { createPublicKey } from "node:crypto";
import { isoSeconds, createIdSource, nodeId } from "./core/ids.ts";
import { requireRepo } from "./core/lookup.ts";
import { createState } from "./core/state.ts";
import { TypedEvents } from "./core/typed-events.ts";
import { flattenTree, lookupPath } from "./git/flat-tree.ts";
import { resolveCommitish } from "./git/refs.ts";
import { createDispatcher } from "./http/dispatch.ts";
import { Faults } from "./http/faults.ts";
import { listen } from "./http/listen.ts";
import { loadOperations } from "./openapi/load-operations.ts";
import { RequestValidator } from "./openapi/request-validator.ts";
import { SpecIndex } from "./openapi/spec-index.ts";
import { allRoutes } from "./routes/all-routes.ts";
import { reportCheckRun, rerequestCheckRun } from "./seed/check-run-reports.ts";
import * as human from "./seed/human-actions.ts";
import { createRepo, createUser, installApp, protectBranch, setPermission } from "./seed/seed-repo.ts";
import { createRuleset } from "./actions/ruleset-actions.ts";
import { Deliverer } from "./webhooks/deliverer.ts";
import { changeInstallationRepos, suspendInstallation, uninstallApp, unsuspendInstallation } from "./seed/installation-changes.ts";
import { deleteIssue, transferIssue } from "./seed/issue-moves.ts";
import { registerAppFromManifest } from "./seed/register-app-from-manifest.ts";
import { reachesApp } from "./webhooks/routing.ts";
import type { World } from "./core/world.ts";
import type { FakeGitHub, FakeGitHubEvents, FakeGitHubOptions } from "./fake-github-types.ts";
import type { RequestLogEntry, Violation } from "./http/log-types.ts";
import type { Route } from "./http/route.ts";

const DEFAULT_PERMISSIONS: Record<string, "read" | "write"> = {
  actions: "write",
  administration: "write",
  checks: "write",
  contents: "write",
  deployments: "write",
  issues: "write",
  metadata: "read",
  pull_requests: "write",
  statuses: "write",
  workflows: "write",
};

const DEFAULT_EVENTS = ["check_run", "check_suite", "issue_comment", "issues", "label", "pull_request", "pull_request_review", "push", "status", "workflow_run", "deployment_status"];

/** Every route must be a real GitHub operation, so the fake cannot invent endpoints. */
function routeTable(spec: SpecIndex): Map<string, Route> {
  const table = new Map<string, Route>();
  for (const route of allRoutes) {
    if (!spec.find(route.method, route.path)) throw new Error(`wind tunnel: ${route.method} ${route.path} is not in GitHub's OpenAPI description`);
    table.set(`${route.method} ${route.path}`, route);
  }
  return table;
}

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const spec = new SpecIndex(await loadOperations());
  const routes = routeTable(spec);
  const state = createState();
  const emitter = new TypedEvents<FakeGitHubEvents>();
  const requests: RequestLogEntry[] = [];
  const violations: Violation[] = [];
  const now = options.now ?? (() => new Date());
  const ids = createIdSource();
  const subscribed = new Set(options.app.events ?? DEFAULT_EVENTS);
  const world: World = {
    state,
    urls: { api: "http://127.0.0.1", html: options.htmlUrl ?? "https://github.com" },
    now,
    ids,
    emit: (event, payload) => raise(event, payload),
    app: {
      id: options.app.id,
      slug: options.app.slug,
      name: options.app.name ?? options.app.slug,
      nodeId: nodeId("Integration", options.app.id),
      clientId: `Iv1.${options.app.id.toString(16).padStart(16, "0")}`,
      ownerId: 0,
      botId: 0,
      createdAt: isoSeconds(now()),
      publicKey: createPublicKey(options.app.publicKeyPem),
      permissions: { ...(options.app.permissions ?? DEFAULT_PERMISSIONS) },
      events: [...subscribed],
    },
  };
  world.app.ownerId = createUser(world, { login: options.app.owner ?? `${options.app.slug}-developers`, type: "Organization" }).id;
  world.app.botId = createUser(world, { login: `${options.app.slug}[bot]`, type: "Bot" }).id;

  const deliverer = new Deliverer(world, options.webhookUrl, {
    secret: options.webhookSecret,
    hookId: options.app.id * 10 + 1,
    timeoutMs: options.webhookTimeoutMs ?? 10_000,
    onDelivery: (delivery) => emitter.emit("delivery", delivery),
  });

  function raise(event: string, payload: Record<string, unknown>): void {
    const record = { event, action: typeof payload.action === "string" ? payload.action : undefined, payload, at: isoSeconds(now()) };
    state.events.push(record);
    emitter.emit("event", record);
    // GitHub delivers only to an app installed on the repository and subscribed to the event
    const installed = payload.installation !== undefined;
    // `installation` and `installation_repositories` reach every app, subscribed or not
    const installationEvent = event === "installation" || event === "installation_repositories";
    if (deliverer.url === undefined || !installed || (!installationEvent && !subscribed.has(event))) return;
    // a suspended installation hears only about its own installation until it is unsuspended
    const installationId = (payload.installation as { id?: unknown } | undefined)?.id;
    if (!installationEvent && typeof installationId === "number" && state.installations.get(installationId)?.suspendedAt) return;
    // installation permissions and app ownership (check_run.rerequested goes to the owner only)
    if (!reachesApp(world, event, payload)) return;
    void deliverer.send({ event, payload });
  }

  const faults = new Faults();
  const dispatcher = createDispatcher({
    faults,
    world,
    spec,
    routes,
    validator: options.validateRequests === false ? undefined : new RequestValidator(),
    raise,
    onRequest: (entry) => {
      requests.push(entry);
      emitter.emit("request", entry);
    },
    onViolation: (violation) => {
      violations.push(violation);
      emitter.emit("violation", violation);
    },
  });
  const { server, url } = await listen(dispatcher, options.port);
  world.urls.api = url;

  const repoName = (name: string) => requireRepo(world, name);
  return {
    url,
    state,
    requests,
    violations,
    botLogin: `${options.app.slug}[bot]`,
    setWebhookUrl: (next) => {
      deliverer.url = next;
    },
    createUser: (input) => createUser(world, input),
    registerAppFromManifest: (form) => registerAppFromManifest(world, form),
    createRepo: (input) => createRepo(world, input),
    installApp: (input) => installApp(world, input),
    setPermission: (repo, login, role) => setPermission(world, repo, login, role),
    protectBranch: (repo, branch, rule) => protectBranch(world, repo, branch, rule),
    createRuleset: (repo, input) => createRuleset(world, requireRepo(world, repo), input),
    createIssue: (repo, input) => human.createIssue(world, repo, input),
    addLabel: (repo, number, label, { by }) => human.addLabel(world, repo, number, label, by),
    removeLabel: (repo, number, label, { by }) => human.unlabel(world, repo, number, label, by),
    createLabel: (repo, input) => human.createRepoLabel(world, repo, input),
    comment: (repo, number, body, { by }) => human.comment(world, repo, number, body, by),
    editComment: (repo, commentId, body, { by }) => human.editComment(world, repo, commentId, body, by),
    closeIssue: (repo, number, { by }) => human.setState(world, repo, number, "closed", by),
    reopenIssue: (repo, number, { by }) => human.setState(world, repo, number, "open", by),
    transferIssue: (repo, number, toRepo, { by }) => transferIssue(world, repo, number, toRepo, by),
    deleteIssue: (repo, number, { by }) => deleteIssue(world, repo, number, by),
    suspendInstallation: (installationId, { by }) => suspendInstallation(world, installationId, by),
    unsuspendInstallation: (installationId, { by }) => unsuspendInstallation(world, installationId, by),
    uninstallApp: (installationId, { by }) => uninstallApp(world, installationId, by),
    changeInstallationRepos: (installationId, change, { by }) => changeInstallationRepos(world, installationId, change, by),
    pushFiles: (repo, input) => human.pushFiles(world, repo, input),
    pushCommit: (repo, input) => human.pushCommit(world, repo, input),
    openPullRequest: (repo, input) => human.openPullRequest(world, repo, input),
    review: (repo, number, input) => human.review(world, repo, number, input),
    mergePullRequest: (repo, number, input) => human.mergePullRequest(world, repo, number, input),
    setDeploymentStatus: (repo, deploymentId, input) => human.setDeploymentStatus(world, repo, deploymentId, input),
    reportCheckRun: (repo, headSha, input) => reportCheckRun(world, repo, headSha, input),
    rerequestCheckRun: (repo, checkRunId, { by }) => rerequestCheckRun(world, repo, checkRunId, by),
    readFile: (repo, ref, path) => {
      const r = repoName(repo);
      const sha = resolveCommitish(world, r, ref);
      const commit = sha === undefined ? undefined : state.commits.get(sha);
      const entry = commit ? lookupPath(world, r, commit.tree, path) : undefined;
      return entry?.type === "blob" ? state.blobs.get(entry.sha)?.content.toString("utf8") : undefined;
    },
    readFiles: (repo, ref) => {
      const r = repoName(repo);
      const sha = resolveCommitish(world, r, ref);
      const commit = sha === undefined ? undefined : state.commits.get(sha);
      if (!commit) return undefined;
      const files: Record<string, string> = {};
      for (const [path, entry] of flattenTree(world, r, commit.tree)) {
        const content = entry.type === "blob" ? state.blobs.get(entry.sha)?.content : undefined;
        if (content) files[path] = content.toString("utf8");
      }
      return files;
    },
    deliver: (event, action, payload) => deliverer.send({ event, payload: action === undefined ? payload : { ...payload, action } }),
    redeliver: (guid) => {
      const original = state.deliveries.find((d) => d.guid === guid);
      if (!original) return Promise.reject(new Error(`wind tunnel: no delivery ${guid} to redeliver`));
      return deliverer.send({ event: original.event, payload: original.payload, guid, redelivery: true });
    },
    idle: () => deliverer.idle(),
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    dropNextDelivery: (event, action) => deliverer.dropNext(event, action),
    pauseDeliveries: () => deliverer.pause(),
    resumeDeliveries: (order) => deliverer.resume(order),
    inFlight: () => deliverer.inFlight,
    on: (event, listener) => emitter.on(event, listener),
    off: (event, listener) => emitter.off(event, listener),
    close: async () => {
      deliverer.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
