import { toGitHubValidationError } from "./github-validation-error.ts";
import type { GitHub } from "./octokit.ts";

/**
 * Normalises GitHub's validation 422s once, where every request passes: they reach the job as
 * a GitHubValidationError, which the worker does not retry (its retry behaviour is its type).
 */
export function withValidationErrors(gh: GitHub): GitHub {
  gh.hook.error("request", (error) => {
    throw toGitHubValidationError(error);
  });
  return gh;
}
