import type { OrchestratorDeps } from "./deps.ts";
import type { OrdinaryGatePayload } from "./jobs.ts";
import type { Repo } from "./github-port.ts";

/** Pass branches live under `pitwall/`; a person's branch there gets no passing gate. */
const passBranchPrefix = "pitwall/";

/**
 * A pull request Pitwall has nothing to do with gets `pitwall/gate` as success, so a ruleset that
 * requires the check holds pass PRs without blocking everyone else's (README "Installing on
 * GitHub"). Pass PRs are known from Pitwall's records, never from the PR: its number, its head
 * commit and its branch. A head under `pitwall/` gets nothing either, as such a branch may be a
 * pass whose PR Pitwall has opened but not recorded yet.
 */
export async function reportOrdinaryGate(deps: OrchestratorDeps, job: OrdinaryGatePayload): Promise<void> {
  const repoRef = { owner: job.owner, name: job.repo };
  const pass =
    job.headRef.startsWith(passBranchPrefix) ||
    (await deps.store.findPassRunByPullRequest(repoRef, job.prNumber)) !== undefined ||
    (await deps.store.findPassRunByBranch(repoRef, job.headRef)) !== undefined ||
    // a check run belongs to the commit: success here would also pass a pass PR at that commit
    (await deps.store.findPassRunByHeadSha(repoRef, job.headSha)) !== undefined;
  if (pass) {
    deps.log.info({ owner: job.owner, repo: job.repo, prNumber: job.prNumber, headRef: job.headRef }, "a pass PR, or a head under pitwall/: no ordinary pitwall/gate");
    return;
  }
  const github = await deps.githubFor(job.installationId);
  const repo: Repo = { owner: job.owner, repo: job.repo };
  const externalId = `ordinary:${job.prNumber}:${job.headSha.slice(0, 12)}`;
  // Idempotent per head: a retried job finds the run it made.
  if (await github.hasCheckRun(repo, job.headSha, "pitwall/gate", externalId)) return;
  await github.upsertCheckRun(repo, {
    name: "pitwall/gate",
    headSha: job.headSha,
    externalId,
    status: "completed",
    conclusion: "success",
    title: "Not a Pitwall pass",
    summary: `#${job.prNumber} is not a pull request of a Pitwall pass, so Pitwall has no gate to hold here; the repository's own rules (reviews, CI) decide when it merges.`,
  });
}
