// A replica's claim loop in a process of its own, for race tests of the job queue across
// processes (test/store/claim-race.test.ts): it opens the store on the PostgreSQL database named
// by argv[2], waits for the shared start time argv[3] (ms since the epoch) so every process
// claims at once, then claims, holds each job `holdMs` (argv[4]) and completes it until no job is
// left. It prints one JSON line per job it held: its id, lock key and when it held it.
import { setTimeout as sleep } from "node:timers/promises";
import { claimJob, completeJob, countUnfinishedJobs, openStore } from "../../src/store/index.ts";

const [databaseUrl = "", startAtText = "0", holdMsText = "5"] = process.argv.slice(2);
const workerId = `race-${process.pid}`;
const sql = await openStore({ databaseUrl });
await sleep(Math.max(0, Number(startAtText) - Date.now()));
try {
  for (;;) {
    const job = await claimJob(sql, workerId, new Date(), 60_000);
    if (!job) {
      if ((await countUnfinishedJobs(sql)) === 0) break;
      await sleep(1);
      continue;
    }
    const from = Date.now();
    await sleep(Number(holdMsText));
    const to = Date.now();
    await completeJob(sql, job, workerId, new Date());
    process.stdout.write(`${JSON.stringify({ id: job.id, lockKey: job.lockKey, from, to })}\n`);
  }
} finally {
  await sql.close();
}
