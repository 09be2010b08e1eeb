// The job payloads and kinds live in the scheduler's job catalogue; the orchestrator's use cases
// take them from here, with the lock keys that keep one work item's jobs apart.
export * from "../scheduler/job-payloads.ts";
export { jobKinds } from "../scheduler/job-catalogue.ts";

/** All jobs of one work item share a lock key, so they never run at the same time. */
export function workItemLockKey(owner: string, repo: string, issueNumber: number): string {
  return `${owner}/${repo}#${issueNumber}`.toLowerCase();
}

/** The lock key of a work item's jobs. */
export function lockKeyOf(item: { repo: { owner: string; name: string }; issueNumber: number }): string {
  return workItemLockKey(item.repo.owner, item.repo.name, item.issueNumber);
}

/** One person's comments on one work item: their command jobs take turns and run one at a time. */
export function commandAuthorKey(item: { repo: { owner: string; name: string }; issueNumber: number }, login: string): string {
  return `comment:${lockKeyOf(item)}:${login.toLowerCase()}`;
}
