// `npm run demo`: the walking skeleton, offline. The real app runs against the wind tunnel's
// fake GitHub and fake Anthropic server; this script plays the people (label, a refused and an
// accepted /approve) and prints what happened as a timeline.
import { formatUsd, sumUsd } from "../cost/money.ts";
import { listAudit } from "../store/audit-log.ts";
import { listLedger } from "../store/ledger.ts";
import type { EventRecord } from "./github/index.ts";
import { startWindTunnel } from "./start-wind-tunnel.ts";

const repo = "acme/rocket";
const tunnel = await startWindTunnel();
const github = tunnel.github;
const started = Date.now();
const lines: string[] = [];
const stamp = () => `+${((Date.now() - started) / 1000).toFixed(2).padStart(6)} s`;
const say = (who: string, text: string) => lines.push(`${stamp()}  ${who.padEnd(12)} ${text}`);

github.on("event", (event: EventRecord) => {
  const line = describe(event);
  if (line) say(actorOf(event), line);
});

github.createUser({ login: "alice" });
github.createUser({ login: "bob" });
github.createRepo({ owner: "acme", name: "rocket", files: { "README.md": "# Rocket\n" } });
github.installApp({ installationId: tunnel.installationId, account: "acme", repos: [repo] });
github.setPermission(repo, "alice", "write");
github.setPermission(repo, "bob", "read");

const issue = github.createIssue(repo, { title: "Add dark mode", body: "Users want a dark theme that follows the OS setting.", author: "alice" });
github.addLabel(repo, issue.number, "pitwall:feature", { by: "alice" });
await tunnel.settle();
const specPull = [...github.state.pulls.values()].find((pull) => pull.headRef === `pitwall/${issue.number}/spec`);
if (!specPull) throw new Error("the spec pull request was not opened");
github.comment(repo, specPull.number, "/approve", { by: "bob" });
await tunnel.settle();
github.comment(repo, specPull.number, "/approve\nSpec reads well.", { by: "alice" });
await tunnel.settle();

const items = await tunnel.pitwall.sql.query<{ id: number; state: string; current_pass: string }>("select id, state, current_pass from work_items");
const item = items[0];
if (!item) throw new Error("no work item was created");
const ledger = await listLedger(tunnel.pitwall.sql, { workItemId: item.id });
const audit = await listAudit(tunnel.pitwall.sql, item.id);

console.log(`\nPitwall walking skeleton · ${repo}#${issue.number} "${issue.title}"\n`);
console.log("Timeline (events the fake GitHub saw and delivered to the app)");
console.log(lines.join("\n"));
console.log("\nAudit trail (Pitwall's decisions)");
for (const entry of audit) console.log(`  ${entry.actor.padEnd(10)} ${entry.action}${entry.detail ? ` — ${entry.detail}` : ""}`);
console.log("\nCost (one ledger row per model call)");
for (const row of ledger) {
  console.log(`  ${row.agent.padEnd(10)} ${`${row.provider}/${row.model}`.padEnd(30)} ${row.tier.padEnd(8)} in ${row.inputTokens} · out ${row.outputTokens} tokens  ${formatUsd(row.usd)}`);
}
console.log(`  total ${formatUsd(sumUsd(ledger.map((row) => row.usd)))}`);
console.log(`\nWork item: ${item.state}, current pass ${item.current_pass}. Requests the app sent GitHub: ${github.requests.length}, rejected by GitHub's OpenAPI description: ${github.violations.length}.`);
await tunnel.close();
if (github.violations.length > 0 || item.current_pass !== "design") process.exit(1);

function actorOf(event: EventRecord): string {
  const sender = event.payload.sender as { login?: string } | undefined;
  return sender?.login ?? "github";
}

function describe(event: EventRecord): string | undefined {
  const payload = event.payload as {
    label?: { name: string };
    issue?: { number: number; title: string };
    comment?: { body: string };
    pull_request?: { number: number; title: string; head: { ref: string }; base: { ref: string }; merged?: boolean };
    check_run?: { name: string; status: string; conclusion: string | null };
    ref?: string;
  };
  const key = `${event.event}.${event.action ?? ""}`;
  switch (key) {
    case "issues.opened":
      return `opened issue #${payload.issue?.number} "${payload.issue?.title}"`;
    case "issues.labeled":
      return `labelled #${payload.issue?.number} ${payload.label?.name}`;
    case "issue_comment.created":
    case "issue_comment.edited":
      return describeComment(event.action ?? "", payload.issue?.number ?? 0, payload.comment?.body ?? "");
    case "pull_request.opened":
      return `opened PR #${payload.pull_request?.number} "${payload.pull_request?.title}" (${payload.pull_request?.head.ref} → ${payload.pull_request?.base.ref})`;
    case "pull_request.closed":
      return payload.pull_request?.merged ? `merged PR #${payload.pull_request.number}` : `closed PR #${payload.pull_request?.number}`;
    case "check_run.created":
    case "check_run.completed":
      return `check ${payload.check_run?.name}: ${payload.check_run?.status}${payload.check_run?.conclusion ? ` (${payload.check_run.conclusion})` : ""}`;
    case "push.":
      return `pushed ${payload.ref?.replace("refs/heads/", "")}`;
    default:
      return undefined;
  }
}

function describeComment(action: string, number: number, body: string): string {
  if (body.startsWith("<!-- pitwall:status-card -->")) {
    const state = /\*\*State:\*\* (.+)/.exec(body)?.[1] ?? "";
    const current = /\| \*\*(\w[\w-]*)\*\* \|/.exec(body)?.[1];
    return `${action === "created" ? "posted" : "updated"} status card on #${number}: ${state}${current ? ` (pass ${current})` : ""}`;
  }
  if (body.startsWith("<!-- pitwall:cost:")) {
    const total = /\*\*This pass:\*\* ([^·]+)/.exec(body)?.[1]?.trim() ?? "";
    return `${action === "created" ? "posted" : "updated"} cost summary on #${number}: ${total}`;
  }
  const first = body.split("\n").find((line) => line.trim() !== "") ?? "";
  return `commented on #${number}: ${first.length > 90 ? `${first.slice(0, 87)}…` : first}`;
}
