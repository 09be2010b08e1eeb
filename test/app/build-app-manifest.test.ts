import { describe, expect, it } from "vitest";
import { buildAppManifest } from "../../src/app/build-app-manifest.ts";

describe("buildAppManifest", () => {
  const urls = { hookUrl: "https://smee.io/abc", redirectUrl: "http://localhost:3000/probot/setup" };

  it("keeps app.yml as written and adds the webhook and redirect URLs", () => {
    const appYml = { name: "Pitwall", public: false, default_permissions: { issues: "write" }, default_events: ["issues"] };
    expect(buildAppManifest(appYml, urls)).toEqual({ ...appYml, hook_attributes: { url: urls.hookUrl }, redirect_url: urls.redirectUrl });
  });

  it("keeps app.yml's other hook settings but always sets the URL the server knows", () => {
    const manifest = buildAppManifest({ name: "Pitwall", hook_attributes: { url: "http://stale.example/", active: true } }, urls);
    expect(manifest["hook_attributes"]).toEqual({ url: urls.hookUrl, active: true });
  });
});
