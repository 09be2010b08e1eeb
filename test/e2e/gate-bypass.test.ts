import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentsOn, pullsIn } from "../support/world-queries.ts";
import { currentPull, labelNewIssue, type Lifecycle, repo, say, startLifecycle, statusCard, statusMarker, workItemOf } from "../../windtunnel/index.ts";

// Issue 13, point 1: no gate opens without its approver. Each scenario is a bypass that worked
// against main: a workflow switch that lowers the gates, an issue author or a pusher approving
// their own security work, a review of an older commit counting for the head, and a comment
// carrying Pitwall's status-card marker written by someone else.

const securityIssue = { title: "Token leaks into logs", body: "The session token is written to the access log." };

async function decisions(life: Lifecycle): Promise<{ actor: string; decision: string; reason: string | null }[]> {
  return life.tunnel.pitwall.sql.query("select actor, decision, reason from gate_decisions order by id");
}

function repliesTo(life: Lifecycle, number: number, login: string): string[] {
  return commentsOn(life.tunnel.github, repo, number)
    .filter((comment) => comment.body.startsWith(`@${login} `))
    .map((comment) => comment.body);
}

describe("a /workflow switch away from the security workflow", () => {
  let life: Lifecycle;
  let issueNumber: number;

  beforeAll(async () => {
    life = await startLifecycle();
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:security", securityIssue);
    // Alice started the work item: she may not lower its gates by switching to docs.
    await say(life.tunnel, issueNumber, "/workflow docs", "alice");
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("is refused for the initiator, who stays on the security workflow, with the reason on the issue and the card", async () => {
    expect((await workItemOf(life.tunnel, issueNumber)).workflow).toBe("security");
    const reply = repliesTo(life, issueNumber, "alice").join("\n");
    expect(reply).toContain("your `/workflow` was not counted: switching away from the `security` workflow needs an approver its gates accept");
    expect(reply).toContain("other than @alice, who started the work item");
    expect(await decisions(life)).toContainEqual(expect.objectContaining({ actor: "alice", decision: "refused" }));
    expect(statusCard(life.tunnel, issueNumber)).toContain("/workflow refused");
    // Nothing a docs pass wrote reached the default branch.
    expect(pullsIn(life.tunnel.github, repo).filter((pull) => pull.merged)).toEqual([]);
  });

  it("is allowed to an approver the security gates accept, recorded as a gate decision", async () => {
    await say(life.tunnel, issueNumber, "/workflow docs", "carol");
    expect((await workItemOf(life.tunnel, issueNumber)).workflow).toBe("docs");
    expect(await decisions(life)).toContainEqual(expect.objectContaining({ actor: "carol", decision: "switch", reason: "security → docs" }));
    expect(statusCard(life.tunnel, issueNumber)).toContain("| carol | /workflow docs");
  });

  it("sent nothing GitHub would have rejected", () => {
    expect(life.tunnel.github.violations).toEqual([]);
  });
});

describe("a /workflow switch of a security work item whose definitions could not be pinned", () => {
  let life: Lifecycle;
  let issueNumber: number;

  beforeAll(async () => {
    life = await startLifecycle();
    life.tunnel.github.pushFiles(repo, { branch: "main", by: "carol", files: { ".github/pitwall.yml": "verifiers:\n  max_annotations: lots\n" } });
    await life.tunnel.settle();
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:security", securityIssue);
    // The config is fixed afterwards: a switch could now pin docs, but never lower security's gates.
    life.tunnel.github.pushFiles(repo, { branch: "main", by: "carol", files: { ".github/pitwall.yml": "verifiers:\n  max_annotations: 20\n" } });
    await life.tunnel.settle();
    await say(life.tunnel, issueNumber, "/workflow docs", "alice");
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("is refused: what the security gates require is unknown, so no switch can be shown not to lower them", async () => {
    const item = await workItemOf(life.tunnel, issueNumber);
    expect(item.workflow).toBe("security");
    expect(item.state).toBe("blocked");
    expect(repliesTo(life, issueNumber, "alice").join("\n")).toContain("the `security` workflow could not be pinned when the work item started");
    expect(pullsIn(life.tunnel.github, repo)).toEqual([]);
  });
});

describe("separation of duties on a security work item", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let diagnose: Awaited<ReturnType<typeof currentPull>>;

  beforeAll(async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    gh.createUser({ login: "dave" });
    gh.setPermission(repo, "dave", "write");
    // Carol opens the issue; Alice applies the label (she is the initiator).
    issueNumber = gh.createIssue(repo, { ...securityIssue, author: "carol" }).number;
    gh.addLabel(repo, issueNumber, "pitwall:security", { by: "alice" });
    await life.tunnel.settle();
    diagnose = await currentPull(life.tunnel, issueNumber);
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("refuses the issue's author on /approve, an approving review, /reject and /waive, saying why", async () => {
    await say(life.tunnel, diagnose.number, "/approve", "carol");
    life.tunnel.github.review(repo, diagnose.number, { by: "carol", event: "APPROVE" });
    await life.tunnel.settle();
    await say(life.tunnel, diagnose.number, "/reject the diagnosis is too vague", "carol");
    await say(life.tunnel, diagnose.number, "/waive f-1 not relevant", "carol");
    expect(pullsIn(life.tunnel.github, repo).find((pull) => pull.number === diagnose.number)?.merged).toBe(false);
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate", current_pass: "diagnose", iteration: 1 });
    const replies = repliesTo(life, diagnose.number, "carol");
    expect(replies).toHaveLength(4);
    for (const reply of replies) expect(reply).toContain("other than @carol, who opened the issue (separation of duties)");
    const refused = (await decisions(life)).filter((decision) => decision.actor === "carol");
    expect(refused.map((decision) => decision.decision)).toEqual(["refused", "refused", "refused"]);
  });

  it("refuses someone who pushed to the pass PR", async () => {
    life.tunnel.github.pushFiles(repo, { branch: `pitwall/${issueNumber}/diagnose`, files: { [`docs/work/${issueNumber}-token-leaks-into-logs/diagnosis.md`]: "# Diagnosis\n\nThe logger writes the session token; see src/log.ts.\n" }, by: "dave", message: "Sharpen the diagnosis" });
    await life.tunnel.settle();
    await say(life.tunnel, diagnose.number, "/approve", "dave");
    expect(pullsIn(life.tunnel.github, repo).find((pull) => pull.number === diagnose.number)?.merged).toBe(false);
    expect(repliesTo(life, diagnose.number, "dave").join("\n")).toContain("other than @dave, who pushed to this pull request");
  });

  it("counts an approver who is none of them", async () => {
    await say(life.tunnel, diagnose.number, "/approve", "deployer");
    expect(pullsIn(life.tunnel.github, repo).find((pull) => pull.number === diagnose.number)?.merged).toBe(true);
  });
});

describe("a review that approves an older commit", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let specNumber: number;
  let older: string;

  beforeAll(async () => {
    life = await startLifecycle();
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
    const spec = await currentPull(life.tunnel, issueNumber);
    specNumber = spec.number;
    older = spec.headSha;
    // Alice pushes a new head; Carol then submits an approving review of the commit she read before.
    life.tunnel.github.pushFiles(repo, { branch: `pitwall/${issueNumber}/spec`, files: { [`docs/work/${issueNumber}-add-dark-mode/spec.md`]: "# Spec\n\nRewritten by alice.\n" }, by: "alice" });
    await life.tunnel.settle();
    life.tunnel.github.review(repo, specNumber, { by: "carol", event: "APPROVE", commitId: older });
    await life.tunnel.settle();
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("does not count for the current head", async () => {
    expect(pullsIn(life.tunnel.github, repo).find((pull) => pull.number === specNumber)?.merged).toBe(false);
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate", current_pass: "spec" });
    expect(repliesTo(life, specNumber, "carol").join("\n")).toContain(`your approval was for \`${older.slice(0, 7)}\``);
  });

  it("an approving review of the head counts", async () => {
    life.tunnel.github.review(repo, specNumber, { by: "carol", event: "APPROVE" });
    await life.tunnel.settle();
    expect(pullsIn(life.tunnel.github, repo).find((pull) => pull.number === specNumber)?.merged).toBe(true);
  });
});

describe("a person's merge of a head that no approval was given for", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let merged: string;

  beforeAll(async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    // A release sign-off that never reports holds Pitwall's merges; admins (Alice) may bypass it.
    gh.setPermission(repo, "alice", "admin");
    gh.createRuleset(repo, {
      name: "Release sign-off",
      target: "branch",
      enforcement: "active",
      conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
      bypass_actors: [{ actor_id: 5, actor_type: "RepositoryRole", bypass_mode: "always" }],
      rules: [{ type: "required_status_checks", parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: "release/sign-off" }] } }],
    });
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
    const spec = await currentPull(life.tunnel, issueNumber);
    // Carol's review approves the head it names; GitHub refuses Pitwall's merge.
    gh.review(repo, spec.number, { by: "carol", event: "APPROVE", commitId: spec.headSha });
    await life.tunnel.settle();
    // Alice pushes a new head and merges it at once; GitHub's webhooks arrive merge first.
    gh.pauseDeliveries();
    merged = gh.pushFiles(repo, { branch: `pitwall/${issueNumber}/spec`, files: { [`docs/work/${issueNumber}-add-dark-mode/spec.md`]: "# Spec\n\nNobody approved this.\n" }, by: "alice" });
    gh.mergePullRequest(repo, spec.number, { by: "alice" });
    gh.resumeDeliveries("reversed");
    await life.tunnel.settle();
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("does not count the approval of the older commit for it: the merge goes to a person", async () => {
    const item = await workItemOf(life.tunnel, issueNumber);
    expect(item).toMatchObject({ current_pass: "spec", state: "escalated" });
    expect(item.state_reason).toContain("merged #2 before its gate was met");
    expect(item.state_reason).toContain(`1 approval at \`${merged.slice(0, 7)}\``);
  });
});

describe("a comment carrying Pitwall's status-card marker, written before Pitwall's", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let planted: number[];

  beforeAll(async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    issueNumber = gh.createIssue(repo, { ...securityIssue, author: "alice" }).number;
    // A person and another GitHub App (a workflow's GITHUB_TOKEN acts as github-actions[bot]) plant the marker.
    const forged = `${statusMarker}\n**Gate met** — nothing to review.`;
    planted = [gh.comment(repo, issueNumber, forged, { by: "bob" }).id, gh.comment(repo, issueNumber, forged, { by: "github-actions[bot]" }).id];
    gh.addLabel(repo, issueNumber, "pitwall:security", { by: "alice" });
    await life.tunnel.settle();
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("is left alone: Pitwall posts and keeps its own card", async () => {
    const gh = life.tunnel.github;
    for (const id of planted) expect(gh.state.comments.get(id)?.body).toContain("nothing to review");
    const cards = commentsOn(gh, repo, issueNumber).filter((comment) => comment.body.startsWith(statusMarker) && !planted.includes(comment.id));
    expect(cards).toHaveLength(1);
    expect(cards[0]?.author).toBe(gh.botLogin);
    const [row] = await life.tunnel.pitwall.sql.query<{ status_comment_id: number }>("select status_comment_id from work_items where issue_number = $1", [issueNumber]);
    expect(row?.status_comment_id).toBe(cards[0]?.id);
  });
});
