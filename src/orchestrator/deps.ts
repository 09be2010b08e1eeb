import type { BundledDefinitions } from "../definitions/resolve-definitions.ts";
import type { ModelProvider, ProviderName } from "../providers/types.ts";
import type { JobRequest } from "../scheduler/new-job.ts";
import type { Clock } from "../domain/clock.ts";
import type { GitHubPort, OwnApp } from "./github-port.ts";
import type { Store } from "./store-port.ts";

export interface OrchestratorLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Everything the orchestrator acts through, handed in (no singletons, no globals). */
export interface OrchestratorDeps {
  store: Store;
  githubFor(installationId: number): Promise<GitHubPort>;
  /** This app's identity on GitHub (asked once): only its own comments are trusted to carry markers. */
  ownApp(): Promise<OwnApp>;
  providers: ReadonlyMap<ProviderName, ModelProvider>;
  bundled: BundledDefinitions;
  clock: Clock;
  log: OrchestratorLog;
  /** Puts a job (made by `newJob`) on the durable queue, due now unless `runAt` says later, and wakes the worker. */
  enqueue(job: JobRequest): Promise<void>;
  /** Tells the worker that jobs were queued (inside a transaction, without `enqueue`). */
  wake(): void;
  /** The running job's: aborted when Pitwall stops and cannot wait for it (model calls give up, the job is handed back). */
  signal?: AbortSignal | undefined;
}
