import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullsIn } from "../support/world-queries.ts";
import { currentPull, labelNewIssue, type Lifecycle, repo, say, startLifecycle, statusCard, workItemOf } from "../../windtunnel/index.ts";

// Whether an `/approve` was written before or after a push is decided on GitHub's timestamps
// (the comment's `created_at`, the push's `pull_request.updated_at`), whatever order the webhooks
// arrive in. GitHub's clock runs ahead here so that the two are seconds apart without sleeping.

const specPath = "docs/work/1-add-dark-mode/spec.md";

type Step = (gh: Lifecycle["tunnel"]["github"], branch: string, specNumber: number) => void;

/**
 * A spec pass PR at its gate; then `first` and, five seconds later on GitHub's clock, `second`,
 * while GitHub holds the webhooks back, then delivered in `order`.
 */
async function twoEventsAtTheGate(first: Step, second: Step, order: "raised" | "reversed"): Promise<{ life: Lifecycle; specNumber: number; branch: string }> {
  let githubAhead = 0;
  const life = await startLifecycle({ githubNow: () => new Date(Date.now() + githubAhead) });
  const gh = life.tunnel.github;
  const issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
  const specNumber = (await currentPull(life.tunnel, issueNumber)).number;
  const branch = `pitwall/${issueNumber}/spec`;
  gh.pauseDeliveries();
  first(gh, branch, specNumber);
  githubAhead += 5_000;
  second(gh, branch, specNumber);
  gh.resumeDeliveries(order);
  await life.tunnel.settle();
  return { life, specNumber, branch };
}

const alicePushes: (text: string) => Step = (text) => (gh, branch) => void gh.pushFiles(repo, { branch, files: { [specPath]: `# Spec\n\n${text}\n` }, by: "alice" });
const carolApproves: Step = (gh, _branch, specNumber) => void gh.comment(repo, specNumber, "/approve", { by: "carol" });

describe("an /approve written after a push whose webhook arrives later", () => {
  let life: Lifecycle;
  let specNumber: number;

  beforeAll(async () => {
    // GitHub delivers the comment's webhook first, then the push's.
    ({ life, specNumber } = await twoEventsAtTheGate(alicePushes("Rewritten by alice."), carolApproves, "reversed"));
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("counts for the pushed commit", () => {
    expect(pullsIn(life.tunnel.github, repo).find((pull) => pull.number === specNumber)?.merged).toBe(true);
    expect(life.tunnel.github.readFile(repo, "main", specPath)).toContain("Rewritten by alice.");
    expect(statusCard(life.tunnel, 1)).toContain("| carol | /approve on spec");
  });
});

describe("an /approve written before a push whose webhook arrives later", () => {
  let life: Lifecycle;
  let specNumber: number;

  beforeAll(async () => {
    ({ life, specNumber } = await twoEventsAtTheGate(carolApproves, alicePushes("Rewritten by alice."), "raised"));
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("does not count for the pushed commit; a new /approve does", async () => {
    expect(pullsIn(life.tunnel.github, repo).find((pull) => pull.number === specNumber)?.merged).toBe(false);
    expect(await workItemOf(life.tunnel, 1)).toMatchObject({ state: "awaiting_gate", current_pass: "spec" });
    await say(life.tunnel, specNumber, "/approve", "carol");
    expect(pullsIn(life.tunnel.github, repo).find((pull) => pull.number === specNumber)?.merged).toBe(true);
    expect(life.tunnel.github.readFile(repo, "main", specPath)).toContain("Rewritten by alice.");
  });
});

describe("two pushes whose webhooks arrive in reverse order", () => {
  let life: Lifecycle;
  let specNumber: number;
  let latest: string;

  beforeAll(async () => {
    const scenario = await twoEventsAtTheGate(alicePushes("First draft by alice."), alicePushes("Second draft by alice."), "reversed");
    ({ life, specNumber } = scenario);
    latest = life.tunnel.github.state.repos.get(repo)?.refs.get(`refs/heads/${scenario.branch}`) ?? "";
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("keeps the later push as the head, and an /approve merges it", async () => {
    expect((await currentPull(life.tunnel, 1)).headSha).toBe(latest);
    await say(life.tunnel, specNumber, "/approve", "carol");
    expect(pullsIn(life.tunnel.github, repo).find((pull) => pull.number === specNumber)?.merged).toBe(true);
    expect(life.tunnel.github.readFile(repo, "main", specPath)).toContain("Second draft by alice.");
  });
});
