import { fitToLimit, githubLimits } from "../domain/fit-to-limit.ts";
import { GitHubValidationError } from "./github-validation-error.ts";
import type { LabelSpec } from "../orchestrator/github-port.ts";
import type { GitHub, Repo } from "./octokit.ts";

/**
 * Creates the repository labels that are missing and leaves every other one as it is (a label a
 * maintainer made first keeps its colour and description). GitHub's label names ignore case, so
 * the repository's labels are read first: asking to create one that exists would be a 422 in
 * the log. One made by someone else in between answers `already_exists` and counts as there.
 * Returns the names it created.
 */
export async function createMissingLabels(gh: GitHub, repo: Repo, labels: readonly LabelSpec[]): Promise<string[]> {
  const existing = await gh.paginate(gh.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 });
  const taken = new Set(existing.map((label) => label.name.toLowerCase()));
  const created: string[] = [];
  for (const label of labels) {
    const name = fitToLimit(label.name, githubLimits.labelName);
    if (taken.has(name.toLowerCase())) continue;
    try {
      await gh.rest.issues.createLabel({ ...repo, name, color: label.color, description: fitToLimit(label.description, githubLimits.labelDescription) });
      created.push(name);
    } catch (error) {
      if (!(error instanceof GitHubValidationError && error.codes.includes("already_exists"))) throw error;
    }
    taken.add(name.toLowerCase());
  }
  return created;
}
