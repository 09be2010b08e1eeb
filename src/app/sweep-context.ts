import type { Logger } from "pino";
import type { GitHubPort } from "../orchestrator/github-port.ts";
import type { Sql } from "../store/sql.ts";
import type { SweepBudget } from "./sweep-budget.ts";

/** What one sweep of one installation works with. */
export interface SweepContext {
  sql: Sql;
  github: GitHubPort;
  installationId: number;
  budget: SweepBudget;
  log: Logger;
  now: Date;
  /** The app's bot login (`<slug>[bot]`): issues it closed itself are not a person's cancel. */
  ownLogin: () => Promise<string>;
}

/** A repository as webhook payloads name it. */
export function repositoryOf(repo: { owner: string; name: string }): { name: string; owner: { login: string } } {
  return { name: repo.name, owner: { login: repo.owner } };
}
