import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentsOn, pullsIn } from "../support/world-queries.ts";
import { currentPull, type Lifecycle, repo, say, startLifecycle, workItemOf } from "../../windtunnel/index.ts";

// Issue 13, point 1: a security gate keeps whoever pushed to its pass PR from approving it. GitHub
// names a commit's author and committer from the email addresses the pusher chooses, so the
// commit list alone can hide a pusher: an address of no account (no login), or the app bot's
// noreply address (read as Pitwall's own commit). Each scenario got dave's `/approve` counted on main.

const securityIssue = { title: "Token leaks into logs", body: "The session token is written to the access log." };

function repliesTo(life: Lifecycle, number: number, login: string): string[] {
  return commentsOn(life.tunnel.github, repo, number)
    .filter((comment) => comment.body.startsWith(`@${login} `))
    .map((comment) => comment.body);
}

/** A security work item at its diagnose gate, with dave (write access) pushing under `identity`. */
async function daveHasPushed(identity: { name: string; email: string }): Promise<{ life: Lifecycle; issueNumber: number; prNumber: number; pitwallHead: string }> {
  const life = await startLifecycle();
  const gh = life.tunnel.github;
  gh.createUser({ login: "dave" });
  gh.setPermission(repo, "dave", "write");
  const issueNumber = gh.createIssue(repo, { ...securityIssue, author: "carol" }).number;
  gh.addLabel(repo, issueNumber, "pitwall:security", { by: "alice" });
  await life.tunnel.settle();
  const { number: prNumber, headSha: pitwallHead } = await currentPull(life.tunnel, issueNumber);
  gh.pushFiles(repo, { branch: `pitwall/${issueNumber}/diagnose`, files: { [`docs/work/${issueNumber}-token-leaks-into-logs/diagnosis.md`]: "# Diagnosis\n\nNothing to see here.\n" }, by: "dave", message: "Tidy the diagnosis", identity });
  await life.tunnel.settle();
  return { life, issueNumber, prNumber, pitwallHead };
}

function merged(life: Lifecycle, prNumber: number): boolean | undefined {
  return pullsIn(life.tunnel.github, repo).find((pull) => pull.number === prNumber)?.merged;
}

describe("a push whose commit names the app bot (its noreply address)", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let prNumber: number;

  beforeAll(async () => {
    ({ life, issueNumber, prNumber } = await daveHasPushed({ name: "pitwall[bot]", email: "pitwall[bot]@users.noreply.github.com" }));
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("still makes dave a pusher: his /approve is refused and the gate stays", async () => {
    await say(life.tunnel, prNumber, "/approve", "dave");
    expect(merged(life, prNumber)).toBe(false);
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate", current_pass: "diagnose" });
    expect(repliesTo(life, prNumber, "dave").join("\n")).toContain("other than @dave, who pushed to this pull request (separation of duties)");
  });

  it("counts an approver who pushed nothing", async () => {
    await say(life.tunnel, prNumber, "/approve", "deployer");
    expect(merged(life, prNumber)).toBe(true);
  });

  it("sent nothing GitHub would have rejected", () => {
    expect(life.tunnel.github.violations).toEqual([]);
  });
});

describe("a push whose commit's email is linked to no account", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let prNumber: number;
  let pitwallHead: string;

  beforeAll(async () => {
    ({ life, issueNumber, prNumber, pitwallHead } = await daveHasPushed({ name: "Dave", email: "dave@laptop.invalid" }));
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("still makes dave a pusher: his /approve is refused", async () => {
    await say(life.tunnel, prNumber, "/approve", "dave");
    expect(merged(life, prNumber)).toBe(false);
    expect(repliesTo(life, prNumber, "dave").join("\n")).toContain("other than @dave, who pushed to this pull request (separation of duties)");
  });

  it("fails closed for everyone else, saying why, and the gate stays", async () => {
    await say(life.tunnel, prNumber, "/approve", "deployer");
    expect(merged(life, prNumber)).toBe(false);
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate", current_pass: "diagnose" });
    const reply = repliesTo(life, prNumber, "deployer").join("\n");
    expect(reply).toContain("is by an author GitHub cannot link to an account, so separation of duties cannot be checked");
    const refused: { actor: string; decision: string }[] = await life.tunnel.pitwall.sql.query("select actor, decision from gate_decisions order by id");
    expect(refused).toEqual([expect.objectContaining({ actor: "dave", decision: "refused" }), expect.objectContaining({ actor: "deployer", decision: "refused" })]);
  });

  it("opens again once the commit is dropped from the branch, to someone who did not push", async () => {
    // Alice (the initiator, kept out anyway) force-pushes Pitwall's commit back as the head.
    life.tunnel.github.pushCommit(repo, { branch: `pitwall/${issueNumber}/diagnose`, sha: pitwallHead, by: "alice", force: true });
    await life.tunnel.settle();
    await say(life.tunnel, prNumber, "/approve", "deployer");
    expect(merged(life, prNumber)).toBe(true);
  });

  it("sent nothing GitHub would have rejected", () => {
    expect(life.tunnel.github.violations).toEqual([]);
  });
});
