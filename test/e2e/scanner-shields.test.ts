import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelNewIssue, type Lifecycle, repo, startLifecycle, statusCard, scriptedAgentReply, type RecordedRequest } from "../../windtunnel/index.ts";

// Issue 13, secret scanner review: a credential behind an integrity-hash prefix (`sha1:`, `sha256:`)
// reaches no model and nothing Pitwall writes to GitHub; and an agent's artifact holding a cache key
// made of identifiers and a bcrypt password hash is committed, not refused as a secret.

const join = (...parts: string[]): string => parts.join(""); // so this file trips no push protection
const awsKeyId = join("AK", "IA", "Z7QWERTYUIOP2345");
const awsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ9kT3vLpW";
const canaries = { awsKeyId, awsSecret };
const leaked = (text: string) => Object.entries(canaries).filter(([, canary]) => text.includes(canary)).map(([name]) => name);

const cacheKeyLine = "cacheKey=build-cache-v3-linux-x64-node22";
const bcryptLine = 'password_hash = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"';

describe("integrity-hash prefixes hide no credential; cache keys and password hashes are committed", () => {
  let life: Lifecycle;
  let issueNumber: number;

  beforeAll(async () => {
    life = await startLifecycle();
    // Every artifact the agents submit carries a cache key and a bcrypt hash.
    life.tunnel.anthropic.setResponder((request: RecordedRequest) => {
      const reply = scriptedAgentReply(request);
      const call = reply.toolCalls?.[0];
      if (call?.name !== "submit_artifacts") return reply;
      const input = call.input as { artifacts: { name: string; content: string }[] };
      const artifacts = input.artifacts.map((artifact) => ({ ...artifact, content: `${artifact.content}\n\nSettings:\n\n    ${cacheKeyLine}\n    ${bcryptLine}\n` }));
      return { ...reply, toolCalls: [{ name: call.name, input: { ...input, artifacts } }] };
    });
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:docs", {
      title: `Document the rotation of sha1:${awsKeyId}`,
      body: `The runbook should say how we rotate key sha256:${awsSecret} and sha1:${awsKeyId}.`,
    });
    await life.tunnel.settle();
  }, 180_000);

  afterAll(async () => {
    await life?.close();
  });

  it("sends neither credential to any model", () => {
    const sent = life.tunnel.anthropic.requests.map((request) => JSON.stringify(request.body));
    expect(sent.some((body) => body.includes("The runbook should say how we rotate"))).toBe(true);
    expect(sent.flatMap(leaked)).toEqual([]);
  });

  it("writes neither credential to GitHub, and marks where they were", () => {
    const app = `${life.tunnel.appSlug}[bot]`;
    const writes = life.tunnel.github.requests.filter((request) => request.actor === app && request.method !== "GET" && request.body !== undefined);
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.map((request) => ({ request: `${request.method} ${request.path}`, leaked: leaked(JSON.stringify(request.body)) })).filter((write) => write.leaked.length > 0)).toEqual([]);
    const state = life.tunnel.github.state;
    const titles = [...state.pulls.values()].map((pull) => state.issues.get(pull.issueId)?.title ?? "");
    expect(titles.some((title) => title.includes("sha1:[REDACTED:aws-access-key-id]"))).toBe(true);
  });

  it("commits the artifacts holding a cache key and a bcrypt hash", () => {
    expect(statusCard(life.tunnel, issueNumber)).not.toContain("did not commit");
    const files = Object.entries(life.tunnel.github.readFiles(repo, `pitwall/${issueNumber}/review`) ?? {}).filter(([path]) => path.startsWith("docs/work/"));
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter(([, content]) => content.includes(cacheKeyLine) && content.includes(bcryptLine)).map(([path]) => path)).toEqual(files.map(([path]) => path));
  });
});
