import { jobCatalogue } from "../../src/scheduler/job-catalogue.ts";
import { seedReplicaRepo, startReplicas, type Replicas } from "../../windtunnel/index.ts";
import { figure, type Figure } from "./figure.ts";
import { approveDiagnosis, openBug, settleWithin } from "./people.ts";
import { workItemSummary, type WorkItemSummary } from "./work-item-summary.ts";

// Scenario e: the balancer drops 10% of GitHub's deliveries (GitHub never retries one). `items`
// bugs are labelled; after a sweep, carol approves each diagnosis she can see; after another
// sweep, every work item must be where an undisturbed one is. The sweep is Pitwall's
// reconciliation (a job kind named sweep or reconcile, run at start-up): the suite restarts
// every replica to run it. Without one in this build the figure is printed and fails.

export const sweepKind = Object.keys(jobCatalogue).find((kind) => /sweep|reconcil/i.test(kind));

export async function droppedDeliveries(server: string, items: number, settleMs: number, random: () => number): Promise<Figure[]> {
  const scenario = "e";
  // A sweep round may make as many GitHub calls as it needs here (PITWALL_SWEEP_CALLS; unread without a sweep).
  const tunnel = await startReplicas({ count: 2, postgresServerUrl: server, env: { PITWALL_SWEEP_CALLS: "5000" } });
  const seeded = seedReplicaRepo(tunnel.github, tunnel.installationId);
  try {
    const baseline = await undisturbed(tunnel, settleMs);
    tunnel.balancer.dropWhen(() => random() < 0.1);
    const issues = Array.from({ length: items }, (_, index) => openBug(tunnel, `Launch crashes on config ${index}`));
    await settleWithin(tunnel, settleMs);
    await sweep(tunnel, settleMs);
    for (const issue of issues) approveDiagnosis(tunnel, issue);
    await settleWithin(tunnel, settleMs);
    await sweep(tunnel, settleMs);
    const dropped = tunnel.balancer.dropped.length;
    const sent = dropped + tunnel.balancer.answered.length;
    tunnel.balancer.dropWhen(undefined);
    const summaries = await Promise.all(issues.map((issue) => workItemSummary(tunnel.sql, tunnel.github, issue)));
    const wrong = summaries.map((summary, index) => ({ summary, issue: issues[index] })).filter(({ summary }) => JSON.stringify(summary) !== JSON.stringify(baseline));
    return [
      figure(scenario, "deliveries dropped", `${dropped} of ${sent}`, "about 10%", dropped > 0, "GitHub never retries them"),
      figure(scenario, "sweep in this build", sweepKind ?? "none", "a sweep job", sweepKind !== undefined, sweepKind ? "run at each replica's start-up (all restarted)" : "no job kind named sweep or reconcile: nothing catches up"),
      figure(scenario, "work items correct after the sweep", `${items - wrong.length} of ${items}`, `${items} of ${items}`, wrong.length === 0, wrong.slice(0, 2).map(({ summary, issue }) => `#${issue ?? 0} ${summary.state}/${summary.currentPass ?? "-"}`).join(", ") || undefined),
    ];
  } finally {
    seeded.stop();
    await tunnel.close();
  }
}

/** The same story with every delivery through: where a work item must end. */
async function undisturbed(tunnel: Replicas, settleMs: number): Promise<WorkItemSummary> {
  const issue = openBug(tunnel, "Launch crashes on empty config");
  await settleWithin(tunnel, settleMs);
  approveDiagnosis(tunnel, issue);
  const left = await settleWithin(tunnel, settleMs);
  if (left) throw new Error(`the undisturbed run did not settle: ${left}`);
  return workItemSummary(tunnel.sql, tunnel.github, issue);
}

/** Restarts every replica (SIGTERM, then start) so each runs its start-up sweep; nothing to do without a sweep. */
async function sweep(tunnel: Replicas, settleMs: number): Promise<void> {
  if (!sweepKind) return;
  for (const replica of tunnel.replicas) {
    await tunnel.kill(replica.index, "SIGTERM");
    await tunnel.restart(replica.index);
  }
  await settleWithin(tunnel, settleMs);
}
