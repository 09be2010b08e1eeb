import type { IncomingMessage, ServerResponse } from "node:http";
import { buildAppManifest } from "./build-app-manifest.ts";
import { finishRegistration } from "./finish-registration.ts";
import { firstHeaderValue as firstValue } from "./first-header-value.ts";
import { importCredentials } from "./import-credentials.ts";
import { isServedHost } from "./is-served-host.ts";
import { renderImportPage } from "./render-import-page.ts";
import type { RegistrationDeps } from "./registration-deps.ts";
import { renderRegistrationPage } from "./render-registration-page.ts";
import { sendHtml as html } from "./send-html.ts";
import { setupPage } from "./setup-page.ts";

const noHookUrl = "GitHub cannot deliver webhooks to this machine: set WEBHOOK_PROXY_URL to a smee.io channel (development) or PITWALL_PUBLIC_URL to where GitHub reaches Pitwall (production), then restart. Registering now gives the app a local URL that you must change in its settings.";

/** The routes of `npm start` without credentials (Probot's setup routes, served by Pitwall so every page is escaped). */
export function createRegistrationHandler(deps: RegistrationDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!isRegistrationRoute(url.pathname)) return false;
    const forwardedHost = firstValue(req.headers["x-forwarded-host"]);
    if (!isServedHost(req.headers.host, deps.publicUrl) || (forwardedHost !== undefined && !isServedHost(forwardedHost, deps.publicUrl))) {
      html(res, 403, setupPage("Refused", `<p id="error">Registration is only served at localhost, 127.0.0.1, [::1] or the host of PITWALL_PUBLIC_URL: open it under one of those names.</p>`));
      return true;
    }
    if (req.method === "GET" && url.pathname === "/") {
      res.writeHead(302, { location: "/probot" }).end();
      return true;
    }
    if (req.method === "GET" && url.pathname === "/probot") {
      const base = baseUrl(req);
      const reachable = deps.hookUrl;
      const hookUrl = reachable ?? `${base}${deps.webhookPath}`;
      const manifest = buildAppManifest(deps.appYml, { hookUrl, redirectUrl: `${base}/probot/setup` });
      html(res, 200, renderRegistrationPage({ manifest, hookUrl, createAppUrl: `${deps.createAppUrl}?state=${encodeURIComponent(deps.state)}`, warning: reachable === undefined ? noHookUrl : undefined }));
      return true;
    }
    if (req.method === "GET" && url.pathname === "/probot/setup") {
      await finishRegistration(url, deps, res);
      return true;
    }
    if (url.pathname === "/probot/import" && req.method === "GET") {
      html(res, 200, renderImportPage(deps.hookUrl));
      return true;
    }
    if (url.pathname === "/probot/import" && req.method === "POST") {
      await importCredentials(req, deps, res);
      return true;
    }
    return false;
  };
}

function isRegistrationRoute(pathname: string): boolean {
  return pathname === "/" || pathname === "/probot" || pathname === "/probot/setup" || pathname === "/probot/import";
}

/** The origin the browser used (as Probot's setup reads it: forwarded headers first). */
function baseUrl(req: IncomingMessage): string {
  const forwardedProto = firstValue(req.headers["x-forwarded-proto"]);
  const protocol = forwardedProto ?? ("encrypted" in req.socket && req.socket.encrypted ? "https" : "http");
  return `${protocol}://${firstValue(req.headers["x-forwarded-host"]) ?? req.headers.host ?? "localhost"}`;
}
