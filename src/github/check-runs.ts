import type { GitHub, Repo } from "./octokit.ts";

export interface CheckRunState {
  name: string;
  headSha: string;
  /** Stable identity, so a retry updates the same check run instead of adding one. */
  externalId: string;
  status: "queued" | "in_progress" | "completed";
  conclusion?: "success" | "failure" | "neutral" | "cancelled" | "action_required";
  title: string;
  summary: string;
}

/** Creates the check run, or updates it when `knownId` is given. Returns its id. */
export async function upsertCheckRun(gh: GitHub, repo: Repo, state: CheckRunState, knownId?: number | null): Promise<number> {
  const output = { title: state.title, summary: state.summary };
  const conclusion = state.status === "completed" ? { conclusion: state.conclusion ?? "neutral" } : {};
  if (knownId) {
    await gh.rest.checks.update({ ...repo, check_run_id: knownId, status: state.status, ...conclusion, output, external_id: state.externalId });
    return knownId;
  }
  const { data } = await gh.rest.checks.create({
    ...repo,
    name: state.name,
    head_sha: state.headSha,
    external_id: state.externalId,
    status: state.status,
    ...conclusion,
    output,
  });
  return data.id;
}
