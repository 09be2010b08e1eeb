import type { WorkerOptions } from "./worker.ts";

/** The jobs a worker runs: each one's promise, claim (id and attempts) and the controller that aborts it. */
export type RunningJobs = Map<Promise<void>, { id: number; attempts: number; controller: AbortController }>;

/** After aborting, how long jobs get to notice (a model call gives up at once; a database call ends). */
const abortWaitMs = 3_000;

/**
 * Waits for the running jobs; with `graceMs`, jobs still running after it are aborted (their
 * model calls give up and they hand themselves back), and any that ignore the abort are handed
 * back here, so a hung call never holds a stop longer than the grace and a little more.
 */
export async function stopRunningJobs(running: RunningJobs, options: WorkerOptions, graceMs: number | undefined): Promise<void> {
  const settled = () => Promise.allSettled([...running.keys()]).then(() => true);
  if (graceMs === undefined) return void (await settled());
  if (await within(settled(), graceMs)) return;
  const left = [...running.values()];
  options.log.info({ jobs: left.map((job) => job.id), graceMs }, `${left.length} running job(s) did not finish within the grace: aborting them and handing them back`);
  for (const job of left) job.controller.abort(new Error("Pitwall is stopping"));
  if (await within(settled(), abortWaitMs)) return;
  const stuck = [...running.values()].map(({ id, attempts }) => ({ id, attempts }));
  await options.queue.handBack?.(options.workerId, stuck).catch((error: unknown) => options.log.error({ err: error, jobs: stuck.map((job) => job.id) }, "could not hand back running jobs; they run again when their lease ends"));
}

/** Whether `work` settled within `ms`. */
async function within(work: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
