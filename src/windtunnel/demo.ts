// `npm run demo [-- --workflow <name>] [--rerun]`: one default workflow from label to done,
// offline. The real app runs against the wind tunnel's fake GitHub (with a CI and a deploy
// system) and fake Anthropic server; this script plays the people and prints what happened as a
// timeline. With `--rerun`, a person then edits the design (or the first pass's artifact),
// answers `/rerun`, and the demo prints which passes were reused and what that saved. With
// DATABASE_URL set, the app stores its state on that PostgreSQL server instead of in-memory PGlite.
import { parseArgs } from "node:util";
import { readPitwallEnv } from "../app/read-pitwall-env.ts";
import { formatUsd, sumUsd } from "../cost/money.ts";
import { listAudit } from "../store/audit-log.ts";
import { listLedger } from "../store/ledger.ts";
import type { EventRecord } from "./github/index.ts";
import { currentPull, driveToDone, mergedPassPulls, repo, say as comment, startLifecycle, workItemOf, type Lifecycle } from "./lifecycle-scenario.ts";

interface Scenario {
  label: string;
  title: string;
  body: string;
  /** What the people do beyond approving every gate. */
  play(life: Lifecycle, issueNumber: number): Promise<void>;
}

const scenarios: Record<string, Scenario> = {
  feature: {
    label: "pitwall:feature",
    title: "Add dark mode",
    body: "Users want a dark theme that follows the OS setting.",
    async play(life, issueNumber) {
      let rejected = false;
      await driveToDone(life.tunnel, issueNumber, "carol", async (pull) => {
        if (pull.passId !== "spec" || rejected) return false;
        rejected = true;
        await comment(life.tunnel, pull.number, "/reject Say what happens when the OS setting changes while the app runs.", "carol");
        return true;
      });
    },
  },
  bug: {
    label: "pitwall:bug",
    title: "Launch crashes on empty config",
    body: "Starting with an empty config file crashes with a TypeError.",
    async play(life, issueNumber) {
      life.failCiOnceOn.add("/patch");
      await driveToDone(life.tunnel, issueNumber, "carol");
    },
  },
  security: {
    label: "pitwall:security",
    title: "Token leaks into logs",
    body: "The session token is written to the access log.",
    async play(life, issueNumber) {
      await life.tunnel.settle();
      await comment(life.tunnel, (await currentPull(life.tunnel, issueNumber)).number, "/approve", "alice");
      await driveToDone(life.tunnel, issueNumber, "carol", async (pull) => {
        const gate = [...life.tunnel.github.state.checkRuns.values()].find((run) => run.name === "pitwall/gate" && run.headSha === pull.headSha);
        if (pull.passId !== "patch" || gate?.conclusion !== "success") return false;
        life.tunnel.github.mergePullRequest(repo, pull.number, { by: "carol", sha: pull.headSha });
        await life.tunnel.settle();
        return true;
      });
    },
  },
  refactor: {
    label: "pitwall:refactor",
    title: "Split the launch module",
    body: "launch.ts mixes parsing and IO; split them.",
    async play(life, issueNumber) {
      await driveToDone(life.tunnel, issueNumber, "carol");
    },
  },
  docs: {
    label: "pitwall",
    title: "Document the config file",
    body: "The README does not say which keys the config file takes.",
    async play(life, issueNumber) {
      await life.tunnel.settle();
      await comment(life.tunnel, issueNumber, "/workflow docs", "carol");
      await driveToDone(life.tunnel, issueNumber, "carol");
    },
  },
};

const { values } = parseArgs({ options: { workflow: { type: "string", default: "feature" }, rerun: { type: "boolean", default: false } } });
const scenario = scenarios[values.workflow];
if (!scenario) {
  console.error(`Unknown workflow "${values.workflow}". Choose one of: ${Object.keys(scenarios).join(", ")}.`);
  process.exit(2);
}

// With DATABASE_URL the app runs on that PostgreSQL server, in a throw-away database the demo
// creates and drops, so a Pitwall app using the same server never sees the demo's work.
const life = await startLifecycle({ protect: { requiredStatusChecks: ["pitwall/gate"] }, postgresServerUrl: readPitwallEnv().databaseUrl });
const github = life.tunnel.github;
const started = Date.now();
const lines: string[] = [];
const stamp = () => `+${((Date.now() - started) / 1000).toFixed(2).padStart(6)} s`;
github.on("event", (event: EventRecord) => {
  const line = describe(event);
  if (line) lines.push(`${stamp()}  ${actorOf(event).padEnd(16)} ${line}`);
});

const issue = github.createIssue(repo, { title: scenario.title, body: scenario.body, author: "alice" });
github.addLabel(repo, issue.number, scenario.label, { by: "alice" });
let failure: string | undefined;
await scenario.play(life, issue.number).catch((error: unknown) => {
  failure = error instanceof Error ? error.message : JSON.stringify(error);
});

const rerun = values.rerun && failure === undefined ? await editAndRerun(life, issue.number).catch((error: unknown) => {
  failure = error instanceof Error ? error.message : JSON.stringify(error);
  return undefined;
}) : undefined;

const item = await workItemOf(life.tunnel, issue.number);
const ledger = await listLedger(life.tunnel.pitwall.sql, { workItemId: item.id });
const audit = await listAudit(life.tunnel.pitwall.sql, item.id);

console.log(`\nPitwall · the ${item.workflow} workflow · ${repo}#${issue.number} "${issue.title}" · database: ${life.tunnel.database}\n`);
console.log("Timeline (events the fake GitHub saw and delivered to the app)");
console.log(lines.join("\n"));
console.log("\nAudit trail (Pitwall's decisions)");
for (const entry of audit) console.log(`  ${entry.actor.padEnd(10)} ${entry.action}${entry.detail ? ` — ${entry.detail}` : ""}`);
console.log("\nCost (one ledger row per model call)");
for (const row of ledger) {
  console.log(`  ${row.agent.padEnd(20)} ${`${row.provider}/${row.model}`.padEnd(30)} ${row.tier.padEnd(8)} ${row.cacheHit ? `artifact cache hit, saved ${formatUsd(row.savingUsd)}` : `in ${row.inputTokens} · out ${row.outputTokens} tokens  ${formatUsd(row.usd)}`}`);
}
console.log(`  total ${formatUsd(sumUsd(ledger.map((row) => row.usd)))}`);
if (rerun) {
  console.log(`\nRe-run after carol edited ${rerun.edited}`);
  for (const run of rerun.passes) console.log(`  ${run.pass_id.padEnd(14)} ${run.state === "reused" ? `reused — ${run.reuse_note ?? ""}` : "ran again"}`);
  console.log(`  saved by the artifact cache: ${formatUsd(rerun.savedUsd)}; the re-run's model calls cost ${formatUsd(rerun.spentUsd)}`);
}
console.log(`\nWork item: ${item.state}. Passes merged: ${mergedPassPulls(life.tunnel).join(" → ")}.`);
console.log(`Deployments: ${life.deployments.map((deployment) => `${deployment.environment} @ ${deployment.sha.slice(0, 7)}`).join(", ") || "none"}. CI runs: ${life.ci.runs}.`);
console.log(`Requests the app sent GitHub: ${github.requests.length}, rejected by GitHub's OpenAPI description: ${github.violations.length}.`);
if (failure) console.error(`\nThe scenario did not finish: ${failure}`);
await life.close();
if (failure || github.violations.length > 0 || item.state !== "done") process.exit(1);

/** Carol edits an artifact on the default branch, alice answers `/rerun`, and the work item runs to done again. */
async function editAndRerun(life: Lifecycle, issueNumber: number): Promise<{ edited: string; passes: { pass_id: string; state: string; reuse_note: string | null }[]; savedUsd: string; spentUsd: string }> {
  const files = Object.keys(life.tunnel.github.readFiles(repo, "main") ?? {});
  // The artifact folder the work item pinned (artifacts.folder in the repo's config).
  const [pinnedFolder] = await life.tunnel.pitwall.sql.query<{ folder: string | null }>("select definitions->'config'->'artifacts'->>'folder' as folder from work_items where issue_number = $1", [issueNumber]);
  const folder = `${pinnedFolder?.folder ?? "docs/work"}/${issueNumber}-`;
  const artifacts = files.filter((path) => path.startsWith(folder));
  const edited = artifacts.find((path) => path.endsWith("/design.md")) ?? artifacts[0];
  if (!edited) throw new Error("the work item left no artifact to edit");
  const before = await life.tunnel.pitwall.sql.query<{ id: number }>("select coalesce(max(id), 0) as id from ledger");
  life.tunnel.github.pushFiles(repo, { branch: "main", by: "carol", files: { [edited]: `${life.tunnel.github.readFile(repo, "main", edited) ?? ""}\nEdited by carol: one more decision.\n` } });
  await comment(life.tunnel, issueNumber, "/rerun", "alice");
  await driveToDone(life.tunnel, issueNumber, "carol");
  const item = await workItemOf(life.tunnel, issueNumber);
  const passes = await life.tunnel.pitwall.sql.query<{ pass_id: string; state: string; reuse_note: string | null }>(
    "select distinct on (pass_id) pass_id, state, reuse_note from pass_runs where work_item_id = $1 and position('@' in pass_id) = 0 order by pass_id, iteration desc",
    [item.id],
  );
  const [pinned] = await life.tunnel.pitwall.sql.query<{ definitions: { workflow: { passes: { id: string }[] } } }>("select definitions from work_items where id = $1", [item.id]);
  const order = new Map((pinned?.definitions.workflow.passes ?? []).map((pass, index) => [pass.id, index]));
  const [totals] = await life.tunnel.pitwall.sql.query<{ saved: string; spent: string }>("select coalesce(sum(saving_usd), 0)::text as saved, coalesce(sum(usd), 0)::text as spent from ledger where work_item_id = $1 and id > $2", [item.id, before[0]?.id ?? 0]);
  return { edited, passes: passes.sort((a, b) => (order.get(a.pass_id) ?? 0) - (order.get(b.pass_id) ?? 0)), savedUsd: totals?.saved ?? "0", spentUsd: totals?.spent ?? "0" };
}

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
    case "deployment.created":
      return `created deployment to ${(event.payload["deployment"] as { environment: string }).environment}`;
    case "deployment_status.created":
      return `deployment status: ${(event.payload["deployment_status"] as { state: string }).state}`;
    case "issues.closed":
      return `closed issue #${payload.issue?.number}`;
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
