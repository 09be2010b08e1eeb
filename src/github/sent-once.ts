/**
 * Request options for a create that has no idempotency on GitHub's side (a comment, a check run,
 * a pull request, a deployment, an issue): Octokit's own retry would send it again at once when
 * the answer is lost after GitHub applied it (a dropped connection reads as a 500), making a
 * second status card or check run. Such a create is sent once; the job's retry looks the write
 * up by its identity (marker, external id, head, key) before it creates anything again.
 */
export const sentOnce = { request: { retries: 0 } } as const;
