// The request pipeline: match GitHub's operation → route → authenticate → resolve the repo
// (404 when it is missing or outside the installation) → check the installation permission →
// parse and validate against the OpenAPI description → run the handler → answer → deliver the
// events the handler raised.
import { GitHubError, forbiddenForIntegration, notFound } from "./errors.ts";
import type { Faults } from "./faults.ts";
import { json, type Caller, type Route, type RouteResponse } from "./route.ts";
import { writeResponse } from "./respond.ts";
import { authenticate } from "../auth/authenticate.ts";
import { isoSeconds } from "../core/ids.ts";
import { findRepo, findUser, repoKey } from "../core/lookup.ts";
import { withEmit, type World } from "../core/world.ts";
import type { RequestLogEntry, Violation, ViolationKind } from "./log-types.ts";
import type { RequestValidator } from "../openapi/request-validator.ts";
import type { SpecIndex, SpecMatch } from "../openapi/spec-index.ts";
import type { RepoRecord } from "../types.ts";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface DispatcherDeps {
  world: World;
  spec: SpecIndex;
  routes: Map<string, Route>;
  validator: RequestValidator | undefined;
  /** called with the handler's events once the response is on its way */
  raise: (event: string, payload: Record<string, unknown>) => void;
  onRequest: (entry: RequestLogEntry) => void;
  onViolation: (violation: Violation) => void;
  faults: Faults;
}

const GENERIC_DOCS = "https://docs.github.com/rest";

/** Carries an injected answer past the handler. */
class InjectedFault extends Error {
  readonly response: RouteResponse;
  constructor(response: RouteResponse) {
    super("injected fault");
    this.response = response;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function covers(w: World, caller: Caller, repo: RepoRecord): boolean {
  if (caller.kind === "app") return true;
  if (caller.repos !== "all") return caller.repos.has(repo.key);
  return findUser(w, repo.owner)?.id === caller.installation?.accountId;
}

function resolveRepo(w: World, caller: Caller, match: SpecMatch): RepoRecord | undefined {
  if (!match.op.path.startsWith("/repos/{owner}/{repo}")) return undefined;
  const repo = findRepo(w, repoKey(match.params.owner ?? "", match.params.repo ?? ""));
  if (!repo || !covers(w, caller, repo)) throw notFound();
  return repo;
}

function checkPermission(caller: Caller, permission: Route["permission"]): void {
  if (!permission || caller.kind === "app") return;
  const [name, level] = permission;
  const granted = caller.permissions[name];
  if (name === "metadata" && level === "read") return;
  if (granted === "write" || (granted === "read" && level === "read")) return;
  throw forbiddenForIntegration();
}

export function createDispatcher(deps: DispatcherDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  let requestNumber = 0;
  return async (req, res) => {
    requestNumber++;
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://windtunnel");
    // GHE-style base URLs (GHE_HOST) put the API under /api/v3
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, "");
    const method = (req.method ?? "GET").toUpperCase();
    // overlapping templates (compare/{basehead} vs compare/{base}...{head}) resolve to the implemented one
    const match = deps.spec.match(method, path, (op) => deps.routes.has(`${method} ${op.path}`));
    const events: [string, Record<string, unknown>][] = [];
    const w = withEmit(deps.world, (event, payload) => events.push([event, payload]));
    const violate = (kind: ViolationKind, message: string) =>
      deps.onViolation({ kind, method, path, message, ...(match ? { operationId: match.op.operationId } : {}) });
    let caller: Caller | undefined;
    let body: unknown;
    let response: RouteResponse;
    let lost = false;
    try {
      if (!match) {
        violate("unknown-route", `not a GitHub REST route: ${method} ${path}`);
        throw notFound();
      }
      const route = deps.routes.get(`${method} ${match.op.path}`);
      if (!route) {
        violate("not-implemented", `not implemented by the wind tunnel: ${method} ${match.op.path}`);
        throw notFound();
      }
      caller = authenticate(w, req.headers, route.auth);
      const fault = deps.faults.take(method, match.op.path, caller.installation?.id, deps.world.now(), match.params);
      if (fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault?.until) await fault.until.catch(() => undefined);
      if (fault?.response) throw new InjectedFault(fault.response);
      lost = fault?.lost ?? false;
      const repo = resolveRepo(w, caller, match);
      checkPermission(caller, route.permission);
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch {
          violate("invalid-json", "the request body is not JSON");
          throw new GitHubError(400, "Problems parsing JSON");
        }
      }
      const problem = deps.validator?.validate(match.op, match.params, url.searchParams, body, raw.length > 0);
      if (problem) {
        violate("invalid-request", `${match.op.operationId}: ${problem.message}`);
        throw problem.where === "path" ? notFound() : new GitHubError(422, `Invalid request.\n\n${problem.message}`);
      }
      const request = { method: route.method, params: match.params, query: url.searchParams, headers: req.headers, body, url: `${deps.world.urls.api}${path}` };
      response = route.handle({ w, req: request, caller, repo });
    } catch (error) {
      if (error instanceof InjectedFault) {
        response = error.response;
      } else if (error instanceof GitHubError) {
        response = json(error.status, error.toBody(match?.op.docsUrl ?? GENERIC_DOCS));
      } else {
        // a bug in the fake, not in the app: make it loud
        console.error(`wind tunnel: ${method} ${path} failed`, error);
        violate("fake-error", `the wind tunnel failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        response = json(500, { message: "Server Error", documentation_url: GENERIC_DOCS, status: "500" });
      }
    }
    // "close" also fires when the client hung up early; GitHub raises the events either way
    res.on("close", () => {
      for (const [event, payload] of events) deps.raise(event, payload);
    });
    // A lost response: GitHub applied the request (and raises its events), the client hears nothing.
    if (lost) res.destroy();
    else writeResponse(res, response, deps.world.now(), requestNumber);
    deps.onRequest({
      method,
      path,
      route: match?.op.path ?? null,
      query: Object.fromEntries(url.searchParams),
      status: response.status,
      ...(lost ? { lost } : {}),
      ...(body === undefined ? {} : { body }),
      ...(match ? { operationId: match.op.operationId } : {}),
      actor: caller?.actor.login ?? null,
      at: isoSeconds(deps.world.now()),
    });
  };
}
