// `npm run bench`, the webhook flood: unsigned 30 MB bodies POSTed at the app's webhook endpoint
// all at once, announced (Content-Length, as GitHub sends) or chunked, while GitHub delivers a
// real signed webhook. Prints that delivery's answer time and how far the process's memory grew.
import { performance } from "node:perf_hooks";
import { openHostilePost, type WindTunnel } from "../windtunnel/index.ts";

const MiB = 1024 * 1024;
const bodyBytes = 30 * MiB;

interface Peaks {
  rss: number;
  heapUsed: number;
  arrayBuffers: number;
}

/** Samples the process's memory until stopped; returns the peaks' growth over the start. */
function sampleMemory(): () => Peaks {
  const start = process.memoryUsage();
  const peak = { rss: start.rss, heapUsed: start.heapUsed, arrayBuffers: start.arrayBuffers };
  const sample = () => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
  };
  const timer = setInterval(sample, 10);
  return () => {
    clearInterval(timer);
    sample();
    return { rss: peak.rss - start.rss, heapUsed: peak.heapUsed - start.heapUsed, arrayBuffers: peak.arrayBuffers - start.arrayBuffers };
  };
}

/** Labels a fresh issue and returns how long the app took to answer GitHub's `issues.labeled` delivery. */
async function signedDelivery(tunnel: WindTunnel, repo: string): Promise<{ ms: number; status: number | null }> {
  const github = tunnel.github;
  const issue = github.createIssue(repo, { title: "Crash on start", body: "It crashes.", author: "alice" });
  github.addLabel(repo, issue.number, "bug", { by: "alice" });
  await github.idle();
  const delivery = github.state.deliveries.findLast((candidate) => candidate.event === "issues" && candidate.action === "labeled" && (candidate.payload["issue"] as { number: number }).number === issue.number);
  return { ms: delivery?.durationMs ?? Number.NaN, status: delivery?.status ?? null };
}

async function flood(tunnel: WindTunnel, repo: string, senders: number, announce: boolean) {
  const url = `${tunnel.appUrl}/api/github/webhooks`;
  const stop = sampleMemory();
  const started = performance.now();
  const hostile = Array.from({ length: senders }, () => openHostilePost(url, announce ? { contentLength: bodyBytes } : {}));
  let flooding = true;
  const refused = Promise.all(
    hostile.map(async (sender) => {
      await sender.write(bodyBytes);
      sender.end();
      return sender.answer(60_000);
    }),
  ).finally(() => (flooding = false));
  // GitHub delivers one signed webhook after another for as long as the flood lasts.
  const deliveries: { ms: number; status: number | null }[] = [];
  do deliveries.push(await signedDelivery(tunnel, repo));
  while (flooding);
  const answers = await refused;
  const allAnswered = performance.now() - started;
  const peaks = stop();
  const statuses = new Map<string, number>();
  for (const answer of answers) statuses.set(String(answer?.status ?? "none"), (statuses.get(String(answer?.status ?? "none")) ?? 0) + 1);
  const sent = hostile.reduce((sum, sender, index) => sum + (answers[index]?.writtenWhenAnswered ?? sender.written), 0);
  const times = deliveries.map((delivery) => delivery.ms).sort((a, b) => a - b);
  const accepted = deliveries.filter((delivery) => delivery.status === 200).length;
  const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;
  console.log(`  ${senders} × 30 MB ${announce ? "announced (Content-Length)" : "chunked"}`);
  console.log(`    signed deliveries meanwhile  ${deliveries.length} (${accepted} answered 200) · p50 ${times[Math.floor(times.length / 2)]} ms · max ${times.at(-1)} ms`);
  console.log(`    hostile answers              ${[...statuses].map(([status, count]) => `${count} × ${status}`).join(", ")} · all in ${(allAnswered / 1000).toFixed(2)} s`);
  console.log(`    bytes sent before the answer ${mib(sent)} of ${mib(senders * bodyBytes)}`);
  console.log(`    peak growth                  rss ${mib(peaks.rss)} · heap ${mib(peaks.heapUsed)} · buffers ${mib(peaks.arrayBuffers)}`);
}

export async function benchWebhookFlood(tunnel: WindTunnel, repo: string, senders: number): Promise<void> {
  const quiet: number[] = [];
  for (let round = 0; round < 5; round += 1) quiet.push((await signedDelivery(tunnel, repo)).ms);
  console.log(`webhook flood: unsigned bodies while GitHub delivers a signed webhook`);
  console.log(`  quiet                          signed delivery answered in ${quiet.sort((a, b) => a - b)[2]} ms (median of 5)`);
  await flood(tunnel, repo, senders, true);
  await flood(tunnel, repo, senders, false);
}
