import { timingSafeEqual } from "node:crypto";
import type { ServerResponse } from "node:http";
import { escapeHtml } from "./escape-html.ts";
import type { RegisteredApp } from "./exchange-manifest-code.ts";
import type { SavedCredentials } from "./save-credentials.ts";
import { sendHtml as html } from "./send-html.ts";
import { setupPage } from "./setup-page.ts";
import type { RegistrationDeps } from "./registration-deps.ts";

/** GET /probot/setup: GitHub comes back with the new app's code; trade it for credentials and save them. */
export async function finishRegistration(url: URL, deps: RegistrationDeps, res: ServerResponse): Promise<void> {
  const code = url.searchParams.get("code");
  if (!code) {
    html(res, 400, setupPage("Registration", `<p id="error">GitHub sent no code: start again from <a href="/probot">the registration page</a>.</p>`));
    return;
  }
  // A link from anywhere else (another app's code) must not write its credentials here.
  if (!sameSecret(url.searchParams.get("state") ?? "", deps.state)) {
    deps.log.warn("registration: refused a code that did not come back with this page's state (a link from elsewhere, or a page from before a restart)");
    html(res, 400, setupPage("Registration", `<p id="error">This code does not come from this registration page (a link from elsewhere, or a page opened before Pitwall restarted): start again from <a href="/probot">the registration page</a>.</p>`));
    return;
  }
  let app: RegisteredApp;
  try {
    app = await deps.exchangeCode(code);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.log.error({ err: error }, "registration: GitHub did not hand over the app's credentials");
    html(res, 502, setupPage("Registration failed", `<p id="error">${escapeHtml(message)}</p>`));
    return;
  }
  const install = `${app.htmlUrl}/installations/new`;
  let saved: SavedCredentials;
  try {
    saved = deps.saveCredentials(app.env);
  } catch (error) {
    deps.log.error({ err: error }, `registration: app ${app.env["APP_ID"]} was created but its credentials could not be written anywhere: they are shown once on the registration page, to copy into .env`);
    html(res, 500, setupPage("Registration failed", `<p id="error">App ${escapeHtml(app.env["APP_ID"] ?? "")} was created on GitHub but its credentials could not be written: ${escapeHtml(error instanceof Error ? error.message : String(error))}. Copy them now, GitHub does not hand them over again, into <code>.env</code>:</p>\n<pre id="credentials">${escapeHtml(Object.entries(app.env).map(([key, value]) => `${key}=${JSON.stringify(value)}`).join("\n"))}</pre>\n<p>Then <a href="${escapeHtml(install)}">install the app</a> and restart Pitwall.</p>`));
    return;
  }
  if (saved.kind === "aside") {
    const todo = `copy its lines into .env (or rename it to .env if you have none), install the app at ${install}, then restart Pitwall`;
    deps.log.error(`registration: app ${app.env["APP_ID"]} created, but .env could not be updated (${saved.reason}): its credentials are in ${saved.file}; ${todo}`);
    html(res, 500, setupPage("Saved aside", `<p id="error">App ${escapeHtml(app.env["APP_ID"] ?? "")} was created, but <code>.env</code> could not be updated (${escapeHtml(saved.reason)}). Its credentials are in <code>${escapeHtml(saved.file)}</code>: copy its lines into <code>.env</code> (or rename it to <code>.env</code> if you have none), <a href="${escapeHtml(install)}">install the app</a>, then restart Pitwall.</p>`));
    return;
  }
  deps.log.info(`registration: app ${app.env["APP_ID"]} created; its credentials are in .env. Install it, then restart Pitwall.`);
  res.writeHead(302, { location: install }).end();
}

/** Compared in constant time: the state is a secret of this server. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
