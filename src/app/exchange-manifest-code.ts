export interface RegisteredApp {
  /** What `npm start` needs from now on, for .env. */
  env: Record<string, string>;
  /** The app's page on GitHub (its installations are under it). */
  htmlUrl: string;
}

/**
 * Trades the code GitHub hands back after "Create GitHub App" for the app's credentials
 * (`POST /app-manifests/{code}/conversions`: unauthenticated, the code works once, for an hour).
 */
export async function exchangeManifestCode(code: string, apiUrl: string): Promise<RegisteredApp> {
  const response = await fetch(`${apiUrl}/app-manifests/${encodeURIComponent(code)}/conversions`, {
    method: "POST",
    headers: { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "user-agent": "pitwall-registration" },
  });
  if (!response.ok) {
    const hint = response.status === 404 ? " (the code was used already or is over an hour old: register again from the start page)" : "";
    throw new Error(`GitHub answered ${response.status} to the registration code${hint}`);
  }
  const app = (await response.json()) as Partial<Record<"id" | "pem" | "webhook_secret" | "client_id" | "client_secret" | "html_url", unknown>>;
  if (typeof app.id !== "number" || typeof app.pem !== "string" || typeof app.html_url !== "string") throw new Error("GitHub's answer to the registration code has no app id, private key or URL");
  const env: Record<string, string> = { APP_ID: String(app.id), PRIVATE_KEY: app.pem };
  // GitHub may send no webhook secret (null).
  if (typeof app.webhook_secret === "string" && app.webhook_secret !== "") env["WEBHOOK_SECRET"] = app.webhook_secret;
  if (typeof app.client_id === "string") env["GITHUB_CLIENT_ID"] = app.client_id;
  if (typeof app.client_secret === "string") env["GITHUB_CLIENT_SECRET"] = app.client_secret;
  return { env, htmlUrl: app.html_url };
}
