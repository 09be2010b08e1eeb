import { replicaRepo, seedReplicaRepo, startReplicas, type HeldDelivery, type Replicas } from "../../windtunnel/index.ts";
import { figure, type Figure } from "./figure.ts";
import { openBug, openPassPull, settleWithin } from "./people.ts";
import { duplicateEffects, workItemSummary, type WorkItemSummary } from "./work-item-summary.ts";

// Scenario d: carol approves a bug's diagnosis; Pitwall merges it and opens the patch pass, and
// the repo's CI reports on it. The balancer holds every webhook raised after carol's `/approve`
// was answered (the merge, the new PR, the check runs) and then delivers them in an order: as
// raised first, then other orderings (all of them when `orderings` allows, else a seeded sample).
// Every ordering must end where the raised order does.

export async function everyOrdering(server: string, orderings: number, settleMs: number, random: () => number): Promise<Figure[]> {
  const scenario = "d";
  const tunnel = await startReplicas({ count: 2, postgresServerUrl: server });
  const seeded = seedReplicaRepo(tunnel.github, tunnel.installationId);
  try {
    const first = await heldAtGate(tunnel, settleMs);
    const events = first.held.map((delivery) => delivery.event + actionOf(delivery));
    const raised = first.held.map((_, index) => index);
    const orders = chooseOrders(first.held.length, orderings, random);
    const baseline = await deliverInOrder(tunnel, first, raised, settleMs);
    const results: { order: number[]; summary: WorkItemSummary; left: string | undefined }[] = [];
    for (const order of orders) {
      const setUp = await heldAtGate(tunnel, settleMs);
      if (setUp.held.length !== first.held.length) throw new Error(`the same story raised ${setUp.held.length} webhooks, not ${first.held.length}`);
      results.push({ order, ...(await deliverInOrder(tunnel, setUp, order, settleMs)) });
    }
    const off = results.filter((result) => JSON.stringify(result.summary) !== JSON.stringify(baseline.summary) || result.left);
    const duplicates = duplicateEffects(tunnel.github);
    const total = factorial(first.held.length);
    const kinds = new Map<string, number>();
    for (const event of events) kinds.set(event, (kinds.get(event) ?? 0) + 1);
    return [
      figure(scenario, `orderings tried (of ${first.held.length}! of ${first.held.length} webhooks)`, results.length + 1, Math.min(total, orderings + 1), undefined, [...kinds].map(([event, n]) => `${n} ${event}`).join(", ")),
      figure(scenario, "raised order ends at", `${baseline.summary.state}/${baseline.summary.currentPass ?? "-"}`, "past diagnose", baseline.summary.passes.some((pass) => pass.startsWith("patch#")), baseline.left),
      figure(scenario, "orderings ending elsewhere", off.length, 0, undefined, off.slice(0, 2).map((result) => `[${result.order.map((index) => events[index]).join(" ")}] ${result.summary.state}/${result.summary.currentPass ?? "-"}: ${result.summary.passes.join(", ")}`).join(" | ") || undefined),
      figure(scenario, "duplicate effects on GitHub", duplicates.length, 0, undefined, duplicates.slice(0, 3).join("; ") || undefined),
    ];
  } finally {
    seeded.stop();
    await tunnel.close();
  }
}

interface HeldStory {
  issue: number;
  held: HeldDelivery[];
}

/** A new bug at its diagnosis gate; carol approves; every webhook after her `/approve` is held. */
async function heldAtGate(tunnel: Replicas, settleMs: number): Promise<HeldStory> {
  const issue = openBug(tunnel, "Launch crashes on empty config");
  const left = await settleWithin(tunnel, settleMs);
  const pull = openPassPull(tunnel, issue, "diagnose");
  if (pull === undefined) throw new Error(`#${issue} has no diagnosis PR to act on${left ? `: ${left}` : ""}`);
  tunnel.github.comment(replicaRepo, pull, "/approve", { by: "carol" });
  await tunnel.github.idle();
  tunnel.balancer.hold();
  await settleWithin(tunnel, settleMs);
  // The repo's CI reports a moment after a push.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await settleWithin(tunnel, settleMs);
  return { issue, held: tunnel.balancer.takeHeld() };
}

async function deliverInOrder(tunnel: Replicas, story: HeldStory, order: number[], settleMs: number): Promise<{ summary: WorkItemSummary; left: string | undefined }> {
  await tunnel.balancer.deliver(order.map((index) => story.held[index]).filter((delivery) => delivery !== undefined));
  const left = await settleWithin(tunnel, settleMs);
  return { summary: await workItemSummary(tunnel.sql, tunnel.github, story.issue), left };
}

/** `count` distinct orderings other than the raised one: all of them when there are no more. */
function chooseOrders(length: number, count: number, random: () => number): number[][] {
  const raised = Array.from({ length }, (_, index) => index).join(",");
  const all = length <= 6 ? permutations(Array.from({ length }, (_, index) => index)).filter((order) => order.join(",") !== raised) : undefined;
  if (all && all.length <= count) return all;
  const chosen = new Map<string, number[]>();
  for (let tries = 0; chosen.size < count && tries < count * 50; tries += 1) {
    const order = Array.from({ length }, (_, index) => index);
    for (let index = length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [order[index], order[other]] = [order[other] ?? 0, order[index] ?? 0];
    }
    if (order.join(",") !== raised) chosen.set(order.join(","), order);
  }
  return [...chosen.values()];
}

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

function actionOf(delivery: HeldDelivery): string {
  try {
    const action = (JSON.parse(delivery.body.toString("utf8")) as { action?: unknown }).action;
    return typeof action === "string" ? `.${action}` : "";
  } catch {
    return "";
  }
}
