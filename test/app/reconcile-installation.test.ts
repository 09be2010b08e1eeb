import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { reconcileInstallation, type ReconcileDeps } from "../../src/app/reconcile-installation.ts";
import type { GitHubPort } from "../../src/orchestrator/github-port.ts";
import { reconcilePayload, type ReconcilePayload } from "../../src/scheduler/job-payloads.ts";
import { WaitError } from "../../src/scheduler/job-errors.ts";
import { openStore, type Sql } from "../../src/store/index.ts";
import { createWorkItem } from "../../src/store/work-items.ts";

const now = new Date("2026-03-01T10:00:00Z");
const repos = [0, 1, 2].map((n) => ({ owner: "acme", repo: `r${n}` }));
let sql: Sql | undefined;

afterEach(async () => {
  await sql?.close();
  sql = undefined;
});

/** A GitHub with one labelled issue per repository whose event log names nobody (so nothing is started). */
function fakeGitHub(calls: string[], issueState: () => Promise<never> = () => Promise.reject(new Error("not used"))): GitHubPort {
  const port = {
    rateLimitLeft: () => Promise.resolve(undefined),
    installationRepos: () => (calls.push("repos"), Promise.resolve(repos)),
    openIssues: (repo: { repo: string }) => (calls.push(`issues ${repo.repo}`), Promise.resolve([{ number: 1, title: "t", author: "carol", labels: ["pitwall"] }])),
    labelEvents: (repo: { repo: string }) => (calls.push(`events ${repo.repo}`), Promise.resolve([])),
    issueState: () => (calls.push("issue state"), issueState()),
  };
  return port as unknown as GitHubPort;
}

function depsFor(store: Sql, github: GitHubPort, callsPerRound: number): ReconcileDeps {
  return { sql: store, githubFor: () => Promise.resolve(github), clock: { now: () => now }, log: pino({ level: "silent" }), callsPerRound, continueAfterMs: 1_000, wake: () => undefined, ownLogin: () => Promise.resolve("pitwall[bot]") };
}

async function continuations(store: Sql): Promise<{ key: string; payload: ReconcilePayload; runAt: Date }[]> {
  const rows = await store.query<{ dedupe_key: string; payload: unknown; run_at: Date }>("select dedupe_key, payload, run_at from jobs where kind = 'reconcile' order by id");
  return rows.map((row) => ({ key: row.dedupe_key, payload: reconcilePayload.parse(row.payload), runAt: new Date(row.run_at) }));
}

describe("reconcileInstallation", () => {
  it("stops calling GitHub when its rate limit says wait, and continues after the time GitHub asked for", async () => {
    sql = await openStore({});
    for (const issueNumber of [1, 2]) await createWorkItem(sql, { installationId: 1, repo: { owner: "acme", name: "r0" }, issueNumber, issueTitle: "t", workflow: "feature", initiator: "carol", now });
    const calls: string[] = [];
    const limited = () => Promise.reject(new WaitError("GitHub", "rate limit", 60_000));
    await reconcileInstallation(depsFor(sql, fakeGitHub(calls, limited), 50), { installationId: 1, round: "r", afterWorkItemId: 0 });
    expect(calls).toEqual(["issue state"]);
    const [next] = await continuations(sql);
    expect(next?.runAt.getTime()).toBeGreaterThanOrEqual(now.getTime() + 60_000);
  });
});
