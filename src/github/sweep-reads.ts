import type { GitHubActor, SweepReads } from "../orchestrator/sweep-reads.ts";
import type { GitHub } from "./octokit.ts";
import { listRepoChecks } from "./repo-checks.ts";

// The reads of the reconciliation sweep. Each is one request (two for a pull request closed
// without a merge: its closer is on the issue), so the sweep can count what it spends.

const actor = (user: { login: string; type: string } | null | undefined): GitHubActor | null => (user ? { login: user.login, type: user.type } : null);

const labelNames = (labels: (string | { name?: string | undefined })[]): string[] => labels.map((label) => (typeof label === "string" ? label : (label.name ?? "")));

export function sweepReads(gh: GitHub): SweepReads {
  let left: number | undefined;
  // Every answer says what is left of the installation's rate limit; the sweep reads the latest.
  const seen = <T extends { headers: Record<string, unknown> }>(response: T): T => {
    const header = Number(response.headers["x-ratelimit-remaining"]);
    if (Number.isFinite(header)) left = header;
    return response;
  };
  return {
    rateLimitLeft: () => Promise.resolve(left),
    installationRepos: async () => {
      const { data } = seen(await gh.rest.apps.listReposAccessibleToInstallation({ per_page: 100 }));
      return data.repositories.map((repository) => ({ owner: repository.owner.login, repo: repository.name }));
    },
    openIssues: async (repo) => {
      const { data } = seen(await gh.rest.issues.listForRepo({ ...repo, state: "open", sort: "updated", direction: "desc", per_page: 100 }));
      return data
        .filter((issue) => !issue.pull_request)
        .map((issue) => ({ number: issue.number, title: issue.title, author: issue.user?.login ?? null, labels: labelNames(issue.labels) }));
    },
    issueState: async (repo, issueNumber) => {
      const { data } = seen(await gh.rest.issues.get({ ...repo, issue_number: issueNumber }));
      return { state: data.state === "closed" ? "closed" : "open", closedBy: actor(data.closed_by), labels: labelNames(data.labels) };
    },
    labelEvents: async (repo, issueNumber) => {
      const { data } = seen(await gh.rest.issues.listEvents({ ...repo, issue_number: issueNumber, per_page: 100 }));
      return data.flatMap((event) => ((event.event === "labeled" || event.event === "unlabeled") && "label" in event && event.label ? [{ id: event.id, event: event.event, label: event.label.name, actor: actor(event.actor) }] : []));
    },
    issueComments: async (repo, issueNumber, since) => {
      const { data } = seen(await gh.rest.issues.listComments({ ...repo, issue_number: issueNumber, since: since.toISOString(), per_page: 100 }));
      return data.map((comment) => ({ id: comment.id, body: comment.body ?? "", author: actor(comment.user), viaApp: Boolean(comment.performed_via_github_app), createdAt: comment.created_at, updatedAt: comment.updated_at }));
    },
    reviews: async (repo, pullNumber) => {
      const { data } = seen(await gh.rest.pulls.listReviews({ ...repo, pull_number: pullNumber, per_page: 100 }));
      return data.map((review) => ({ id: review.id, state: review.state, commitSha: review.commit_id ?? null, author: actor(review.user) }));
    },
    pullRequestFacts: async (repo, pullNumber) => {
      const { data } = seen(await gh.rest.pulls.get({ ...repo, pull_number: pullNumber }));
      const state = data.state === "closed" ? "closed" : "open";
      const closedBy = data.merged ? actor(data.merged_by) : state === "closed" ? actor(seen(await gh.rest.issues.get({ ...repo, issue_number: pullNumber })).data.closed_by) : null;
      return { state, merged: data.merged, mergeCommitSha: data.merge_commit_sha, headSha: data.head.sha, closedBy };
    },
    repoChecks: (repo, sha) => listRepoChecks(gh, repo, sha),
  };
}
