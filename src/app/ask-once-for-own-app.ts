import type { Probot } from "probot";
import type { OwnApp } from "../orchestrator/github-port.ts";

/** The app's own identity (`GET /app`), asked of GitHub once; a failed ask is asked again next time. */
export function askOnceForOwnApp(app: Probot): () => Promise<OwnApp> {
  let own: Promise<OwnApp> | undefined;
  const ownApp = (): Promise<OwnApp> =>
    (own ??= app.auth().then(async (gh) => {
      const { data } = await gh.rest.apps.getAuthenticated();
      if (!data) throw new Error("GitHub did not say which app this is (GET /app)");
      return { id: data.id, login: `${data.slug ?? ""}[bot]` };
    })).catch((error: unknown) => {
      own = undefined;
      throw error;
    });
  return ownApp;
}
