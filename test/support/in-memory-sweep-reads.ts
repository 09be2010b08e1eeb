import type { PullRequestReview, Repo, RepoCheck } from "../../src/orchestrator/github-port.ts";
import type { SweepReads } from "../../src/orchestrator/sweep-reads.ts";

/** What these reads need of an in-memory repository (in-memory-github.ts's InMemoryRepo). */
interface RepoState {
  owner: string;
  name: string;
  issues: Map<number, { number: number; title: string; author: string; state: "open" | "closed"; labels: string[] }>;
  issue(number: number): { comments: { id: number; author: string; body: string }[] };
  pull(number: number): { state: "open" | "closed"; merged: boolean; mergeCommitSha: string | null; headSha: string; reviews: PullRequestReview[] };
  ci: Map<string, RepoCheck[]>;
}

/** The sweep's reads as the in-memory GitHub answers them (at once; port() makes them promises). */
export type SyncSweepReads = { [K in keyof SweepReads]: SweepReads[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never };

/** The sweep's reads of the in-memory GitHub: people's comments and reviews as stored, no label log. */
export function inMemorySweepReads(of: (repo: Repo) => RepoState, repos: () => RepoState[], now: () => Date): SyncSweepReads {
  const person = (login: string) => ({ login, type: login.endsWith("[bot]") ? "Bot" : "User" });
  return {
    rateLimitLeft: () => undefined,
    installationRepos: () => repos().map((state) => ({ owner: state.owner, repo: state.name })),
    openIssues: (repo) => [...of(repo).issues.values()].filter((issue) => issue.state === "open").map((issue) => ({ number: issue.number, title: issue.title, author: issue.author, labels: [...issue.labels] })),
    issueState: (repo, issueNumber) => {
      const issue = of(repo).issues.get(issueNumber);
      return { state: issue?.state ?? "open", closedBy: null, labels: [...(issue?.labels ?? [])] };
    },
    labelEvents: () => [],
    issueComments: (repo, issueNumber) => {
      const at = now().toISOString();
      return of(repo).issue(issueNumber).comments.map((comment) => ({ id: comment.id, body: comment.body, author: person(comment.author), viaApp: comment.author.endsWith("[bot]"), createdAt: at, updatedAt: at }));
    },
    reviews: (repo, pullNumber) => of(repo).pull(pullNumber).reviews.map((review, index) => ({ id: index + 1, state: review.state, commitSha: review.commitSha, author: person(review.author) })),
    pullRequestFacts: (repo, pullNumber) => {
      const pull = of(repo).pull(pullNumber);
      return { state: pull.state, merged: pull.merged, mergeCommitSha: pull.mergeCommitSha, headSha: pull.headSha, closedBy: null };
    },
    repoChecks: (repo, sha) => of(repo).ci.get(sha) ?? [],
  };
}
