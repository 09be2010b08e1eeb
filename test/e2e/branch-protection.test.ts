// Branch protection as the README's "Installing on GitHub" sets it up: a ruleset on the default
// branch requiring `pitwall/gate` (pinned to Pitwall) and a review, with Pitwall as a bypass
// actor. Ordinary pull requests still merge, Pitwall merges a pass whose agent gate passed, and
// nobody merges a human-gated pass before its approval.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pitwallRuleset, GitHubError, currentPull, labelNewIssue, type Lifecycle, repo, say, startLifecycle, statusCard, workItemOf } from "../../windtunnel/index.ts";
import { checkRunsNamed, pullsIn } from "../support/world-queries.ts";

/** A person presses "Merge": GitHub's refusal, or "merged". */
function mergeAs(life: Lifecycle, number: number, by: string): string {
  try {
    life.tunnel.github.mergePullRequest(repo, number, { by });
    return "merged";
  } catch (error) {
    if (error instanceof GitHubError) return `${error.status} ${error.message}`;
    throw error;
  }
}

describe("the documented branch protection: a ruleset on main with Pitwall as bypass actor", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let ordinary = { number: 0, sha: "", merge: "" };
  let reserved = { number: 0, sha: "" };
  let personMergingReview = "";
  let cardAtReview = "";
  let reviewMergedEarly = true;
  let reviewHead = "";
  let copy = 0;
  let copyMerge = "";

  beforeAll(async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    gh.createRuleset(repo, pitwallRuleset(life.tunnel.appId));

    // A person's own pull request, nothing to do with Pitwall, reviewed by another person.
    const sha = gh.pushFiles(repo, { branch: "fix-typo", files: { "README.md": "# Rocket!\n" }, by: "alice" });
    const pull = gh.openPullRequest(repo, { head: "fix-typo", title: "Fix a typo", by: "alice" });
    // A person's branch under pitwall/ that Pitwall never made.
    const reservedSha = gh.pushFiles(repo, { branch: "pitwall/99/sneaky", files: { "src/index.ts": "export const launch = () => 2;\n" }, by: "alice" });
    reserved = { number: gh.openPullRequest(repo, { head: "pitwall/99/sneaky", title: "Looks like a pass", by: "alice" }).number, sha: reservedSha };
    await life.tunnel.settle();
    gh.review(repo, pull.number, { by: "carol", event: "APPROVE" });
    await life.tunnel.settle();
    ordinary = { number: pull.number, sha, merge: mergeAs(life, pull.number, "alice") };

    // The docs workflow: `write` has an agent gate, `review` a human one.
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:docs", { title: "Document the launch API", body: "Say what launch() returns." });
    const review = await currentPull(life.tunnel, issueNumber);
    cardAtReview = statusCard(life.tunnel, issueNumber);
    // The gate is Pitwall's: a writer cannot merge the pass before it is approved.
    personMergingReview = mergeAs(life, review.number, "carol");
    // The pass's commit pushed to another branch and opened as an ordinary pull request.
    reviewHead = review.headSha;
    gh.pushCommit(repo, { branch: "copy-of-review", sha: review.headSha, by: "alice" });
    copy = gh.openPullRequest(repo, { head: "copy-of-review", title: "Just the docs", by: "alice" }).number;
    await life.tunnel.settle();
    gh.review(repo, copy, { by: "carol", event: "APPROVE" });
    copyMerge = mergeAs(life, copy, "alice");
    reviewMergedEarly = pullsIn(gh, repo).some((pull) => pull.number === review.number && pull.merged);
    await say(life.tunnel, review.number, "/approve", "carol");
  }, 120_000);

  afterAll(async () => {
    await life?.close();
  });

  it("reports a passing pitwall/gate on an ordinary pull request, which then merges with a person's review", () => {
    const gates = checkRunsNamed(life.tunnel.github, "pitwall/gate").filter((run) => run.headSha === ordinary.sha);
    expect(gates.map((run) => [run.status, run.conclusion, run.appId])).toEqual([["completed", "success", life.tunnel.appId]]);
    expect(ordinary.merge).toBe("merged");
  });

  it("gives no passing gate to a person's pull request from a branch under pitwall/", () => {
    const gates = checkRunsNamed(life.tunnel.github, "pitwall/gate").filter((run) => run.headSha === reserved.sha);
    expect(gates).toEqual([]);
    expect(mergeAs(life, reserved.number, "alice")).toMatch(/^405 Repository rule violations found\n\nRequired status check "pitwall\/gate" is expected\./);
  });

  it("merges a pass whose agent gate passed, as Pitwall, with no advice on the card", () => {
    const write = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef === `pitwall/${issueNumber}/write`);
    expect(write?.merged).toBe(true);
    expect(write?.mergedById).toBe(life.tunnel.github.state.users.get(life.tunnel.github.botLogin)?.id);
    expect(cardAtReview).toContain("**Current gate (review, human):**");
    expect(cardAtReview).not.toContain("[!IMPORTANT]");
  });

  it("refuses a person's merge of a human-gated pass before its approval, and Pitwall merges it after /approve", async () => {
    expect(reviewMergedEarly).toBe(false);
    expect(personMergingReview).toMatch(/^405 Repository rule violations found\n\nRequired status check "pitwall\/gate" is (in progress|expected)\./);
    const review = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef === `pitwall/${issueNumber}/review`);
    expect(review?.merged).toBe(true);
    expect(review?.mergedById).toBe(life.tunnel.github.state.users.get(life.tunnel.github.botLogin)?.id);
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("done");
  });

  it("gives no passing gate to a pass's commit opened again as another pull request", () => {
    const gates = checkRunsNamed(life.tunnel.github, "pitwall/gate").filter((run) => run.headSha === reviewHead);
    expect(gates.map((run) => run.externalId)).not.toContainEqual(expect.stringMatching(/^ordinary:/));
    expect(copyMerge).toMatch(/^405 Repository rule violations found\n\nRequired status check "pitwall\/gate" is in progress\./);
  });

  it("made only requests GitHub documents, as the app's permissions allow", () => {
    expect(life.tunnel.github.violations).toEqual([]);
  });
});

describe("the protection the status card used to advise: classic protection requiring a review", () => {
  let life: Lifecycle;
  let issueNumber: number;

  beforeAll(async () => {
    life = await startLifecycle({ protect: { requiredStatusChecks: ["pitwall/gate"], requiredApprovingReviews: 1 } });
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:docs", { title: "Document the launch API", body: "Say what launch() returns." });
  }, 120_000);

  afterAll(async () => {
    await life?.close();
  });

  it("holds the agent-gated pass with GitHub's reason, and the card says what to change", async () => {
    const write = await currentPull(life.tunnel, issueNumber);
    expect(write.passId).toBe("write");
    const card = statusCard(life.tunnel, issueNumber);
    expect(card).toContain(`GitHub refused the merge of #${write.number}`);
    expect(card).toContain("include classic branch protection that requires 1 approving review, which no app can bypass, so Pitwall cannot merge a pass whose agent gate passed");
    expect(card).toContain("require `pitwall/gate` from any app instead of the Pitwall app");
    expect(card).toContain('README "Installing on GitHub"');
  });
});
