import type { OrchestratorDeps } from "../deps.ts";
import type { GitHubPort, Repo } from "../github-port.ts";
import type { GitHubEventPayload } from "../jobs.ts";
import type { CurrentGate } from "../gate/current-gate.ts";

/** One kind of event GitHub reports about a pass PR. */
export type PassPrEvent<K extends GitHubEventPayload["event"]["kind"] = GitHubEventPayload["event"]["kind"]> = Extract<GitHubEventPayload["event"], { kind: K }>;

/** What an event about the pass PR at the current gate is handled with. */
export interface EventContext {
  deps: OrchestratorDeps;
  github: GitHubPort;
  repo: Repo;
  gate: CurrentGate;
}
