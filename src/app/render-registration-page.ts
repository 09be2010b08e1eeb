import { escapeHtml } from "./escape-html.ts";
import { setupPage } from "./setup-page.ts";

export interface RegistrationPage {
  manifest: Record<string, unknown>;
  /** The manifest's webhook URL, shown to the maintainer. */
  hookUrl: string;
  createAppUrl: string;
  /** Set when GitHub could not deliver webhooks to the manifest's URL: says how to fix it. */
  warning: string | undefined;
}

/**
 * The page of `npm start` without credentials. Its button posts the manifest to GitHub's "new
 * app" form; every value is escaped, so any text in app.yml arrives as written.
 */
export function renderRegistrationPage(page: RegistrationPage): string {
  const name = String(page.manifest["name"]);
  const description = typeof page.manifest["description"] === "string" ? page.manifest["description"] : "";
  const warning = page.warning === undefined ? "" : `\n      <p class="flash flash-warn" id="warning">${escapeHtml(page.warning)}</p>`;
  return setupPage(
    `Register ${name}`,
    `      <h1>Register ${escapeHtml(name)} on GitHub</h1>
      <p>${escapeHtml(description)}</p>${warning}
      <p>GitHub creates the app from <code>app.yml</code>, with webhooks sent to <code id="hook-url">${escapeHtml(page.hookUrl)}</code>, and sends you back here; the credentials are written to <code>.env</code>. Then restart Pitwall.</p>
      <form action="${escapeHtml(page.createAppUrl)}" method="post">
        <button class="btn btn-primary" type="submit" name="manifest" value="${escapeHtml(JSON.stringify(page.manifest))}">Register GitHub App</button>
        <a href="/probot/import" class="ml-2">or use an existing GitHub App</a>
      </form>`,
  );
}
