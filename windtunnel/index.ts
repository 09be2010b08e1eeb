// The wind tunnel's entry: everything tests, the demo, the benches and outside acceptance drivers
// may import. Keep it small and stable; the rest of windtunnel/ is its inside, which only
// test/windtunnel (it tests the fake itself) reaches into. The other file others import,
// read-command-line.ts, is kept apart so that a script's `--help` does not load the tunnel.

// The real app wired to the fakes.
export { startWindTunnel } from "./start-wind-tunnel.ts";
export type { WindTunnel, WindTunnelOptions } from "./start-wind-tunnel.ts";

// N replicas as OS processes on one PostgreSQL database, behind a load balancer (the fault suite).
export { startReplicas } from "./replicas/start-replicas.ts";
export type { Replica, Replicas, ReplicasOptions, SettleOptions } from "./replicas/start-replicas.ts";
export type { Balancer, BalancedDelivery, HeldDelivery } from "./replicas/start-balancer.ts";
export type { JobRunFigures } from "./replicas/job-run-observer.ts";
export { replicaRepo, seedReplicaRepo } from "./replicas/seed-replica-repo.ts";
export type { SeededRepo } from "./replicas/seed-replica-repo.ts";

// The fake GitHub (with its CI) and the fake model vendors, on their own.
export * from "./github/index.ts";
export * from "./models/index.ts";
export { scriptedAgentReply, scriptedUsage } from "./scripted-agents.ts";

// A repo with people, CI and a deploy system around the tunnel, and the moves of its people.
export { currentPull, driveToDone, labelNewIssue, mergedPassPulls, repo, say, startLifecycle, statusCard, statusMarker, workItemOf } from "./lifecycle-scenario.ts";
export type { Lifecycle, WorkItemRow } from "./lifecycle-scenario.ts";
export { pitwallRuleset } from "./pitwall-ruleset.ts";

// A hostile webhook sender (tests and the flood bench).
export { openHostilePost } from "./open-hostile-post.ts";
export type { HostileAnswer, HostilePost, HostilePostOptions } from "./open-hostile-post.ts";

// The one port registry: a port drawn here is never drawn again for the app in the same process.
export { freePort } from "./free-port.ts";

