import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentPull, labelNewIssue, repo, say, startLifecycle, workItemOf, type Lifecycle, scriptedAgentReply } from "../../windtunnel/index.ts";
import { liveMarkup } from "../support/live-markup.ts";
import { issueByNumber, pullsIn } from "../support/world-queries.ts";

// Issue 13 point 4: model output is data when Pitwall writes it. A scripted model writes closing
// keywords for another open issue, image beacons and mentions of a whole team into its summary,
// its artifact, a verifier's verdict and findings, and the analyst's proposal. The pass merges;
// the other issue is still open, nothing Pitwall wrote to GitHub carries a live closing reference,
// that mention or a remote image, and the artifact file keeps the model's text byte for byte.

describe("closing keywords, mentions and image beacons in model output", () => {
  let life: Lifecycle;
  let other: number;
  let issueNumber: number;
  let hostile: string;

  beforeAll(async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    other = gh.createIssue(repo, { title: "Keep the launch pad clean", body: "Unrelated work that stays open.", author: "carol" }).number;
    hostile = [
      `Closes #${other}. fixes acme/rocket#${other}, Resolves: GH-${other} and FIXED https://github.com/acme/rocket/issues/${other}`,
      `clo&#115;es &#35;${other} — close\\#${other}`,
      "![](https://evil.example/beacon.png) ![logo][b] <img src=\"https://evil.example/pixel.gif\"> <picture><source srcset=\"https://evil.example/s.png\"></picture>",
      "[b]: https://evil.example/ref.png",
      "cc @acme/everyone and @someone, also &commat;acme/everyone and ＠someone",
    ].join("\n");
    life.tunnel.anthropic.setResponder((request) => {
      const reply = scriptedAgentReply(request);
      const [call] = reply.toolCalls ?? [];
      if (!call || typeof call.input !== "object" || call.input === null) return reply;
      const input = call.input as Record<string, unknown>;
      if (call.name === "submit_verdict") {
        const findings = [
          { path: "src/index.ts", line: 1, severity: "note", message: hostile },
          { severity: "note", message: `Unplaced: ${hostile}` },
        ];
        return { ...reply, toolCalls: [{ name: call.name, input: { verdict: "pass", summary: hostile, findings } }] };
      }
      if (call.name === "propose_workflow") return { ...reply, toolCalls: [{ name: call.name, input: { ...input, reasoning: hostile } }] };
      if (call.name === "submit_artifacts") {
        const artifacts = (input["artifacts"] as { name: string; content: string }[]).map((artifact) => ({ ...artifact, content: `${artifact.content}\n${hostile}\n` }));
        return { ...reply, toolCalls: [{ name: call.name, input: { ...input, artifacts, summary: hostile } }] };
      }
      return reply;
    });
    await labelNewIssue(life.tunnel, "pitwall", { title: "Something about rockets", body: "Not sure what kind of work this is." });
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
    const spec = await currentPull(life.tunnel, issueNumber);
    await say(life.tunnel, spec.number, "/approve", "carol");
    await life.tunnel.settle();
  }, 180_000);

  afterAll(async () => {
    await life?.close();
  });

  it("merges the pass, and the issue the model said it closes stays open", async () => {
    const spec = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef.endsWith("/spec"));
    expect(spec?.merged).toBe(true);
    expect((await workItemOf(life.tunnel, issueNumber)).current_pass).toBe("design");
    expect(issueByNumber(life.tunnel.github, repo, other).state).toBe("open");
  });

  it("writes no live closing reference, team or person mention, or remote image from model text anywhere", () => {
    const state = life.tunnel.github.state;
    const app = [...state.users.values()].find((user) => user.login === `${life.tunnel.appSlug}[bot]`);
    const written = [
      ...[...state.comments.values()].filter((comment) => comment.viaApp).map((comment) => ({ where: `comment ${comment.id}`, text: comment.body })),
      ...[...state.issues.values()].filter((issue) => issue.authorId === app?.id).map((issue) => ({ where: `#${issue.number}`, text: `${issue.title}\n${issue.body ?? ""}` })),
      ...[...state.checkRuns.values()].flatMap((run) => [
        { where: `check ${run.name}`, text: [run.output.title, run.output.summary, run.output.text].join("\n") },
        ...run.annotations.map((annotation) => ({ where: `annotation of ${run.name}`, text: `${annotation.title ?? ""}\n${annotation.message}` })),
      ]),
      ...[...state.commits.values()].map((commit) => ({ where: `commit ${commit.sha.slice(0, 7)}`, text: commit.message })),
    ];
    // The model's text did reach each kind of place (neutralised), so the check below is not empty.
    const reached = (where: string) => written.filter((entry) => entry.where.startsWith(where) && entry.text.includes("evil.example")).length;
    expect(reached("comment"), "the analyst's proposal").toBeGreaterThan(0);
    expect(reached("#"), "the pass PR's body").toBeGreaterThan(0);
    expect(reached("check pitwall/"), "the verifier's check run").toBeGreaterThan(0);
    expect(reached("annotation"), "the finding's annotation").toBeGreaterThan(0);
    expect(reached("commit"), "the pass's commit").toBeGreaterThan(0);

    const live = written.map((entry) => ({ where: entry.where, ...liveMarkup(entry.text) }));
    expect(live.flatMap((entry) => entry.closes.map((ref) => `${entry.where}: ${ref}`))).toEqual([]);
    expect(live.flatMap((entry) => entry.mentions.filter((handle) => ["acme/everyone", "someone"].includes(handle.toLowerCase())).map((handle) => `${entry.where}: @${handle}`))).toEqual([]);
    expect(live.flatMap((entry) => entry.images.map((image) => `${entry.where}: ${image}`))).toEqual([]);
  });

  it("keeps the model's text readable where it is quoted", () => {
    const body = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef.endsWith("/spec"))?.issue.body ?? "";
    const visible = body.replaceAll("\u2060", "");
    expect(visible).toContain(`Closes \`#${other}\``);
    expect(visible).toContain("`@acme/everyone`");
    expect(visible).toContain("[image](https://evil.example/beacon.png)");
    expect(visible).toContain('<img src="https://evil.example/pixel.gif">');
  });

  it("commits the artifact exactly as the model wrote it", () => {
    const files = life.tunnel.github.readFiles(repo, "main") ?? {};
    const spec = Object.entries(files).find(([path]) => path.endsWith("/spec.md"));
    expect(spec?.[1]).toContain(`\n${hostile}\n`);
  });
});
