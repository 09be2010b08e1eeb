import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml } from "./escape-html.ts";
import { firstHeaderValue as firstValue } from "./first-header-value.ts";
import { renderImportPage } from "./render-import-page.ts";
import { sendHtml as html } from "./send-html.ts";
import { setupPage } from "./setup-page.ts";
import type { RegistrationDeps } from "./registration-deps.ts";

/** POST /probot/import: credentials of an app registered elsewhere, checked and saved. */
export async function importCredentials(req: IncomingMessage, deps: RegistrationDeps, res: ServerResponse): Promise<void> {
  if (!sameOrigin(req)) {
    html(res, 403, setupPage("Refused", `<p id="error">This form only accepts posts from its own page.</p>`));
    return;
  }
  const fields = new URLSearchParams(await readBody(req, 64 * 1024));
  const appId = fields.get("app_id")?.trim() ?? "";
  const secret = fields.get("webhook_secret") ?? "";
  const key = (fields.get("private_key") ?? "").replace(/\r\n/g, "\n").trim();
  const problem = !/^\d+$/.test(appId) ? "The App ID is a number (the app's settings page shows it)." : secret === "" ? "The webhook secret is missing." : !/-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----/.test(key) ? "The private key must be the whole content of the app's .pem file." : undefined;
  if (problem !== undefined) {
    html(res, 400, renderImportPage(deps.hookUrl, problem));
    return;
  }
  const saved = deps.saveCredentials({ APP_ID: appId, PRIVATE_KEY: key, WEBHOOK_SECRET: secret });
  if (saved.kind === "aside") {
    deps.log.error(`registration: .env could not be updated (${saved.reason}): app ${appId}'s credentials are in ${saved.file}; copy its lines into .env, then restart Pitwall`);
    html(res, 500, setupPage("Saved aside", `<p id="error"><code>.env</code> could not be updated (${escapeHtml(saved.reason)}). The credentials are in <code>${escapeHtml(saved.file)}</code>: copy its lines into <code>.env</code>, then restart Pitwall.</p>`));
    return;
  }
  deps.log.info(`registration: app ${appId} imported; its credentials are in .env. Restart Pitwall.`);
  html(res, 200, setupPage("Saved", `<p id="saved">The app's credentials are in <code>.env</code>. Restart Pitwall.</p>`));
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
