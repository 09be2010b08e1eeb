import { fitToLimit, githubLimits } from "../domain/fit-to-limit.ts";
import { hasStatus, type GitHub, type Repo } from "./octokit.ts";

// A label name is cut to GitHub's 50 characters the same way when added and removed.

export async function addLabel(gh: GitHub, repo: Repo, issueNumber: number, label: string): Promise<void> {
  await gh.rest.issues.addLabels({ ...repo, issue_number: issueNumber, labels: [fitToLimit(label, githubLimits.labelName)] });
}

/** Removes a label; a label that is not there is fine (a retried job, a person removed it first). */
export async function removeLabel(gh: GitHub, repo: Repo, issueNumber: number, label: string): Promise<void> {
  try {
    await gh.rest.issues.removeLabel({ ...repo, issue_number: issueNumber, name: fitToLimit(label, githubLimits.labelName) });
  } catch (error) {
    if (!hasStatus(error, 404)) throw error;
  }
}
