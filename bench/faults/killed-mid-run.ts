import { seedReplicaRepo, startReplicas } from "../../windtunnel/index.ts";
import { figure, type Figure } from "./figure.ts";
import { approveDiagnosis, openBug, settleWithin } from "./people.ts";
import { duplicateEffects, workItemSummary } from "./work-item-summary.ts";
import { waitForBusyReplica } from "./pick-victim.ts";

// Scenario b: 3 replicas run `items` bug work items; once jobs run, the replica holding the most
// of them is SIGKILLed and stays down. No job may be lost (each finishes on the other two within
// the settle limit), none may run twice at once, no two jobs of one work item may run at once,
// and GitHub sees no write twice.

export async function killedMidRun(server: string, items: number, settleMs: number, random: () => number): Promise<Figure[]> {
  const scenario = "b";
  const tunnel = await startReplicas({ count: 3, postgresServerUrl: server });
  const seeded = seedReplicaRepo(tunnel.github, tunnel.installationId);
  try {
    const issues = Array.from({ length: items }, (_, index) => openBug(tunnel, `Launch crashes on config ${index}`));
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.floor(random() * 1500)));
    const victim = await waitForBusyReplica(tunnel, 30_000);
    if (!victim) throw new Error("no replica ran a job within 30 s");
    await tunnel.kill(victim.index, "SIGKILL");
    const first = await settleWithin(tunnel, settleMs);
    // The people go on: carol approves each diagnosis, and the patches run on the two left.
    for (const issue of issues) approveDiagnosis(tunnel, issue);
    // (Not twice the whole wait for what is already known to be stuck.)
    const second = await settleWithin(tunnel, first === undefined ? settleMs : 5_000);
    // Work queued for later (a sweep's next round) is not lost; a job failed for good is.
    const jobs = await tunnel.sql.query<{ id: number; kind: string; status: string }>("select id, kind, status from jobs where status <> 'done' and not (status = 'queued' and run_at > $1) order by id", [new Date(Date.now() + 60_000)]);
    const runs = await tunnel.jobRunFigures();
    const waits = runs.takenBackAfterDeath.map((taken) => taken.waitedMs);
    const duplicates = duplicateEffects(tunnel.github);
    const summaries = await Promise.all(issues.map((issue) => workItemSummary(tunnel.sql, tunnel.github, issue)));
    const past = summaries.filter((summary) => summary.passes.some((pass) => pass.startsWith("patch#"))).length;
    return [
      figure(scenario, `jobs the killed replica held (of ${victim.running} running)`, runs.takenBackAfterDeath.length, "≥ 1", runs.takenBackAfterDeath.length >= 1),
      figure(scenario, "jobs lost (not done when settled)", jobs.length, 0, undefined, (first ?? second)?.replaceAll("\n", ";").slice(0, 300) ?? (jobs.slice(0, 4).map((job) => `job ${job.id} ${job.kind} ${job.status}`).join(", ") || undefined)),
      figure(scenario, "dead replica's jobs taken back, longest wait (s)", waits.length === 0 ? "-" : waits.some((ms) => ms === undefined) ? "never" : (Math.max(...waits.map(Number)) / 1000).toFixed(1), `≤ ${settleMs / 1000}`, waits.every((ms) => ms !== undefined && ms <= settleMs)),
      figure(scenario, "jobs run twice at once", runs.runTwiceAtOnce.length, 0, undefined, runs.runTwiceAtOnce.length > 0 ? `jobs ${runs.runTwiceAtOnce.slice(0, 5).join(", ")}` : undefined),
      figure(scenario, "jobs of one work item run at once", runs.lockKeyOverlaps.length, 0, undefined, runs.lockKeyOverlaps.slice(0, 2).map((overlap) => `${overlap.lockKey}: ${overlap.jobs.join(" & ")}`).join("; ") || undefined),
      figure(scenario, "duplicate effects on GitHub", duplicates.length, 0, undefined, duplicates.slice(0, 3).join("; ") || undefined),
      figure(scenario, "work items past their first gate", past, items),
    ];
  } finally {
    seeded.stop();
    await tunnel.close();
  }
}
