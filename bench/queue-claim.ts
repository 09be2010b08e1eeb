// The job queue's claim with a big history (issue 16): 100,000 finished jobs in the table and a
// few queued, claim time p50/p95 on PGlite, and on PostgreSQL when PITWALL_TEST_DATABASE_URL
// names a server (a throw-away database is made there and dropped). Prints; asserts nothing.
import { performance } from "node:perf_hooks";
import { createScratchDatabase } from "../src/store/create-scratch-database.ts";
import { claimJob, completeJob, enqueueJob, openStore, pruneJobs, type Sql } from "../src/store/index.ts";

const finished = Number(process.env.BENCH_FINISHED_JOBS ?? 100_000);
const claims = 300;

/** Finished jobs of many work items over the last 60 days: most done, some failed. */
async function fillHistory(sql: Sql, now: Date): Promise<void> {
  await sql.query(
    `insert into jobs (kind, payload, dedupe_key, lock_key, status, priority, run_at, attempts, created_at, finished_at)
     select 'run_pass', jsonb_build_object('n', n), 'history:' || n, 'item:' || (n % 5000),
       case when n % 20 = 0 then 'failed' else 'done' end, 50,
       $1::timestamptz - (n % 86400) * interval '1 minute', 1,
       $1::timestamptz - (n % 86400) * interval '1 minute', $1::timestamptz - (n % 86400) * interval '1 minute' + interval '2 minutes'
     from generate_series(1, $2::int) as n`,
    [now, finished],
  );
  await sql.exec("analyze jobs");
}

async function claimTimes(sql: Sql, now: Date): Promise<number[]> {
  // A few jobs waiting and running beside each claimed one, as on a busy day.
  for (let n = 0; n < 10; n += 1) await enqueueJob(sql, { kind: "run_pass", payload: { n }, lockKey: `busy:${n}`, priority: 50, runAt: now });
  for (let n = 0; n < 3; n += 1) await claimJob(sql, "bench-busy", now, 600_000);
  const times: number[] = [];
  for (let n = 0; n < claims; n += 1) {
    await enqueueJob(sql, { kind: "answer", payload: { n }, lockKey: `answer:${n}`, priority: 100, runAt: now });
    const started = performance.now();
    const job = await claimJob(sql, "bench", now, 600_000);
    times.push(performance.now() - started);
    if (job) await completeJob(sql, job, "bench", now);
  }
  return times.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

async function benchOn(name: string, sql: Sql): Promise<void> {
  const now = new Date();
  const filling = performance.now();
  await fillHistory(sql, now);
  const filled = performance.now() - filling;
  const times = await claimTimes(sql, now);
  const line = (sorted: number[]) => `p50 ${quantile(sorted, 0.5).toFixed(2)} · p95 ${quantile(sorted, 0.95).toFixed(2)} · max ${(sorted.at(-1) ?? Number.NaN).toFixed(2)}`;
  console.log(`  ${name.padEnd(11)} claim (ms)  ${line(times)}  (history filled in ${(filled / 1000).toFixed(1)} s)`);
  const pruning = performance.now();
  const pruned = await pruneJobs(sql, now);
  const pruneMs = performance.now() - pruning;
  const [left] = await sql.query<{ n: number }>("select count(*)::int as n from jobs");
  console.log(`  ${"".padEnd(11)} prune       ${pruned.jobs} finished jobs past retention in ${(pruneMs / 1000).toFixed(1)} s, ${left?.n ?? 0} left; claim then ${line(await claimTimes(sql, now))}`);
}

/** Prints claim times with `finished` finished jobs in the table, on each database at hand. */
export async function benchQueueClaim(): Promise<void> {
  console.log(`job queue, ${finished} finished jobs in the table, ${claims} claims`);
  const pglite = await openStore({});
  try {
    await benchOn("PGlite", pglite);
  } finally {
    await pglite.close();
  }
  const serverUrl = process.env.PITWALL_TEST_DATABASE_URL;
  if (!serverUrl) return console.log("  PostgreSQL  (set PITWALL_TEST_DATABASE_URL to measure it too)");
  const database = await createScratchDatabase(serverUrl, "pitwall_test");
  const postgres = await openStore({ databaseUrl: database.url });
  try {
    await benchOn("PostgreSQL", postgres);
  } finally {
    await postgres.close();
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchQueueClaim();
