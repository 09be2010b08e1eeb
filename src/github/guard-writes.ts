import type { GitHub } from "./octokit.ts";

/** The same Octokit, awaiting `check` before every write (a read goes through): the work-item fence's hook. */
export function guardWrites(gh: GitHub, check: () => Promise<void>): GitHub {
  gh.hook.before("request", async (options) => {
    if (options.method !== "GET" && options.method !== "HEAD") await check();
  });
  return gh;
}
