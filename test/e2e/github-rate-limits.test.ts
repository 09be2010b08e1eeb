import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repo, startLifecycle, type Lifecycle } from "../../windtunnel/index.ts";
import { pullsIn } from "../support/world-queries.ts";
import { movableClock, waitUntil } from "../support/movable-clock.ts";

// Issue 16, faults from outside: GitHub's rate limits are honoured. On main a secondary rate
// limit's `retry-after: 60` was retried after 1 s (the worker's first backoff), which GitHub
// answers by limiting the app for longer. The job now runs again no sooner than GitHub said —
// read against the app's clock, not slept — and the wait spends none of its attempts.

describe.each([
  { preset: "secondary-rate-limit" as const, says: "retry-after: 60" },
  { preset: "rate-limit" as const, says: "x-ratelimit-remaining: 0, x-ratelimit-reset in 60 s" },
])("GitHub's $preset ($says) while a pass opens its pull request", ({ preset }) => {
  let life: Lifecycle;
  const clock = movableClock();
  beforeAll(async () => {
    life = await startLifecycle({ clock });
  });
  afterAll(async () => {
    await life?.close();
  });

  it("runs the job again no sooner than GitHub allows, without spending an attempt", async () => {
    const tunnel = life.tunnel;
    const gh = tunnel.github;
    gh.injectFault({ method: "POST", route: "/repos/{owner}/{repo}/pulls", times: 1, respond: preset });
    const issue = gh.createIssue(repo, { title: "Add search", body: "Search by name.", author: "alice" });
    gh.addLabel(repo, issue.number, "pitwall:feature", { by: "alice" });

    const waiting = await waitUntil(async () => {
      const [job] = await tunnel.pitwall.sql.query<{ status: string; run_at: Date; attempts: number; waits: number; last_error: string }>("select status, run_at, attempts, waits, last_error from jobs where kind = 'run_pass'");
      return job?.status === "queued" && job.last_error !== null ? job : undefined;
    }, "the pass's job to be put back after the rate limit");
    const waitMs = waiting.run_at.getTime() - clock.now().getTime();
    expect(waitMs).toBeGreaterThanOrEqual(60_000);
    expect(waitMs).toBeLessThanOrEqual(62_000);
    expect(waiting).toMatchObject({ attempts: 0, waits: 1 });
    expect(waiting.last_error).toMatch(/^waiting for GitHub: (secondary )?rate limit$/);
    expect(pullsIn(gh, repo)).toHaveLength(0);

    clock.moveTo(waiting.run_at);
    tunnel.pitwall.worker.wake();
    await tunnel.settle();
    expect(pullsIn(gh, repo)).toHaveLength(1);
    const [job] = await tunnel.pitwall.sql.query<{ status: string; attempts: number }>("select status, attempts from jobs where kind = 'run_pass'");
    expect(job).toEqual({ status: "done", attempts: 1 });
    // The rate-limited request and its one retry, no hammering in between.
    expect(gh.requests.filter((request) => request.method === "POST" && request.path === "/repos/acme/rocket/pulls")).toHaveLength(2);
  });
});
