import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentsOn, pullsIn } from "../support/world-queries.ts";
import { currentPull, labelNewIssue, type Lifecycle, repo, say, startLifecycle, workItemOf } from "../../windtunnel/index.ts";

// Commands are read from what a person sees (issue 13, point 1): an `/approve` in an HTML comment
// (renders as nothing), in a collapsed `<details>`, or disguised with a byte-order mark, a
// zero-width space or a fullwidth slash never approves a gate — written in a new comment or
// added by an edit; nor does one hidden by markup a line-by-line reading misses (a `<details/>`,
// a tag over two lines, a `</details>` in an attribute or in fullwidth characters, a fullwidth
// fence, a quote in a list item, an image's alt text). Review bodies are not read for commands at all.

/** Bodies in which a reader sees no `/approve` of their own. */
const hidden: [string, string][] = [
  ["a multi-line HTML comment", "Looks fine.\n<!--\n/approve\n-->"],
  ["an unterminated HTML comment", "Looks fine.\n<!--\n/approve"],
  ["a collapsed details block", "<details>\n<summary>CI log</summary>\n\n/approve\n\n</details>"],
  ["a hidden div", "<div hidden>\n\n/approve\n\n</div>"],
  ["a link reference definition", "[ok]:\n/approve"],
  // From a security review: each hides `/approve` on GitHub though a line-by-line reading saw it.
  ["a details tag self-closed with />", "<details/>\n/approve"],
  ["a details tag split over lines", "<details\nx>\n/approve\n</details>"],
  ["a closing tag inside an attribute value", '<details>\n<a title="</details>">x</a>\n/approve'],
  ["a fullwidth closing tag", "<details>\n\uFF1C/details\uFF1E\n/approve"],
  ["an indented details in an HTML block", "<div>\n    <details>\n/approve"],
  ["a fence a fullwidth fence does not close", "```\n\uFF40\uFF40\uFF40\n/approve\n```"],
  ["a quote in a list item", "- > quote\n/approve"],
  ["an image's alt text", "![\n/approve\n](https://example.com/x.png)"],
];
/** Bodies that read as `/approve` only once invisible characters are dropped or look-alikes folded. */
const disguised: [string, string][] = [
  ["a byte-order mark", "\uFEFF/approve"],
  ["a zero-width space", "/\u200Bapprove"],
  ["a fullwidth slash", "\uFF0Fapprove"],
];

describe("commands are read from what a person sees", () => {
  let life: Lifecycle;
  let issueNumber: number;
  const gh = () => life.tunnel.github;
  const repliesTo = (number: number, login: string) => commentsOn(gh(), repo, number).filter((comment) => comment.author === gh().botLogin && comment.body.startsWith(`@${login} `));
  const approvals = () => life.tunnel.pitwall.sql.query<{ actor: string }>("select actor from gate_decisions where decision = 'approve'");

  beforeAll(async () => {
    life = await startLifecycle();
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("does not approve from hidden text in a new comment, and says nothing about it", async () => {
    const spec = await currentPull(life.tunnel, issueNumber);
    for (const [, body] of hidden) gh().comment(repo, spec.number, body, { by: "carol" });
    await life.tunnel.settle();
    expect(pullsIn(gh(), repo).find((pull) => pull.number === spec.number)?.merged).toBe(false);
    expect(await approvals()).toEqual([]);
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate", current_pass: "spec" });
    expect(repliesTo(spec.number, "carol")).toEqual([]);
  });

  it("does not approve from a disguised /approve in a new comment, and tells the author to type it plainly", async () => {
    const spec = await currentPull(life.tunnel, issueNumber);
    for (const [, body] of disguised) await say(life.tunnel, spec.number, body, "carol");
    expect(pullsIn(gh(), repo).find((pull) => pull.number === spec.number)?.merged).toBe(false);
    expect(await approvals()).toEqual([]);
    const replies = repliesTo(spec.number, "carol");
    expect(replies).toHaveLength(disguised.length);
    for (const reply of replies) expect(reply.body).toContain("`/approve` was not read: its line holds hidden or look-alike characters");
  });

  it("does not read hidden text added by an edit either: no approval and no answer", async () => {
    const spec = await currentPull(life.tunnel, issueNumber);
    const comment = gh().comment(repo, spec.number, "Reading it now.", { by: "carol" });
    await life.tunnel.settle();
    const before = repliesTo(spec.number, "carol").length;
    gh().editComment(repo, comment.id, `Reading it now.\n${hidden.map(([, body]) => body).join("\n\n")}`, { by: "carol" });
    await life.tunnel.settle();
    expect(await approvals()).toEqual([]);
    expect(pullsIn(gh(), repo).find((pull) => pull.number === spec.number)?.merged).toBe(false);
    expect(repliesTo(spec.number, "carol")).toHaveLength(before);
  });

  it("does not count a review's body: only its Approve state, which names its commit", async () => {
    const spec = await currentPull(life.tunnel, issueNumber);
    gh().review(repo, spec.number, { by: "carol", event: "COMMENT", body: "/approve" });
    await life.tunnel.settle();
    expect(await approvals()).toEqual([]);
    expect(pullsIn(gh(), repo).find((pull) => pull.number === spec.number)?.merged).toBe(false);
  });

  it("approves from a plainly typed /approve next to hidden text", async () => {
    const spec = await currentPull(life.tunnel, issueNumber);
    await say(life.tunnel, spec.number, "<!--\n/cancel\n-->\nLooks right to me.\n/approve", "carol");
    expect(pullsIn(gh(), repo).find((pull) => pull.number === spec.number)?.merged).toBe(true);
    expect(await approvals()).toEqual([{ actor: "carol" }]);
    expect((await workItemOf(life.tunnel, issueNumber)).current_pass).toBe("design");
  });
});
