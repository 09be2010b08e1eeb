import { hostileCorpus, type Actor, type HostileEntry } from "../../test/support/hostile-corpus.ts";
import { replicaRepo, seedReplicaRepo, startReplicas, type Replicas } from "../../windtunnel/index.ts";
import { figure, type Figure } from "./figure.ts";
import { openPassPull, settleWithin } from "./people.ts";

// Scenario f: the hostile corpus's comments on a feature work item (issue 13's texts aimed at its
// spec gate), across 2 replicas logging at debug level, with faults: every other comment's command
// job fails once on GitHub's permission lookup (a 500) and is retried, and carol's `/approve` is
// held back while her permission drops to read before her command's job runs. No gate may move,
// and no canary secret may reach a model or any replica's log line.

const logins: Partial<Record<Actor, string>> = { approver: "carol", initiator: "alice", "issue-author": "dave", "read-only": "bob", "no-access": "mallory" };
const permissionRoute = "/repos/{owner}/{repo}/collaborators/{username}/permission";

export async function hostileUnderFaults(server: string, comments: number, settleMs: number): Promise<Figure[]> {
  const scenario = "f";
  const tunnel = await startReplicas({ count: 2, postgresServerUrl: server, logLevel: "debug" });
  const seeded = seedReplicaRepo(tunnel.github, tunnel.installationId);
  try {
    const gh = tunnel.github;
    for (const login of ["dave", "mallory"]) gh.createUser({ login });
    gh.setPermission(replicaRepo, "dave", "write");
    // The issue carries the corpus's hostile title and body texts (with their canaries), as in issue 13's run.
    const aimed = (channel: HostileEntry["channel"]) => hostileCorpus.filter((entry) => entry.target === "feature" && entry.channel === channel);
    const title = aimed("issue-title")[0]?.text ?? "Add dark mode";
    const body = ["Steps and context below.", ...aimed("issue-body").map((entry) => entry.text)].join("\n\n");
    const issue = gh.createIssue(replicaRepo, { title, body, author: "alice" }).number;
    gh.addLabel(replicaRepo, issue, "pitwall:feature", { by: "alice" });
    const opened = await settleWithin(tunnel, settleMs);
    const pull = openPassPull(tunnel, issue, "spec");
    if (pull === undefined) throw new Error(`the feature work item has no spec PR${opened ? `: ${opened}` : ""}`);
    const entries = hostileCorpus
      .filter((entry) => entry.channel === "comment" && entry.target === "feature" && entry.expect === "no-effect" && !entry.pushFirst && !entry.beforeLabel && logins[entry.actor] !== undefined)
      .slice(0, comments);
    for (const [index, entry] of entries.entries()) {
      if (index % 2 === 0) gh.injectFault({ method: "GET", route: permissionRoute, respond: "server-error", times: 1 });
      gh.comment(replicaRepo, entry.on === "issue" ? issue : pull, entry.text.replaceAll("{other}", String(issue)), { by: logins[entry.actor] ?? "" });
      await settleWithin(tunnel, settleMs);
    }
    await approvalAfterDowngrade(tunnel, pull, settleMs);
    return await measure(tunnel, scenario, issue, [...entries, ...aimed("issue-title"), ...aimed("issue-body")]);
  } finally {
    seeded.stop();
    await tunnel.close();
  }
}

/** Carol comments `/approve`; her webhook is held while her permission drops to read, then delivered. */
async function approvalAfterDowngrade(tunnel: Replicas, pull: number, settleMs: number): Promise<void> {
  tunnel.balancer.hold();
  tunnel.github.comment(replicaRepo, pull, "/approve", { by: "carol" });
  await tunnel.github.idle();
  tunnel.github.setPermission(replicaRepo, "carol", "read");
  await tunnel.balancer.release();
  await settleWithin(tunnel, settleMs);
}

async function measure(tunnel: Replicas, scenario: string, issue: number, entries: HostileEntry[]): Promise<Figure[]> {
  const state = tunnel.github.state;
  const decisions = await tunnel.sql.query<{ decision: string; actor: string }>("select decision, actor from gate_decisions where decision <> 'refused'");
  const [item] = await tunnel.sql.query<{ state: string; workflow: string; current_pass: string | null }>("select state, workflow, current_pass from work_items where issue_number = $1", [issue]);
  const merged = [...state.pulls.values()].filter((pull) => pull.merged).length;
  const green = [...state.checkRuns.values()].filter((run) => run.name === "pitwall/gate" && run.conclusion === "success").length;
  const moved = item?.workflow !== "feature" || item.current_pass !== "spec" ? 1 : 0;
  const canaries = [...new Set(hostileCorpus.flatMap((entry) => entry.canaries ?? []))];
  const sentCanaries = new Set(entries.flatMap((entry) => entry.canaries ?? []));
  const models = [...tunnel.anthropic.requests, ...tunnel.openai.requests].map((request) => JSON.stringify(request.body));
  const lines = tunnel.logLines();
  const inModels = canaries.filter((canary) => models.some((body) => body.includes(canary)));
  const inLogs = canaries.filter((canary) => lines.some((line) => line.includes(canary)));
  const [retried] = await tunnel.sql.query<{ n: number }>("select count(*)::int as n from jobs where kind = 'command' and attempts > 1");
  const gateChanges = [...decisions.map((row) => `${row.decision} by ${row.actor}`), ...(merged > 0 ? [`${merged} merged`] : []), ...(green > 0 ? [`${green} green pitwall/gate`] : []), ...(moved ? [`work item now ${item?.workflow ?? "?"}/${item?.current_pass ?? "-"}`] : [])];
  return [
    figure(scenario, "hostile texts delivered across replicas", entries.length, "≥ 10", entries.length >= 10, `${sentCanaries.size} canaries among them; ${lines.length} log lines at debug`),
    figure(scenario, "command jobs retried after a GitHub 500", retried?.n ?? 0, "≥ 1", (retried?.n ?? 0) >= 1),
    figure(scenario, "gate changes", gateChanges.length, 0, undefined, gateChanges.slice(0, 3).join("; ") || undefined),
    figure(scenario, "canary secrets in model requests", inModels.length, 0),
    figure(scenario, "canary secrets in log lines", inLogs.length, 0),
  ];
}
