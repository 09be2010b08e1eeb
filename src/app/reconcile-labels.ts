import { ownLabels } from "../orchestrator/own-labels.ts";
import type { ReconcilePayload } from "../scheduler/job-payloads.ts";
import { findWorkItemByIssue } from "../store/work-items.ts";
import { labelingEvent } from "./labeling-event.ts";
import type { SweepContext } from "./sweep-context.ts";
import { takeUpLabel } from "./take-up-label.ts";

/** How far the label pass got: updated as it goes, so a round that runs out of calls continues from here. */
export type LabelPassPosition = NonNullable<ReconcilePayload["labelsFrom"]>;

/** Whether a label starts a work item (`pitwall`, `pitwall:<workflow>`; not the labels Pitwall sets itself). */
const starts = (label: string): boolean => (label === "pitwall" || label.startsWith("pitwall:")) && !ownLabels.has(label);

/**
 * Open issues that carry a starting label but have no work item (the label's webhook was lost):
 * the issue's event log says who added it, and the webhook's own path (`labeledJob`) starts it,
 * with the same rules (a person's label, not a pull request). Once the work item exists, the late
 * webhook finds it and changes nothing. Starts at `position` and moves it past each issue done.
 */
export async function reconcileLabels(ctx: SweepContext, position: LabelPassPosition = { repo: 0, doneIssues: [] }): Promise<void> {
  const repos = await ctx.budget.read(() => ctx.github.installationRepos());
  for (; position.repo < repos.length; position.repo += 1, position.doneIssues = []) {
    const repo = repos[position.repo];
    if (!repo) break;
    const issues = await ctx.budget.read(() => ctx.github.openIssues(repo));
    for (const issue of issues) {
      const labels = issue.labels.filter(starts);
      if (labels.length === 0 || position.doneIssues.includes(issue.number) || (await findWorkItemByIssue(ctx.sql, { owner: repo.owner, name: repo.repo }, issue.number))) continue;
      const events = await ctx.budget.read(() => ctx.github.labelEvents(repo, issue.number));
      const event = labelingEvent(events, labels);
      if (event?.actor) await takeUpLabel(ctx, { owner: repo.owner, name: repo.repo }, issue, { ...event, actor: event.actor });
      // Only issues that cost a call are remembered: the others are free to look at again.
      position.doneIssues.push(issue.number);
    }
  }
}
