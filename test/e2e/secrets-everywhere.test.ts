import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logLinesStream } from "../support/log-lines-stream.ts";
import { checkRunsNamed } from "../support/world-queries.ts";
import { currentPull, labelNewIssue, type Lifecycle, repo, say, startLifecycle, statusCard, workItemOf, scriptedAgentReply, type RecordedRequest } from "../../windtunnel/index.ts";

// Issue 13 point 5: secrets of shapes beyond the vendors' token prefixes — a password inside a
// URL, a value assigned to a secret-looking name in a repo's env file, a password in prose, a
// bare AWS secret key in an issue's title, a GitLab token in a `/reject` reason — reach no model,
// nothing Pitwall writes to GitHub and no log line at `debug`; no log line holds a request body
// of any kind; and an artifact that holds a password is not committed.

const urlPassword = "Vq3rT8zLp2Wx";
const envPassword = "Hx7&pQ2vkz9";
const envToken = "n7Kq2pX9vR4mZt8w";
const proseSecret = "Tr0ub4dor&3";
const awsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ8w3Ldk2Q";
const gitlabToken = "glpat-Xq7Lm2Pz9Rt4Vb8Nc1Kd";
const artifactPassword = "Qm4!vR8zTk2e";
const canaries = { urlPassword, envPassword, envToken, proseSecret, awsSecret, gitlabToken, artifactPassword };
const leaked = (text: string) => Object.entries(canaries).filter(([, canary]) => text.includes(canary)).map(([name]) => name);

describe("secrets of every shape, in people's text, a repo file and a model's artifact", () => {
  let life: Lifecycle;
  let issueNumber: number;
  const logLines: string[] = [];

  beforeAll(async () => {
    const logStream = logLinesStream(logLines);
    life = await startLifecycle({ log: { logLevel: "debug", logStream } });
    life.tunnel.github.pushFiles(repo, {
      branch: "main",
      by: "alice",
      message: "Staging settings",
      files: { "config/staging.env": `# staging\nDB_HOST=db.internal\nDB_PASSWORD=${envPassword}\nSESSION_TOKEN=${envToken}\nLOG_LEVEL=info\n` },
    });
    // The agents read the env file first; on a rework they put a password into every artifact.
    const reader = (request: RecordedRequest) => {
      const body = request.body as { tools?: unknown[]; messages?: unknown[] };
      const tools = JSON.stringify(body.tools ?? []);
      const prompt = JSON.stringify(body.messages ?? []);
      if (tools.includes('"read_file"') && tools.includes("submit_artifacts") && !prompt.includes('"tool_result"')) {
        return { text: "", toolCalls: [{ name: "read_file", input: { path: "config/staging.env" } }], usage: { inputTokens: 100, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 10 } };
      }
      const reply = scriptedAgentReply(request);
      const call = reply.toolCalls?.[0];
      if (call?.name !== "submit_artifacts" || !prompt.includes("feedback on your previous iteration")) return reply;
      const input = call.input as { artifacts: { name: string; content: string }[] };
      const artifacts = input.artifacts.map((artifact) => ({ ...artifact, content: `${artifact.content}\n\nConnect with:\n\n    SMTP_PASSWORD=${artifactPassword}\n` }));
      return { ...reply, toolCalls: [{ name: call.name, input: { ...input, artifacts } }] };
    };
    life.tunnel.anthropic.setResponder(reader);
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:docs", {
      title: `Document the rotation of AWS secret ${awsSecret}`,
      body: `The runbook should say how we rotate.\nThe primary is postgres://app:${urlPassword}@db.internal:5432/rocket and the db password is ${proseSecret} until Friday.`,
    });
    // The write pass passes its agent gate and merges; the review pass waits for a person.
    const review = await currentPull(life.tunnel, issueNumber);
    expect(review.passId).toBe("review");
    await say(life.tunnel, review.number, `/reject Do not quote the deploy token ${gitlabToken} in the review.`, "carol");
    await life.tunnel.settle();
  }, 180_000);

  afterAll(async () => {
    await life?.close();
  });

  it("sends none of them to any model", () => {
    const sent = life.tunnel.anthropic.requests.map((request) => JSON.stringify(request.body));
    expect(sent.length).toBeGreaterThan(0);
    // The env file was read by the agent: its harmless lines reached the model, its secrets did not.
    expect(sent.some((body) => body.includes("DB_HOST=db.internal"))).toBe(true);
    expect(sent.flatMap(leaked)).toEqual([]);
  });

  it("writes none of them to GitHub: titles, bodies, comments, the card, check runs, commit messages", () => {
    const app = `${life.tunnel.appSlug}[bot]`;
    const writes = life.tunnel.github.requests.filter((request) => request.actor === app && request.method !== "GET" && request.body !== undefined);
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.map((request) => ({ request: `${request.method} ${request.path}`, leaked: leaked(JSON.stringify(request.body)) })).filter((write) => write.leaked.length > 0)).toEqual([]);

    const state = life.tunnel.github.state;
    const texts = [
      ...[...state.comments.values()].filter((comment) => comment.viaApp).map((comment) => comment.body),
      ...[...state.pulls.values()].map((pull) => state.issues.get(pull.issueId)).map((issue) => `${issue?.title ?? ""}\n${issue?.body ?? ""}`),
      ...[...state.checkRuns.values()].map((run) => JSON.stringify({ output: run.output, annotations: run.annotations })),
      ...[...state.commits.values()].filter((commit) => commit.message.includes("pitwall")).map((commit) => commit.message),
    ];
    expect(texts.flatMap(leaked)).toEqual([]);
    // The pass PR's title carries the issue's title with the key replaced; the merge commit's
    // message is Pitwall's own, never GitHub's default (the PR's title).
    const writePull = [...state.pulls.values()].map((pull) => state.issues.get(pull.issueId)).find((issue) => issue?.title.startsWith("write:"));
    expect(writePull?.title).toContain("[REDACTED:");
    const merge = [...state.commits.values()].find((commit) => commit.message.startsWith("pitwall: merge write"));
    expect(merge?.message).toMatch(/^pitwall: merge write for #\d+\n\nThe gate of write \(iteration 1\) was met at [0-9a-f]{40}\.$/);
    // The rejection reaches the card and the gate's check run, the token replaced.
    expect(statusCard(life.tunnel, issueNumber)).toContain("Do not quote the deploy token [REDACTED:");
    const gate = checkRunsNamed(life.tunnel.github, "pitwall/gate").map((run) => run.output.summary ?? "").find((summary) => summary.includes("Do not quote the deploy token"));
    expect(gate).toContain("[REDACTED:");
  });

  it("does not commit the artifact that holds a password, and says why on the card", async () => {
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ current_pass: "review" });
    const card = statusCard(life.tunnel, issueNumber);
    expect(card).toContain("Pitwall did not commit what the documenter agent proposed");
    expect(card).toMatch(/looks like a secret \([a-z-]+: /);
    // The pass's own files on its branch (the env file is the repo's, from main).
    const files = Object.entries(life.tunnel.github.readFiles(repo, `pitwall/${issueNumber}/review`) ?? {}).filter(([path]) => path.startsWith("docs/work/"));
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap(([, content]) => leaked(content))).toEqual([]);
  });

  it("logs none of them at debug, and no request body of any kind", () => {
    expect(logLines.some((line) => line.includes('"level":20') && line.includes("GitHub request: POST "))).toBe(true);
    expect(logLines.flatMap(leaked)).toEqual([]);
    const standard = new Set(["level", "time", "pid", "hostname", "name", "msg"]);
    // Octokit's request lines name the request, never its fields; a webhook's payload is not logged.
    const withBody = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => (typeof entry["msg"] === "string" && entry["msg"].startsWith("GitHub request:") && Object.keys(entry).some((key) => !standard.has(key))) || JSON.stringify(entry).includes('"payload"'))
      .map((entry) => JSON.stringify(entry).slice(0, 200));
    expect(withBody).toEqual([]);
  });
});
