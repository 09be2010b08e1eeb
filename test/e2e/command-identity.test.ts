import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentsOn, deliveriesOf, pullsIn } from "../support/world-queries.ts";
import { currentPull, labelNewIssue, type Lifecycle, repo, say, startLifecycle, statusCard, workItemOf } from "../../windtunnel/index.ts";

// A command is identified by its comment (id and `updated_at`), not by the webhook delivery that
// carried it: the delivery id is not covered by the signature, so a captured body replayed under
// a new id verifies. Commands match in any case; an edit never runs a command.

describe("commands identified by their comment", () => {
  let life: Lifecycle;
  let issueNumber: number;
  const pitwallReplies = (number: number, to: string) => commentsOn(life.tunnel.github, repo, number).filter((comment) => comment.author === life.tunnel.github.botLogin && comment.body.startsWith(`@${to} `));
  /** The `issue_comment` webhook GitHub delivered for a comment, as captured on the wire. */
  const capturedDelivery = (commentId: number, action: string) => {
    const found = deliveriesOf(life.tunnel.github, "issue_comment", action).find((delivery) => (delivery.payload["comment"] as { id: number }).id === commentId);
    if (!found) throw new Error(`no issue_comment.${action} delivery for comment ${commentId}`);
    return found;
  };

  beforeAll(async () => {
    life = await startLifecycle();
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("acts once on a command replayed under a new delivery id", async () => {
    const spec = await currentPull(life.tunnel, issueNumber);
    const comment = life.tunnel.github.comment(repo, spec.number, "/reject Cover the OS setting changing at run time.", { by: "carol" });
    await life.tunnel.settle();
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ current_pass: "spec", iteration: 2 });
    // The same signed body, POSTed again under a new X-GitHub-Delivery id.
    const original = capturedDelivery(comment.id, "created");
    const replay = await life.tunnel.github.deliver("issue_comment", undefined, original.payload);
    await life.tunnel.settle();
    expect(replay.guid).not.toBe(original.guid);
    expect(replay.status).toBe(200);
    const decisions = await life.tunnel.pitwall.sql.query<{ decision: string }>("select decision from gate_decisions where source_comment_id = $1", [comment.id]);
    expect(decisions).toEqual([{ decision: "reject" }]);
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ current_pass: "spec", iteration: 2 });
  });

  it("answers an edit that adds a command: edits do not count, write a new comment", async () => {
    const comment = life.tunnel.github.comment(repo, issueNumber, "Looks fine to me.", { by: "carol" });
    await life.tunnel.settle();
    life.tunnel.github.editComment(repo, comment.id, "Looks fine to me.\n/pause", { by: "carol" });
    await life.tunnel.settle();
    const replies = pitwallReplies(issueNumber, "carol");
    expect(replies.at(-1)?.body).toContain("edits do not run commands");
    expect(replies.at(-1)?.body).toContain("`/pause`");
    expect(replies.at(-1)?.body).toContain("write it in a new comment");
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("awaiting_gate");
    // The same edit delivered again under a new id is not answered twice.
    const count = replies.length;
    await life.tunnel.github.deliver("issue_comment", undefined, capturedDelivery(comment.id, "edited").payload);
    await life.tunnel.settle();
    expect(pitwallReplies(issueNumber, "carol")).toHaveLength(count);
  });

  it("changes nothing when a comment whose commands ran is edited", async () => {
    const comment = life.tunnel.github.comment(repo, issueNumber, "/status", { by: "carol" });
    await life.tunnel.settle();
    const before = pitwallReplies(issueNumber, "carol").length;
    life.tunnel.github.editComment(repo, comment.id, "/status\n/cancel", { by: "carol" });
    await life.tunnel.settle();
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("awaiting_gate");
    expect(pitwallReplies(issueNumber, "carol")).toHaveLength(before);
  });

  it("matches commands in any case", async () => {
    const spec = await currentPull(life.tunnel, issueNumber);
    await say(life.tunnel, spec.number, "/APPROVE", "carol");
    expect(pullsIn(life.tunnel.github, repo).find((pull) => pull.number === spec.number)?.merged).toBe(true);
    expect((await workItemOf(life.tunnel, issueNumber)).current_pass).toBe("design");
    expect(statusCard(life.tunnel, issueNumber)).toContain("| carol | /approve on spec");
  });
});
