import { seedReplicaRepo, startReplicas, vendorBill, vendorPrices, type Replicas } from "../../windtunnel/index.ts";
import { figure, type Figure } from "./figure.ts";
import { approveDiagnosis, openBug, settleWithin } from "./people.ts";
import { busiestReplica } from "./pick-victim.ts";
import { duplicateEffects, ledgerNano, workItemSummary, type WorkItemSummary } from "./work-item-summary.ts";

// Scenario c: a bug's first passes (diagnose, carol's /approve, patch on to its CI gate and
// beyond) on 2 replicas, undisturbed once; then `runs` times with a replica SIGKILLed at a random
// moment of one of the two phases and restarted at once. Each disturbed run must end in the
// undisturbed run's state (store and GitHub), and the ledger must equal the vendor's bill.

export async function killedAndRestarted(server: string, runs: number, settleMs: number, random: () => number): Promise<Figure[]> {
  const scenario = "c";
  const phaseMs: number[] = [];
  // Each run on fresh replicas and a fresh database: a job stranded by one run must not spoil the next.
  const baseline = await onFreshReplicas(server, (tunnel) =>
    story(tunnel, settleMs, async (phase, work) => {
      const started = performance.now();
      await work();
      phaseMs[phase] = performance.now() - started;
    }),
  );
  if (baseline.left) throw new Error(`the undisturbed run did not settle: ${baseline.left}`);
  const outcomes: Outcome[] = [];
  for (let run = 0; run < runs; run += 1) {
    const phase = random() < 0.5 ? 0 : 1;
    const delay = Math.floor(random() * (phaseMs[phase] ?? 1000));
    const pick = random();
    outcomes.push(
      await onFreshReplicas(server, async (tunnel) => {
        let kill = `phase ${phase + 1} at ${delay} ms: nothing ran`;
        const disturbed = await story(tunnel, settleMs, async (at, work) => {
          if (at !== phase) return work();
          const working = work();
          await new Promise((resolve) => setTimeout(resolve, delay));
          const busiest = await busiestReplica(tunnel);
          const victim = busiest?.index ?? Math.floor(pick * tunnel.replicas.length);
          kill = `phase ${phase + 1} at ${delay} ms: replica ${victim}${busiest ? ` holding ${busiest.running} jobs` : " (idle)"}`;
          await tunnel.kill(victim, "SIGKILL");
          await tunnel.restart(victim);
          await working;
        });
        return { ...disturbed, kill, same: JSON.stringify(disturbed.summary) === JSON.stringify(baseline.summary), diff: difference(baseline.summary, disturbed.summary) };
      }),
    );
  }
  const all = [baseline, ...outcomes];
  const ledger = all.reduce((sum, one) => sum + one.ledger, 0n);
  const bill = all.reduce((sum, one) => sum + one.bill, 0n);
  const duplicates = all.flatMap((one) => one.duplicates);
  const off = outcomes.filter((outcome) => !outcome.same);
  return [
    figure(scenario, "undisturbed run ends at", `${baseline.summary.state}/${baseline.summary.currentPass ?? "-"}`, "awaiting_gate", baseline.summary.state === "awaiting_gate", baseline.summary.passes.join(", ")),
    figure(scenario, "killed runs ending as the undisturbed one", `${runs - off.length} of ${runs}`, `${runs} of ${runs}`, off.length === 0, off.slice(0, 2).map((outcome) => `[${outcome.kill}] ${outcome.diff}${outcome.left ? ` (not settled: ${outcome.left.replaceAll("\n", ";").slice(0, 160)})` : ""}`).join(" | ") || undefined),
    figure(scenario, "killed runs that did not settle", outcomes.filter((outcome) => outcome.left).length, 0),
    figure(scenario, "duplicate effects on GitHub", duplicates.length, 0, undefined, duplicates.slice(0, 3).join("; ") || undefined),
    figure(scenario, "ledger − vendor's bill (nano-dollars)", ledger - bill, 0, undefined, `ledger ${ledger}, bill ${bill}`),
  ];
}

interface Outcome {
  summary: WorkItemSummary;
  left: string | undefined;
  ledger: bigint;
  bill: bigint;
  duplicates: string[];
  kill: string;
  same: boolean;
  diff: string;
}

/** Runs `fn` on 2 fresh replicas and a fresh database, with the ledger, the vendors' bill and the duplicate effects at the end. */
async function onFreshReplicas<T extends object>(server: string, fn: (tunnel: Replicas) => Promise<T>): Promise<T & { ledger: bigint; bill: bigint; duplicates: string[] }> {
  const tunnel = await startReplicas({ count: 2, postgresServerUrl: server });
  const seeded = seedReplicaRepo(tunnel.github, tunnel.installationId);
  try {
    const result = await fn(tunnel);
    return { ...result, ledger: await ledgerNano(tunnel.sql), bill: vendorBill(tunnel.anthropic.bill, vendorPrices.anthropic) + vendorBill(tunnel.openai.bill, vendorPrices.openai), duplicates: duplicateEffects(tunnel.github) };
  } finally {
    seeded.stop();
    await tunnel.close();
  }
}

type Phase = (phase: number, work: () => Promise<unknown>) => Promise<unknown>;

/** Label → settle (phase 1); carol approves the diagnosis → settle (phase 2). `around` runs each phase's work. */
async function story(tunnel: Replicas, settleMs: number, around: Phase): Promise<{ summary: WorkItemSummary; left: string | undefined }> {
  let issue = 0;
  let left: string | undefined;
  await around(0, async () => {
    issue = openBug(tunnel, "Launch crashes on empty config");
    left = await settleWithin(tunnel, settleMs);
  });
  await around(1, async () => {
    approveDiagnosis(tunnel, issue);
    left = (await settleWithin(tunnel, left === undefined ? settleMs : 5_000)) ?? left;
  });
  return { summary: await workItemSummary(tunnel.sql, tunnel.github, issue), left };
}

/** The first field where two summaries differ, in words. */
function difference(expected: WorkItemSummary, actual: WorkItemSummary): string {
  for (const key of Object.keys(expected) as (keyof WorkItemSummary)[]) {
    const want = JSON.stringify(expected[key]);
    const got = JSON.stringify(actual[key]);
    if (want !== got) return `${key}: ${got} instead of ${want}`;
  }
  return "";
}
