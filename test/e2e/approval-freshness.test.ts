import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullsIn } from "../support/world-queries.ts";
import { currentPull, labelNewIssue, type Lifecycle, repo, say, startLifecycle, statusCard, workItemOf } from "../../src/windtunnel/lifecycle-scenario.ts";

// Whether an `/approve` was written before or after a push is decided on GitHub's timestamps
// (the comment's `created_at`, the push's `pull_request.updated_at`), whatever order the webhooks
// arrive in. GitHub's clock runs ahead here so that the two are seconds apart without sleeping.

const specPath = "docs/work/1-add-dark-mode/spec.md";

async function pushThenComment(order: "push first" | "comment first"): Promise<{ life: Lifecycle; specNumber: number }> {
  let githubAhead = 0;
  const life = await startLifecycle({ githubNow: () => new Date(Date.now() + githubAhead) });
  const gh = life.tunnel.github;
  const issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
  const specNumber = (await currentPull(life.tunnel, issueNumber)).number;
  gh.pauseDeliveries();
  const push = () => gh.pushFiles(repo, { branch: `pitwall/${issueNumber}/spec`, files: { [specPath]: "# Spec\n\nRewritten by alice.\n" }, by: "alice" });
  const approve = () => gh.comment(repo, specNumber, "/approve", { by: "carol" });
  if (order === "push first") push();
  else approve();
  githubAhead += 5_000;
  if (order === "push first") approve();
  else push();
  // GitHub delivers the later event first when the push came first, and in order otherwise: either
  // way the comment reaches Pitwall before the push.
  gh.resumeDeliveries(order === "push first" ? "reversed" : "raised");
  await life.tunnel.settle();
  return { life, specNumber };
}

describe("an /approve written after a push whose webhook arrives later", () => {
  let life: Lifecycle;
  let specNumber: number;

  beforeAll(async () => {
    ({ life, specNumber } = await pushThenComment("push first"));
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
    ({ life, specNumber } = await pushThenComment("comment first"));
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
    let githubAhead = 0;
    life = await startLifecycle({ githubNow: () => new Date(Date.now() + githubAhead) });
    const gh = life.tunnel.github;
    const issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
    specNumber = (await currentPull(life.tunnel, issueNumber)).number;
    gh.pauseDeliveries();
    gh.pushFiles(repo, { branch: `pitwall/${issueNumber}/spec`, files: { [specPath]: "# Spec\n\nFirst draft by alice.\n" }, by: "alice" });
    githubAhead += 5_000;
    latest = gh.pushFiles(repo, { branch: `pitwall/${issueNumber}/spec`, files: { [specPath]: "# Spec\n\nSecond draft by alice.\n" }, by: "alice" });
    gh.resumeDeliveries("reversed");
    await life.tunnel.settle();
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
