import { toGitHubValidationError } from "./github-validation-error.ts";
import { toInstallationUnavailable } from "./installation-unavailable.ts";
import { toRateLimitWait } from "./rate-limit-wait.ts";
import type { GitHub } from "./octokit.ts";

/**
 * Normalises GitHub's errors once, where every request of an installation passes: a gone
 * installation and a validation 422 reach the job as errors the worker does not retry (its retry
 * behaviour is its type), a rate limit as a wait until GitHub allows more; anything else as
 * Octokit threw it.
 */
export function normaliseGitHubErrors(gh: GitHub, installationId: number, now: () => Date = () => new Date()): GitHub {
  gh.hook.error("request", (error, options) => {
    throw toGitHubValidationError(toRateLimitWait(toInstallationUnavailable(error, options.url, installationId), now()));
  });
  return gh;
}
