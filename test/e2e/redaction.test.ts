import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logLinesStream } from "../support/log-lines-stream.ts";
import { checkRunsNamed } from "../support/world-queries.ts";
import { currentPull, labelNewIssue, type Lifecycle, say, startLifecycle } from "../../windtunnel/index.ts";

// Issue 12 point 6: redaction covers what Pitwall writes, not only what models read. People put
// canary secrets in an issue, a comment and a `/reject` reason; at `debug` level no log line, no
// text Pitwall writes to GitHub and no audit entry holds them, and the redaction marker shows
// where they were.

const githubToken = "ghp_Xq7Lm2Pz9Rt4Vb8Nc1Kd6Wf3Hj5Ys0Ga2Ue9";
const awsKey = "AKIAQ7ZP3KX9LM2NV4RT";
const canaries = [githubToken, awsKey];
const leaked = (text: string) => canaries.filter((canary) => text.includes(canary));

describe("canary secrets in people's text", () => {
  let life: Lifecycle;
  let issueNumber: number;
  const logLines: string[] = [];

  beforeAll(async () => {
    const logStream = logLinesStream(logLines);
    life = await startLifecycle({ log: { logLevel: "debug", logStream } });
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: `Users want a dark theme. The old CI token was ${githubToken}, rotate it.` });
    await say(life.tunnel, issueNumber, `FYI the staging key ${awsKey} is still in the wiki.`, "carol");
    const spec = await currentPull(life.tunnel, issueNumber);
    await say(life.tunnel, spec.number, `/reject The spec quotes our token ${githubToken} and the key ${awsKey}; never write them down.`, "carol");
    await life.tunnel.settle();
  }, 120_000);

  afterAll(async () => {
    await life?.close();
  });

  it("keeps them out of every log line at debug level, Octokit's and Probot's request logging included", () => {
    expect(logLines.some((line) => line.includes('"level":20') && line.includes("GitHub request: POST ")), "Octokit's debug request lines are in the captured log").toBe(true);
    const leaks = logLines.filter((line) => leaked(line).length > 0).map((line) => line.slice(0, 300));
    expect(leaks).toEqual([]);
    // Bodies are never logged, whatever they hold: the rejection's words are not logged either.
    expect(logLines.filter((line) => line.includes("never write them down")).map((line) => line.slice(0, 300))).toEqual([]);
    expect(logLines.filter((line) => line.includes("GitHub request: ") && line.includes('"body"')).map((line) => line.slice(0, 300))).toEqual([]);
  });

  it("keeps them out of everything Pitwall wrote to GitHub, and marks where they were", () => {
    const app = `${life.tunnel.appSlug}[bot]`;
    const writes = life.tunnel.github.requests.filter((request) => request.actor === app && request.method !== "GET" && request.body !== undefined);
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((request) => leaked(JSON.stringify(request.body)).length > 0).map((request) => `${request.method} ${request.path}`)).toEqual([]);

    const state = life.tunnel.github.state;
    const appUser = [...state.users.values()].find((user) => user.login === app);
    const texts = [
      ...[...state.comments.values()].filter((comment) => comment.viaApp).map((comment) => comment.body),
      ...[...state.issues.values()].filter((issue) => issue.authorId === appUser?.id).map((issue) => `${issue.title}\n${issue.body ?? ""}`),
      ...[...state.checkRuns.values()].map((run) => JSON.stringify({ output: run.output, annotations: run.annotations })),
      ...[...state.commits.values()].map((commit) => commit.message),
    ];
    expect(texts.filter((text) => leaked(text).length > 0).map((text) => text.slice(0, 300))).toEqual([]);
    // The rejection reason reaches the pass's gate check run with the secrets replaced.
    const gate = checkRunsNamed(life.tunnel.github, "pitwall/gate").map((run) => run.output.summary ?? "").find((summary) => summary.includes("never write them down"));
    expect(gate).toContain("[REDACTED:github-token]");
    expect(gate).toContain("[REDACTED:aws-access-key-id]");
  });

  it("stores the audit trail and the gate decisions redacted", async () => {
    const rows = await life.tunnel.pitwall.sql.query<{ actor: string; action: string; detail: string | null }>("select actor, action, detail from audit_log order by id");
    expect(rows.filter((row) => leaked(JSON.stringify(row)).length > 0)).toEqual([]);
    expect(rows.find((row) => row.detail?.includes("never write them down"))?.detail).toContain("[REDACTED:github-token]");
    const decisions = await life.tunnel.pitwall.sql.query<{ decision: string; reason: string | null }>("select decision, reason from gate_decisions order by id");
    expect(decisions.filter((row) => row.decision === "reject").map((row) => row.reason)).toEqual([expect.stringContaining("[REDACTED:aws-access-key-id]")]);
    expect(decisions.filter((row) => leaked(JSON.stringify(row)).length > 0)).toEqual([]);
  });
});
