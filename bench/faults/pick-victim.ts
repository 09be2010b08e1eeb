import type { Replicas } from "../../windtunnel/index.ts";

/** The live replica holding the most running jobs now (its worker ids carry its pid), if any holds one. */
export async function busiestReplica(tunnel: Replicas): Promise<{ index: number; running: number } | undefined> {
  const running = await tunnel.sql.query<{ locked_by: string }>("select locked_by from jobs where status = 'running' and locked_by is not null");
  const counts = tunnel.replicas
    .filter((replica) => replica.pid !== undefined)
    .map((replica) => ({ index: replica.index, running: running.filter((job) => new RegExp(`(^|[^0-9])${replica.pid}([^0-9]|$)`).test(job.locked_by)).length }));
  const most = counts.sort((a, b) => b.running - a.running)[0];
  return most && most.running > 0 ? most : undefined;
}

/** Waits for a replica to hold running jobs (up to `limitMs`) and names the busiest. */
export async function waitForBusyReplica(tunnel: Replicas, limitMs: number): Promise<{ index: number; running: number } | undefined> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const busiest = await busiestReplica(tunnel);
    if (busiest || Date.now() > deadline) return busiest;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
