import { type FakeGitHub } from "../../windtunnel/index.ts";

// Reading the fake GitHub's state the way a person would look at github.com.

export function issueByNumber(github: FakeGitHub, repo: string, number: number) {
  const issue = [...github.state.issues.values()].find((candidate) => candidate.repoKey === repo.toLowerCase() && candidate.number === number);
  if (!issue) throw new Error(`no issue ${repo}#${number}`);
  return issue;
}

export function commentsOn(github: FakeGitHub, repo: string, number: number) {
  const issue = issueByNumber(github, repo, number);
  return [...github.state.comments.values()]
    .filter((comment) => comment.issueId === issue.id)
    .map((comment) => ({ ...comment, author: [...github.state.users.values()].find((user) => user.id === comment.authorId)?.login ?? "?" }));
}

export function pullsIn(github: FakeGitHub, repo: string) {
  return [...github.state.pulls.values()]
    .filter((pull) => pull.repoKey === repo.toLowerCase())
    .map((pull) => ({ ...pull, issue: issueByNumber(github, repo, pull.number) }));
}

export function checkRunsNamed(github: FakeGitHub, name: string) {
  return [...github.state.checkRuns.values()].filter((run) => run.name === name);
}

export function deliveriesOf(github: FakeGitHub, event: string, action?: string) {
  return github.state.deliveries.filter((delivery) => delivery.event === event && (action === undefined || delivery.action === action));
}
