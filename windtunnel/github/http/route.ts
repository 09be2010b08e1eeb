// A route of the fake: one GitHub operation (by its OpenAPI method and path template), who may
// call it, and a synchronous handler. Handlers are synchronous on purpose: every state change
// of one request happens at once, and the events it raises leave after the response.
import type { IncomingHttpHeaders } from "node:http";
import type { World } from "../core/world.ts";
import type { InstallationRecord, RepoRecord, UserRecord } from "../types.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RouteRequest {
  method: Method;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** the request URL without query, for pagination links */
  url: string;
}

export interface Caller {
  /** "anonymous": a route GitHub serves without credentials (the manifest code conversion) */
  kind: "app" | "installation" | "anonymous";
  /** `<slug>[bot]` for installation tokens */
  actor: UserRecord;
  installation: InstallationRecord | undefined;
  /** repo keys the token may reach, or "all" of the installation's */
  repos: Set<string> | "all";
  permissions: Record<string, "read" | "write">;
}

export interface RouteContext {
  w: World;
  req: RouteRequest;
  caller: Caller;
}

export interface RepoRouteContext extends RouteContext {
  repo: RepoRecord;
}

export interface RouteResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** a non-JSON body (raw file contents) */
  text?: { contentType: string; content: Buffer };
}

export interface Route {
  method: Method;
  path: string;
  auth: "app" | "installation" | "none";
  /** installation permission the call needs, e.g. ["issues", "write"] */
  permission?: [string, "read" | "write"];
  handle: (ctx: RouteContext & { repo: RepoRecord | undefined }) => RouteResponse;
}

/** A route under /repos/{owner}/{repo}: the dispatcher resolves the repo (404 when hidden). */
export function repoRoute(
  method: Method,
  path: string,
  permission: [string, "read" | "write"],
  handle: (ctx: RepoRouteContext) => RouteResponse,
): Route {
  return {
    method,
    path,
    auth: "installation",
    permission,
    handle: (ctx) => {
      if (!ctx.repo) throw new Error(`wind tunnel: ${method} ${path} ran without a repository`);
      return handle({ ...ctx, repo: ctx.repo });
    },
  };
}

export const json = (status: number, body?: unknown, headers?: Record<string, string>): RouteResponse => ({ status, body, ...(headers ? { headers } : {}) });
