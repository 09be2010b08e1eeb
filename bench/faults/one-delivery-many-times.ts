import { createHmac, randomUUID } from "node:crypto";
import { replicaRepo, seedReplicaRepo, startReplicas } from "../../windtunnel/index.ts";
import { figure, type Figure } from "./figure.ts";
import { duplicateEffects, workItemSummary } from "./work-item-summary.ts";
import { settleWithin } from "./people.ts";

// Scenario a: one `issues.labeled` delivery sent `copies` times at once, through the balancer,
// across 3 replicas: one inbox row, one job, one work item, and no effect on GitHub twice.

export async function oneDeliveryManyTimes(server: string, copies: number): Promise<Figure[]> {
  const scenario = "a";
  const tunnel = await startReplicas({ count: 3, postgresServerUrl: server });
  const seeded = seedReplicaRepo(tunnel.github, tunnel.installationId);
  try {
    // GitHub raises the event while no webhook URL is set, so the only copies are ours.
    tunnel.github.setWebhookUrl(undefined);
    const issue = tunnel.github.createIssue(replicaRepo, { title: "Launch crashes on empty config", body: "It crashes.", author: "alice" });
    tunnel.github.addLabel(replicaRepo, issue.number, "pitwall:bug", { by: "alice" });
    tunnel.github.setWebhookUrl(tunnel.balancer.webhookUrl);
    const labeled = tunnel.github.state.events.findLast((event) => event.event === "issues" && event.action === "labeled");
    if (!labeled) throw new Error("GitHub raised no issues.labeled event");
    const body = JSON.stringify(labeled.payload);
    const guid = randomUUID();
    const headers = {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": guid,
      "x-hub-signature-256": `sha256=${createHmac("sha256", tunnel.webhookSecret).update(body).digest("hex")}`,
    };
    const started = performance.now();
    const statuses = await Promise.all(Array.from({ length: copies }, () => fetch(tunnel.balancer.webhookUrl, { method: "POST", headers, body }).then((response) => response.status, () => 0)));
    const answeredMs = performance.now() - started;
    const left = await settleWithin(tunnel, 120_000);
    const rows = async (query: string, params: unknown[]) => Number((await tunnel.sql.query<{ n: number }>(query, params as string[]))[0]?.n ?? -1);
    const mine = tunnel.balancer.answered.filter((delivery) => delivery.deliveryId === guid);
    const perReplica = [0, 1, 2].map((index) => tunnel.balancer.answered.filter((delivery) => delivery.deliveryId === guid && delivery.replica === index).length);
    const duplicates = duplicateEffects(tunnel.github);
    const summary = await workItemSummary(tunnel.sql, tunnel.github, issue.number);
    return [
      figure(scenario, `copies of one delivery sent at once (per replica ${perReplica.join("/")})`, copies, copies, perReplica.every((n) => n > 0), `all answered in ${(answeredMs / 1000).toFixed(1)} s`),
      // A replica's own error answer is a bug; a copy no replica answered within GitHub's 10 s is the
      // load of 1,000 requests at once on shared cores, printed but not asserted (GitHub would record a timeout).
      figure(scenario, "copies a replica answered with an error", mine.filter((delivery) => delivery.replica !== undefined && delivery.status >= 300).length, 0),
      figure(scenario, "copies no replica answered within 10 s (load; not asserted)", statuses.filter((status) => status < 200 || status >= 300).length - mine.filter((delivery) => delivery.replica !== undefined && delivery.status >= 300).length, "any", true),
      figure(scenario, "inbox rows for the delivery id", await rows("select count(*)::int as n from webhook_deliveries where delivery_id = $1", [guid]), 1),
      figure(scenario, "jobs queued for the delivery", await rows("select count(*)::int as n from jobs where dedupe_key = $1", [`delivery:${guid}`]), 1),
      figure(scenario, "work items for the issue", await rows("select count(*)::int as n from work_items where issue_number = $1", [issue.number]), 1),
      figure(scenario, "duplicate effects on GitHub", duplicates.length, 0, undefined, duplicates.slice(0, 3).join("; ") || undefined),
      figure(scenario, "work item at its first gate", `${summary.state}/${summary.currentPass ?? "-"}`, "awaiting_gate/diagnose", undefined, left),
    ];
  } finally {
    seeded.stop();
    await tunnel.close();
  }
}
