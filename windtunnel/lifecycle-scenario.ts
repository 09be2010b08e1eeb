import { startFakeCi, type FakeCi, type FakeGitHub, type ProtectionInput } from "./github/index.ts";
import { startWindTunnel, type WindTunnel, type WindTunnelOptions } from "./start-wind-tunnel.ts";
import type { Clock } from "../src/domain/clock.ts";

// A repo with people, a CI and a deploy system around the wind tunnel, and a way to drive a
// work item from label to done the way its approvers would (end-to-end tests and the demo).

export const repo = "acme/rocket";
export const statusMarker = "<!-- pitwall:status-card -->";

export interface Lifecycle {
  tunnel: WindTunnel;
  ci: FakeCi;
  /** Branches the CI fails once (the first commit it sees on them), e.g. the patch pass. */
  failCiOnceOn: Set<string>;
  deployments: { environment: string; sha: string }[];
  close(): Promise<void>;
}

export async function startLifecycle(
  options: {
    protect?: ProtectionInput;
    providers?: ("anthropic" | "openai")[];
    dashboardToken?: string;
    clock?: Clock;
    githubNow?: () => Date;
    log?: Pick<WindTunnelOptions, "logLevel" | "logStream">;
    postgresServerUrl?: string | undefined;
    dataDir?: string | undefined;
    /** What the repo looks like before the app is installed on it (labels a person made). */
    beforeInstall?: (github: FakeGitHub) => void;
    /** `silent`: the repo's deploy system never answers Pitwall's deployments. */
    deploySystem?: "answers" | "silent";
    modelCallTimeLimitMs?: number;
  } = {},
): Promise<Lifecycle> {
  const tunnel = await startWindTunnel({
    ...(options.providers ? { providers: options.providers } : {}),
    ...(options.dashboardToken ? { dashboardToken: options.dashboardToken } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.githubNow ? { githubNow: options.githubNow } : {}),
    ...options.log,
    ...("postgresServerUrl" in options ? { postgresServerUrl: options.postgresServerUrl } : {}),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.modelCallTimeLimitMs === undefined ? {} : { modelCallTimeLimitMs: options.modelCallTimeLimitMs }),
  });
  const gh = tunnel.github;
  for (const login of ["alice", "carol", "bob", "deployer"]) gh.createUser({ login });
  gh.createRepo({ owner: "acme", name: "rocket", files: { "README.md": "# Rocket\n", "src/index.ts": "export const launch = () => 1;\n" } });
  options.beforeInstall?.(gh);
  gh.installApp({ installationId: tunnel.installationId, account: "acme", repos: [repo] });
  gh.setPermission(repo, "alice", "write");
  gh.setPermission(repo, "carol", "write");
  gh.setPermission(repo, "deployer", "write");
  gh.setPermission(repo, "bob", "read");
  if (options.protect) gh.protectBranch(repo, "main", options.protect);

  const failCiOnceOn = new Set<string>();
  const failed = new Set<string>();
  const ci = startFakeCi(gh, {
    repo,
    checkName: "ci/test",
    decide: ({ branch, sha }) => {
      if ([...failCiOnceOn].some((suffix) => branch.endsWith(suffix)) && !failed.has(branch)) {
        failed.add(branch);
        return {
          conclusion: "failure",
          summary: `1 test failed on ${sha.slice(0, 7)}`,
          annotations: [{ path: "src/index.ts", start_line: 1, end_line: 1, annotation_level: "failure", title: "launch.test.ts", message: "expected launch() to return 2, got 1" }],
        };
      }
      return { conclusion: "success", summary: "all tests passed" };
    },
  });

  // The repo's deploy system: every deployment Pitwall creates goes out and succeeds (unless it is silent).
  const deployments: Lifecycle["deployments"] = [];
  gh.on("event", (event) => {
    if (event.event !== "deployment" || event.action !== "created") return;
    const deployment = event.payload["deployment"] as { id: number; environment: string; sha: string };
    deployments.push({ environment: deployment.environment, sha: deployment.sha });
    if (options.deploySystem === "silent") return;
    setTimeout(() => {
      gh.setDeploymentStatus(repo, deployment.id, { state: "in_progress", by: "deployer" });
      gh.setDeploymentStatus(repo, deployment.id, { state: "success", by: "deployer", environmentUrl: `https://${deployment.environment}.rocket.example` });
    }, 0);
  });

  return {
    tunnel,
    ci,
    failCiOnceOn,
    deployments,
    async close() {
      ci.stop();
      await tunnel.close();
    },
  };
}

export interface WorkItemRow {
  id: number;
  state: string;
  current_pass: string | null;
  iteration: number;
  state_reason: string | null;
  workflow: string;
}

export async function workItemOf(tunnel: WindTunnel, issueNumber: number): Promise<WorkItemRow> {
  const [row] = await tunnel.pitwall.sql.query<WorkItemRow>("select id, state, current_pass, iteration, state_reason, workflow from work_items where issue_number = $1", [issueNumber]);
  if (!row) throw new Error(`no work item for #${issueNumber}`);
  return row;
}

/** The open pull request of the work item's current pass. */
export async function currentPull(tunnel: WindTunnel, issueNumber: number): Promise<{ passId: string; number: number; headSha: string; iteration: number }> {
  const item = await workItemOf(tunnel, issueNumber);
  const [run] = await tunnel.pitwall.sql.query<{ pass_id: string; pr_number: number | null; head_sha: string | null; iteration: number }>(
    "select pass_id, pr_number, head_sha, iteration from pass_runs where work_item_id = $1 and pass_id = $2 order by iteration desc limit 1",
    [item.id, item.current_pass],
  );
  if (!run?.pr_number || !run.head_sha) throw new Error(`#${issueNumber} has no open pass PR (state ${item.state}, pass ${item.current_pass ?? "-"}): ${statusCard(tunnel, issueNumber)}`);
  return { passId: run.pass_id, number: run.pr_number, headSha: run.head_sha, iteration: run.iteration };
}

export function statusCard(tunnel: WindTunnel, issueNumber: number): string {
  const issue = [...tunnel.github.state.issues.values()].find((candidate) => candidate.repoKey === repo && candidate.number === issueNumber);
  // Pitwall's own card: anyone can post a comment that starts with the marker.
  const bot = [...tunnel.github.state.users.values()].find((user) => user.login === tunnel.github.botLogin);
  const card = [...tunnel.github.state.comments.values()].find((comment) => comment.issueId === issue?.id && comment.authorId === bot?.id && comment.body.startsWith(statusMarker));
  return card?.body ?? "(no status card)";
}

export async function say(tunnel: WindTunnel, number: number, body: string, by: string): Promise<void> {
  tunnel.github.comment(repo, number, body, { by });
  await tunnel.settle();
}

/**
 * Answers every gate that waits for a person with `/approve` by `approver` until the work item
 * is done; `onGate` may act instead (reject, push, review) and return true when it did.
 */
export async function driveToDone(tunnel: WindTunnel, issueNumber: number, approver: string, onGate: (pull: Awaited<ReturnType<typeof currentPull>>) => Promise<boolean> = () => Promise.resolve(false)): Promise<string[]> {
  const gatesSeen: string[] = [];
  for (let step = 0; step < 40; step += 1) {
    await tunnel.settle();
    const item = await workItemOf(tunnel, issueNumber);
    if (item.state === "done") return gatesSeen;
    if (item.state !== "awaiting_gate") throw new Error(`work item #${issueNumber} is ${item.state} (${item.state_reason ?? ""}):\n${statusCard(tunnel, issueNumber)}`);
    const pull = await currentPull(tunnel, issueNumber);
    gatesSeen.push(`${pull.passId}#${pull.iteration}`);
    if (await onGate(pull)) continue;
    await say(tunnel, pull.number, "/approve", approver);
  }
  throw new Error(`work item #${issueNumber} did not finish:\n${statusCard(tunnel, issueNumber)}`);
}

/** The passes whose PRs merged, in the order of their PR numbers. */
export function mergedPassPulls(tunnel: WindTunnel): string[] {
  return [...tunnel.github.state.pulls.values()]
    .filter((pull) => pull.repoKey === repo && pull.merged)
    .sort((a, b) => a.number - b.number)
    .map((pull) => pull.headRef.replace(/^pitwall\/\d+\//, ""));
}

/** Alice opens an issue and labels it; returns its number once Pitwall has acted on the label. */
export async function labelNewIssue(tunnel: WindTunnel, label: string, issue: { title: string; body: string }): Promise<number> {
  const number = tunnel.github.createIssue(repo, { ...issue, author: "alice" }).number;
  tunnel.github.addLabel(repo, number, label, { by: "alice" });
  await tunnel.settle();
  return number;
}
