import { ProbotOctokit } from "probot";

/** The longest rate-limit wait spent inside a request; a longer one becomes the job's wait. */
const waitInRequestSeconds = 5;

/**
 * Probot's Octokit, whose throttling waits out any rate limit inside the request (up to an hour
 * for a primary limit), holding a worker and a stop. Here only a short wait is: a longer one
 * reaches the job as GitHub's error and the job waits in the queue (`toRateLimitWait`).
 */
export const PitwallOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  throttle: {
    ...(options.throttle as object | undefined),
    onRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) => retryAfter <= waitInRequestSeconds && retryCount === 0,
    onSecondaryRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) => retryAfter <= waitInRequestSeconds && retryCount === 0,
  },
}));
