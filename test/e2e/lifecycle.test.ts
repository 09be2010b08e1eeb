import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelNewIssue, repo, say, startLifecycle, statusCard, workItemOf, type Lifecycle, scriptedAgentReply, type RecordedRequest, type WindTunnel } from "../../windtunnel/index.ts";
import { commentsOn, pullsIn } from "../support/world-queries.ts";

// A work item follows its issue and the app's installation (issue 12, point 1): what people and
// owners do on github.com — remove the label, close, reopen, transfer, uninstall, suspend —
// reaches a work item at once, even while its pass is running.

const isVerifier = (request: RecordedRequest) => JSON.stringify((request.body as { tools?: unknown }).tools ?? []).includes("submit_verdict");

/** Resolves once `check` holds (the app works in the background; nothing here is timed). */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 1_000; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("the condition never held");
}

/**
 * While the next pass agent's model call is in flight, `act` happens on GitHub; the model answers
 * only once the work item shows the stop, so the pass learns of it before its next step.
 */
function duringNextPassCall(tunnel: WindTunnel, act: () => void, stopped: () => Promise<boolean>): void {
  let armed = true;
  tunnel.anthropic.setResponder((request) => {
    const reply = scriptedAgentReply(request);
    if (!armed || isVerifier(request)) return reply;
    armed = false;
    act();
    return { ...reply, until: eventually(stopped) };
  });
}

async function itemRow(tunnel: WindTunnel, issueNumber: number) {
  const [row] = await tunnel.pitwall.sql.query<{ id: number; state: string; hold: string | null; current_pass: string | null; iteration: number }>(
    "select id, state, hold, current_pass, iteration from work_items where issue_number = $1",
    [issueNumber],
  );
  if (!row) throw new Error(`no work item for #${issueNumber}`);
  return row;
}

async function auditActions(tunnel: WindTunnel, workItemId: number): Promise<string[]> {
  const rows = await tunnel.pitwall.sql.query<{ action: string }>("select action from audit_log where work_item_id = $1 order by id", [workItemId]);
  return rows.map((row) => row.action);
}

const passRequests = (tunnel: WindTunnel) => tunnel.anthropic.requests.filter((request) => !isVerifier(request)).length;
const branchOf = (tunnel: WindTunnel, name: string) => tunnel.github.state.repos.get(repo)?.refs.get(`refs/heads/${name}`);

describe("a work item follows its issue", () => {
  let life: Lifecycle;

  beforeAll(async () => {
    life = await startLifecycle();
  });
  afterAll(async () => {
    await life?.close();
  });

  it("removing the workflow label while the pass runs stops it before any write; re-adding the label resumes it", async () => {
    const { tunnel } = life;
    const number = tunnel.github.createIssue(repo, { title: "Label off mid-pass", body: "Stop when the label goes.", author: "alice" }).number;
    const before = passRequests(tunnel);
    duringNextPassCall(
      tunnel,
      () => tunnel.github.removeLabel(repo, number, "pitwall:feature", { by: "carol" }),
      async () => (await itemRow(tunnel, number)).state === "paused",
    );
    tunnel.github.addLabel(repo, number, "pitwall:feature", { by: "alice" });
    await tunnel.settle();

    const held = await itemRow(tunnel, number);
    expect(held).toMatchObject({ state: "paused", hold: "label_removed", current_pass: "spec" });
    // The one call in flight was answered; nothing after it: no commit, no PR, no verifier.
    expect(passRequests(tunnel) - before).toBe(1);
    expect(branchOf(tunnel, `pitwall/${number}/spec`)).toBeUndefined();
    expect(pullsIn(tunnel.github, repo).filter((pull) => pull.headRef.startsWith(`pitwall/${number}/`))).toHaveLength(0);
    expect(statusCard(tunnel, number)).toContain("@carol removed the `pitwall:feature` label; re-add the `pitwall:feature` label to resume");
    expect(await auditActions(tunnel, held.id)).toContain("held");
    const [run] = await tunnel.pitwall.sql.query<{ state: string }>("select state from pass_runs where work_item_id = $1", [held.id]);
    expect(run?.state).toBe("queued");

    // `/resume` does not lift a hold the label put on.
    await say(tunnel, number, "/resume", "alice");
    expect(commentsOn(tunnel.github, repo, number).at(-1)?.body).toContain("re-add the `pitwall:feature` label to resume; `/resume` cannot lift this hold");
    expect((await itemRow(tunnel, number)).state).toBe("paused");

    tunnel.github.addLabel(repo, number, "pitwall:feature", { by: "carol" });
    await tunnel.settle();
    const resumed = await itemRow(tunnel, number);
    expect(resumed).toMatchObject({ state: "awaiting_gate", hold: null, current_pass: "spec" });
    expect(pullsIn(tunnel.github, repo).filter((pull) => pull.headRef === `pitwall/${number}/spec` && pull.issue.state === "open")).toHaveLength(1);
    expect(await auditActions(tunnel, resumed.id)).toContain("resumed");
    expect(await tunnel.pitwall.sql.query("select id from work_items where issue_number = $1", [number])).toHaveLength(1);
  });

  it("closing the issue cancels the work item and closes its pass PR saying why; reopening offers /resume, which runs the pass again", async () => {
    const { tunnel } = life;
    const number = await labelNewIssue(tunnel, "pitwall:feature", { title: "Close me", body: "Closed before the spec is approved." });
    const pull = pullsIn(tunnel.github, repo).find((candidate) => candidate.headRef === `pitwall/${number}/spec`);
    expect(pull?.issue.state).toBe("open");

    tunnel.github.closeIssue(repo, number, { by: "carol" });
    await tunnel.settle();
    const cancelled = await itemRow(tunnel, number);
    expect(cancelled).toMatchObject({ state: "cancelled", hold: "issue_closed" });
    const closedPull = pullsIn(tunnel.github, repo).find((candidate) => candidate.number === pull?.number);
    expect(closedPull?.issue.state).toBe("closed");
    expect(closedPull?.merged).toBe(false);
    expect(commentsOn(tunnel.github, repo, pull!.number).some((comment) => comment.body.includes("Closed by Pitwall: @carol closed the issue"))).toBe(true);
    expect(statusCard(tunnel, number)).toContain("cancelled");
    expect(statusCard(tunnel, number)).toContain("@carol closed the issue");

    tunnel.github.reopenIssue(repo, number, { by: "carol" });
    await tunnel.settle();
    expect(commentsOn(tunnel.github, repo, number).at(-1)?.body).toContain("reply `/resume` (write access) to run pass `spec` again on a new pull request");

    await say(tunnel, number, "/resume", "alice");
    const revived = await itemRow(tunnel, number);
    expect(revived).toMatchObject({ state: "awaiting_gate", hold: null, current_pass: "spec", iteration: 2 });
    const reopened = pullsIn(tunnel.github, repo).filter((candidate) => candidate.headRef === `pitwall/${number}/spec` && candidate.issue.state === "open");
    expect(reopened).toHaveLength(1);
    expect(reopened[0]?.number).not.toBe(pull?.number);
    expect(await auditActions(tunnel, revived.id)).toEqual(expect.arrayContaining(["cancelled", "issue reopened", "resumed"]));
  });

  it("transferring the issue ends the work item here and closes its pass PR naming where it went", async () => {
    const { tunnel } = life;
    tunnel.github.createRepo({ owner: "acme", name: "elsewhere", files: { "README.md": "# Elsewhere\n" } });
    const number = await labelNewIssue(tunnel, "pitwall:feature", { title: "Move me", body: "Belongs in another repo." });
    const pull = pullsIn(tunnel.github, repo).find((candidate) => candidate.headRef === `pitwall/${number}/spec`);
    const moved = tunnel.github.transferIssue(repo, number, "acme/elsewhere", { by: "alice" });
    await tunnel.settle();

    const ended = await itemRow(tunnel, number);
    expect(ended.state).toBe("cancelled");
    const closedPull = pullsIn(tunnel.github, repo).find((candidate) => candidate.number === pull?.number);
    expect(closedPull?.issue.state).toBe("closed");
    expect(commentsOn(tunnel.github, repo, pull!.number).at(-1)?.body).toContain(`@alice transferred the issue to acme/elsewhere#${moved.number}`);
    expect(await auditActions(tunnel, ended.id)).toContain("cancelled");
  });

  it("two workflow labels make one work item, and a comment names the conflict and the label that won", async () => {
    const { tunnel } = life;
    const number = tunnel.github.createIssue(repo, { title: "Two labels", body: "Both at once.", author: "alice", labels: ["pitwall:feature", "pitwall:bug"] }).number;
    await tunnel.settle();
    const items = await tunnel.pitwall.sql.query<{ workflow: string }>("select workflow from work_items where issue_number = $1", [number]);
    expect(items).toEqual([{ workflow: "feature" }]);
    const conflict = commentsOn(tunnel.github, repo, number).filter((comment) => comment.body.includes("two workflow labels"));
    expect(conflict).toHaveLength(1);
    expect(conflict[0]?.body).toContain("`pitwall:feature` and `pitwall:bug`");
    expect(conflict[0]?.body).toContain("`pitwall:feature` came first, so it stands");
  });

  it("labels Pitwall adds itself and labels added by bots start nothing and draw no reply", async () => {
    const { tunnel } = life;
    tunnel.github.createUser({ login: "labeler[bot]", type: "Bot" });
    tunnel.github.setPermission(repo, "labeler[bot]", "write");
    const number = tunnel.github.createIssue(repo, { title: "Own labels", body: "Nothing should start.", author: "alice" }).number;
    tunnel.github.addLabel(repo, number, "pitwall:paused-budget", { by: "alice" });
    tunnel.github.addLabel(repo, number, "pitwall:needs-human", { by: "alice" });
    tunnel.github.addLabel(repo, number, "pitwall:feature", { by: "labeler[bot]" });
    await tunnel.settle();
    expect(await tunnel.pitwall.sql.query("select id from work_items where issue_number = $1", [number])).toHaveLength(0);
    expect(commentsOn(tunnel.github, repo, number)).toHaveLength(0);
  });
});

describe("a work item follows the app's installation", () => {
  let life: Lifecycle;

  beforeAll(async () => {
    life = await startLifecycle();
  });
  afterAll(async () => {
    await life?.close();
  });

  it("a suspended installation stops the running pass at once, without retries, and unsuspending resumes it", async () => {
    const { tunnel } = life;
    const number = tunnel.github.createIssue(repo, { title: "Suspend mid-pass", body: "The owner suspends the app.", author: "alice" }).number;
    duringNextPassCall(
      tunnel,
      () => tunnel.github.suspendInstallation(tunnel.installationId, { by: "alice" }),
      async () => (await itemRow(tunnel, number)).state === "paused",
    );
    tunnel.github.addLabel(repo, number, "pitwall:feature", { by: "alice" });
    await tunnel.settle();

    const held = await itemRow(tunnel, number);
    expect(held).toMatchObject({ state: "paused", hold: "installation_suspended" });
    expect(branchOf(tunnel, `pitwall/${number}/spec`)).toBeUndefined();
    const retried = await tunnel.pitwall.sql.query("select id from jobs where attempts > 1 or (status = 'queued' and attempts > 0)");
    expect(retried).toHaveLength(0);
    expect(await auditActions(tunnel, held.id)).toContain("held");

    tunnel.github.unsuspendInstallation(tunnel.installationId, { by: "alice" });
    await tunnel.settle();
    const resumed = await itemRow(tunnel, number);
    expect(resumed).toMatchObject({ state: "awaiting_gate", hold: null });
    expect(pullsIn(tunnel.github, repo).filter((pull) => pull.headRef === `pitwall/${number}/spec` && pull.issue.state === "open")).toHaveLength(1);
    const card = statusCard(tunnel, number);
    expect(card).toContain("awaiting gate");
  });

  it("a repository removed from the installation holds its work items; added back, they resume", async () => {
    const { tunnel } = life;
    const number = await labelNewIssue(tunnel, "pitwall:feature", { title: "Repo removed", body: "The owner narrows the installation." });
    expect((await itemRow(tunnel, number)).state).toBe("awaiting_gate");
    tunnel.github.changeInstallationRepos(tunnel.installationId, { remove: [repo] }, { by: "alice" });
    await tunnel.settle();
    expect(await itemRow(tunnel, number)).toMatchObject({ state: "paused", hold: "repo_removed" });
    // A person's /approve cannot reach Pitwall now (no webhooks for a repository it left); back again:
    tunnel.github.changeInstallationRepos(tunnel.installationId, { add: [repo] }, { by: "alice" });
    await tunnel.settle();
    expect(await itemRow(tunnel, number)).toMatchObject({ state: "awaiting_gate", hold: null });
    const pull = pullsIn(tunnel.github, repo).find((candidate) => candidate.headRef === `pitwall/${number}/spec`);
    await say(tunnel, pull!.number, "/approve", "alice");
    expect((await workItemOf(tunnel, number)).current_pass).toBe("design");
  });

  it("an uninstall stops a running pass at once: no retries with dead credentials, the work item ends", async () => {
    const { tunnel } = life;
    const number = tunnel.github.createIssue(repo, { title: "Uninstall mid-pass", body: "The owner uninstalls the app.", author: "alice" }).number;
    duringNextPassCall(
      tunnel,
      () => tunnel.github.uninstallApp(tunnel.installationId, { by: "alice" }),
      async () => (await itemRow(tunnel, number)).state === "cancelled",
    );
    tunnel.github.addLabel(repo, number, "pitwall:feature", { by: "alice" });
    await tunnel.settle();

    const ended = await itemRow(tunnel, number);
    expect(ended.state).toBe("cancelled");
    expect(branchOf(tunnel, `pitwall/${number}/spec`)).toBeUndefined();
    const retried = await tunnel.pitwall.sql.query<{ kind: string; attempts: number }>("select kind, attempts from jobs where attempts > 1 or (status = 'queued' and attempts > 0)");
    expect(retried).toEqual([]);
    expect(await auditActions(tunnel, ended.id)).toContain("cancelled");
    // Every other work item of the installation ended too.
    const live = await tunnel.pitwall.sql.query("select id from work_items where state not in ('done', 'cancelled')");
    expect(live).toEqual([]);
  });
});
