import { forecastWorkItem, sizeSignal } from "../domain/forecast.ts";
import type { OrchestratorDeps } from "./deps.ts";
import type { GitHubPort } from "./github-port.ts";
import { repoOf } from "./repo-of.ts";

/** Forecasts a work item as it starts (history of its workflow in the repo, scaled by the issue's size) and stores it for the card and the budgets. */
export async function recordForecast(deps: OrchestratorDeps, github: GitHubPort, workItemId: number): Promise<void> {
  const item = await deps.store.getWorkItem(workItemId);
  const workflow = item.definitions?.workflow;
  if (!workflow) return;
  const issue = await github.getIssue(repoOf(item), item.issueNumber);
  const size = sizeSignal(`${issue.title}\n${issue.body}`);
  const forecast = forecastWorkItem({ workflow: workflow.name, history: await deps.store.finishedSpend(item.repo, workflow.name), size, workflowForecastUsd: workflow.forecast_usd });
  await deps.store.updateWorkItem(item.id, { sizeSignal: size, forecastUsd: forecast.usd ?? null, forecastBasis: forecast.basis }, deps.clock.now());
}
