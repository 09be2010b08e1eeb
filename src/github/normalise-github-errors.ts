import { toGitHubValidationError } from "./github-validation-error.ts";
import { toInstallationUnavailable } from "./installation-unavailable.ts";
import type { GitHub } from "./octokit.ts";

/**
 * Normalises GitHub's errors once, where every request of an installation passes: a gone
 * installation and a validation 422 reach the job as errors the worker does not retry (its retry
 * behaviour is its type); anything else as Octokit threw it.
 */
export function normaliseGitHubErrors(gh: GitHub, installationId: number): GitHub {
  gh.hook.error("request", (error, options) => {
    throw toGitHubValidationError(toInstallationUnavailable(error, options.url, installationId));
  });
  return gh;
}
