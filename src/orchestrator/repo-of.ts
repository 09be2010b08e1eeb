import type { RepoRef } from "../domain/types.ts";
import type { Repo } from "./github-port.ts";

/** The repository of a work item as the GitHub port names it (`repo`, where the store says `name`). */
export function repoOf(item: { repo: RepoRef }): Repo {
  return { owner: item.repo.owner, repo: item.repo.name };
}
