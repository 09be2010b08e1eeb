import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { buildAppManifest } from "./build-app-manifest.ts";
import { escapeHtml } from "./escape-html.ts";
import type { RegisteredApp } from "./exchange-manifest-code.ts";
import { isServedHost } from "./is-served-host.ts";
import { renderImportPage } from "./render-import-page.ts";
import { renderRegistrationPage } from "./render-registration-page.ts";
import type { SavedCredentials } from "./save-credentials.ts";
import { setupPage } from "./setup-page.ts";

export interface RegistrationDeps {
  appYml: Record<string, unknown>;
  createAppUrl: string;
  /** Random per registration server: GitHub hands it back with the code, which proves the code comes from this page's form. */
  state: string;
  /** PITWALL_PUBLIC_URL: its host is served besides loopback names. */
  publicUrl: string | undefined;
  webhookPath: string;
  /** From the public URL or the smee channel; undefined when GitHub could not reach this machine. */
  hookUrl: string | undefined;
  exchangeCode: (code: string) => Promise<RegisteredApp>;
  /** Writes credentials to .env, or beside it when .env cannot be updated. */
  saveCredentials: (values: Record<string, string>) => SavedCredentials;
  log: Logger;
}

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
      const code = url.searchParams.get("code");
      if (!code) {
        html(res, 400, setupPage("Registration", `<p id="error">GitHub sent no code: start again from <a href="/probot">the registration page</a>.</p>`));
        return true;
      }
      // A link from anywhere else (another app's code) must not write its credentials here.
      if (!sameSecret(url.searchParams.get("state") ?? "", deps.state)) {
        deps.log.warn("registration: refused a code that did not come back with this page's state (a link from elsewhere, or a page from before a restart)");
        html(res, 400, setupPage("Registration", `<p id="error">This code does not come from this registration page (a link from elsewhere, or a page opened before Pitwall restarted): start again from <a href="/probot">the registration page</a>.</p>`));
        return true;
      }
      let app: RegisteredApp;
      try {
        app = await deps.exchangeCode(code);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        deps.log.error({ err: error }, "registration: GitHub did not hand over the app's credentials");
        html(res, 502, setupPage("Registration failed", `<p id="error">${escapeHtml(message)}</p>`));
        return true;
      }
      const install = `${app.htmlUrl}/installations/new`;
      let saved: SavedCredentials;
      try {
        saved = deps.saveCredentials(app.env);
      } catch (error) {
        deps.log.error({ err: error }, `registration: app ${app.env["APP_ID"]} was created but its credentials could not be written anywhere: they are shown once on the registration page, to copy into .env`);
        html(res, 500, setupPage("Registration failed", `<p id="error">App ${escapeHtml(app.env["APP_ID"] ?? "")} was created on GitHub but its credentials could not be written: ${escapeHtml(error instanceof Error ? error.message : String(error))}. Copy them now, GitHub does not hand them over again, into <code>.env</code>:</p>\n<pre id="credentials">${escapeHtml(Object.entries(app.env).map(([key, value]) => `${key}=${JSON.stringify(value)}`).join("\n"))}</pre>\n<p>Then <a href="${escapeHtml(install)}">install the app</a> and restart Pitwall.</p>`));
        return true;
      }
      if (saved.kind === "aside") {
        const todo = `copy its lines into .env (or rename it to .env if you have none), install the app at ${install}, then restart Pitwall`;
        deps.log.error(`registration: app ${app.env["APP_ID"]} created, but .env could not be updated (${saved.reason}): its credentials are in ${saved.file}; ${todo}`);
        html(res, 500, setupPage("Saved aside", `<p id="error">App ${escapeHtml(app.env["APP_ID"] ?? "")} was created, but <code>.env</code> could not be updated (${escapeHtml(saved.reason)}). Its credentials are in <code>${escapeHtml(saved.file)}</code>: copy its lines into <code>.env</code> (or rename it to <code>.env</code> if you have none), <a href="${escapeHtml(install)}">install the app</a>, then restart Pitwall.</p>`));
        return true;
      }
      deps.log.info(`registration: app ${app.env["APP_ID"]} created; its credentials are in .env. Install it, then restart Pitwall.`);
      res.writeHead(302, { location: install }).end();
      return true;
    }
    if (url.pathname === "/probot/import") {
      if (req.method === "GET") {
        html(res, 200, renderImportPage(deps.hookUrl));
        return true;
      }
      if (req.method === "POST") {
        if (!sameOrigin(req)) {
          html(res, 403, setupPage("Refused", `<p id="error">This form only accepts posts from its own page.</p>`));
          return true;
        }
        const fields = new URLSearchParams(await readBody(req, 64 * 1024));
        const appId = fields.get("app_id")?.trim() ?? "";
        const secret = fields.get("webhook_secret") ?? "";
        const key = (fields.get("private_key") ?? "").replace(/\r\n/g, "\n").trim();
        const problem = !/^\d+$/.test(appId) ? "The App ID is a number (the app's settings page shows it)." : secret === "" ? "The webhook secret is missing." : !/-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----/.test(key) ? "The private key must be the whole content of the app's .pem file." : undefined;
        if (problem !== undefined) {
          html(res, 400, renderImportPage(deps.hookUrl, problem));
          return true;
        }
        const saved = deps.saveCredentials({ APP_ID: appId, PRIVATE_KEY: key, WEBHOOK_SECRET: secret });
        if (saved.kind === "aside") {
          deps.log.error(`registration: .env could not be updated (${saved.reason}): app ${appId}'s credentials are in ${saved.file}; copy its lines into .env, then restart Pitwall`);
          html(res, 500, setupPage("Saved aside", `<p id="error"><code>.env</code> could not be updated (${escapeHtml(saved.reason)}). The credentials are in <code>${escapeHtml(saved.file)}</code>: copy its lines into <code>.env</code>, then restart Pitwall.</p>`));
          return true;
        }
        deps.log.info(`registration: app ${appId} imported; its credentials are in .env. Restart Pitwall.`);
        html(res, 200, setupPage("Saved", `<p id="saved">The app's credentials are in <code>.env</code>. Restart Pitwall.</p>`));
        return true;
      }
    }
    return false;
  };
}

function isRegistrationRoute(pathname: string): boolean {
  return pathname === "/" || pathname === "/probot" || pathname === "/probot/setup" || pathname === "/probot/import";
}

/** Compared in constant time: the state is a secret of this server. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(body);
}

/** The origin the browser used (as Probot's setup reads it: forwarded headers first). */
function baseUrl(req: IncomingMessage): string {
  const forwardedProto = firstValue(req.headers["x-forwarded-proto"]);
  const protocol = forwardedProto ?? ("encrypted" in req.socket && req.socket.encrypted ? "https" : "http");
  return `${protocol}://${firstValue(req.headers["x-forwarded-host"]) ?? req.headers.host ?? "localhost"}`;
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(",")[0]?.trim() || undefined;
}

/** A browser names the page a post comes from; another site's page must not rewrite .env. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || origin === "null") return origin === undefined;
  try {
    return new URL(origin).host === (firstValue(req.headers["x-forwarded-host"]) ?? req.headers.host);
  } catch {
    return false;
  }
}

function readBody(req: IncomingMessage, cap: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        reject(new Error("the form is too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
