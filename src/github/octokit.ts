import type { ProbotOctokit } from "probot";

export type { Repo } from "../orchestrator/github-port.ts";

/** An Octokit authenticated as one installation of the app. */
export type GitHub = InstanceType<typeof ProbotOctokit>;

/** GitHub answered with this HTTP status (Octokit's RequestError carries it). */
export function hasStatus(error: unknown, status: number): boolean {
  return typeof error === "object" && error !== null && "status" in error && error.status === status;
}
