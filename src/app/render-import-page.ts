import { escapeHtml } from "./escape-html.ts";
import { setupPage } from "./setup-page.ts";

/** The page for an app registered before: where its webhooks must go, and a form for its credentials. */
export function renderImportPage(hookUrl: string | undefined, error?: string): string {
  const target = hookUrl === undefined
    ? `<p class="flash flash-warn">No webhook URL GitHub can reach: set <code>WEBHOOK_PROXY_URL</code> (a smee.io channel) or <code>PITWALL_PUBLIC_URL</code> and restart.</p>`
    : `<p>In the app's settings on GitHub, set the Webhook URL to <code id="hook-url">${escapeHtml(hookUrl)}</code>.</p>`;
  const problem = error === undefined ? "" : `\n      <p class="flash flash-error" id="error">${escapeHtml(error)}</p>`;
  return setupPage(
    "Use an existing GitHub App",
    `      <h1>Use an existing GitHub App</h1>${problem}
      ${target}
      <form action="/probot/import" method="post">
        <label class="d-block mt-2" for="app_id">App ID</label>
        <input class="form-control" type="text" required id="app_id" name="app_id" inputmode="numeric">
        <label class="d-block mt-2" for="webhook_secret">Webhook secret</label>
        <input class="form-control" type="password" required id="webhook_secret" name="webhook_secret">
        <label class="d-block mt-2" for="private_key">Private key (the content of the .pem file)</label>
        <textarea class="form-control" required id="private_key" name="private_key" rows="6"></textarea>
        <button class="btn mt-2" type="submit">Write to .env</button>
      </form>`,
  );
}
