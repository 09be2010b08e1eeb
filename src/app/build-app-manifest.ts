export interface ManifestUrls {
  /** Where GitHub delivers webhooks: the smee channel, or the public URL's webhook path. */
  hookUrl: string;
  /** Where GitHub sends the browser back with the code that the credentials are exchanged for. */
  redirectUrl: string;
}

/**
 * The GitHub App manifest: app.yml as written, plus the two URLs only the running server knows.
 * https://docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest
 */
export function buildAppManifest(appYml: Record<string, unknown>, urls: ManifestUrls): Record<string, unknown> {
  const hook = appYml["hook_attributes"];
  const hookAttributes = typeof hook === "object" && hook !== null ? hook : {};
  return { ...appYml, hook_attributes: { ...hookAttributes, url: urls.hookUrl }, redirect_url: urls.redirectUrl };
}
