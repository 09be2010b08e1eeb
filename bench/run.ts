// `npm run bench`: figures for the walking skeleton through the wind tunnel. Prints numbers;
// asserts nothing (speed goals live here, not in unit tests that flake on a busy machine).
import { performance } from "node:perf_hooks";
import { readCommandLine } from "../windtunnel/read-command-line.ts";
import { startWindTunnel } from "../windtunnel/index.ts";
import { benchQueueClaim } from "./queue-claim.ts";
import { benchWebhookFlood } from "./webhook-flood.ts";

const usage = `Usage: npm run bench

Prints figures for the walking skeleton through the wind tunnel (about half a minute): the first
pass of many work items (time to open every spec PR, webhook answer times, GitHub requests per
work item, heap growth), then a webhook flood (unsigned 30 MB bodies while GitHub delivers signed
webhooks), then the job queue's claim time with 100,000 finished jobs in the table (PGlite, and
PostgreSQL when PITWALL_TEST_DATABASE_URL is set) and the prune of those past retention. Asserts nothing.

  BENCH_ISSUES=<n>          work items labelled at once (default: 20)
  BENCH_FLOOD_SENDERS=<n>   senders of unsigned bodies in the flood (default: 20)
  BENCH_FINISHED_JOBS=<n>   finished jobs in the queue's table (default: 100000)
  -h, --help                print this and exit
`;
readCommandLine("npm run bench", usage, { args: process.argv.slice(2), options: {}, allowPositionals: false });

const issues = Number(process.env.BENCH_ISSUES ?? 20);
const repo = "acme/rocket";
const tunnel = await startWindTunnel({ concurrency: 4 });
const github = tunnel.github;
github.createUser({ login: "alice" });
github.createRepo({ owner: "acme", name: "rocket", files: { "README.md": "# Rocket\n" } });
github.installApp({ installationId: tunnel.installationId, account: "acme", repos: [repo] });
github.setPermission(repo, "alice", "write");

const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
for (let index = 0; index < issues; index += 1) {
  const issue = github.createIssue(repo, { title: `Feature ${index}`, body: "Please build it.", author: "alice" });
  github.addLabel(repo, issue.number, "pitwall:feature", { by: "alice" });
}
await tunnel.settle();
const elapsed = performance.now() - started;

const answers = github.state.deliveries.filter((delivery) => delivery.event === "issues" && delivery.action === "labeled").map((delivery) => delivery.durationMs).sort((a, b) => a - b);
const quantile = (q: number) => answers[Math.min(answers.length - 1, Math.floor(q * answers.length))] ?? Number.NaN;
const pulls = [...github.state.pulls.values()].length;

console.log(`walking skeleton, ${issues} labelled issues, worker concurrency 4`);
console.log(`  spec PRs opened             ${pulls}`);
console.log(`  label → all PRs open        ${(elapsed / 1000).toFixed(2)} s (${((elapsed / issues) | 0)} ms per work item)`);
console.log(`  webhook answer time (ms)    p50 ${quantile(0.5).toFixed(1)} · p95 ${quantile(0.95).toFixed(1)} · max ${(answers.at(-1) ?? Number.NaN).toFixed(1)}`);
console.log(`  GitHub requests by the app  ${github.requests.length} (${(github.requests.length / issues).toFixed(1)} per work item)`);
console.log(`  heap growth                 ${((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024).toFixed(1)} MiB`);

await benchWebhookFlood(tunnel, repo, Number(process.env.BENCH_FLOOD_SENDERS ?? 20));
await tunnel.close();
await benchQueueClaim();
