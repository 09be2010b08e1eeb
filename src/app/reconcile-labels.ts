import { ownLabels } from "../orchestrator/own-labels.ts";
import { findWorkItemByIssue } from "../store/work-items.ts";
import { labelingEvent } from "./labeling-event.ts";
import type { SweepContext } from "./sweep-context.ts";
import { takeUpLabel } from "./take-up-label.ts";

/** Whether a label starts a work item (`pitwall`, `pitwall:<workflow>`; not the labels Pitwall sets itself). */
const starts = (label: string): boolean => (label === "pitwall" || label.startsWith("pitwall:")) && !ownLabels.has(label);

/**
 * Open issues that carry a starting label but have no work item (the label's webhook was lost):
 * the issue's event log says who added it, and the webhook's own path (`labeledJob`) starts it,
 * with the same rules (a person's label, not a pull request). Once the work item exists, the late
 * webhook finds it and changes nothing.
 */
export async function reconcileLabels(ctx: SweepContext): Promise<void> {
  const repos = await ctx.budget.read(() => ctx.github.installationRepos());
  for (const repo of repos) {
    const issues = await ctx.budget.read(() => ctx.github.openIssues(repo));
    for (const issue of issues) {
      const labels = issue.labels.filter(starts);
      if (labels.length === 0 || (await findWorkItemByIssue(ctx.sql, { owner: repo.owner, name: repo.repo }, issue.number))) continue;
      const events = await ctx.budget.read(() => ctx.github.labelEvents(repo, issue.number));
      const event = labelingEvent(events, labels);
      if (!event?.actor) continue;
      await takeUpLabel(ctx, { owner: repo.owner, name: repo.repo }, issue, { ...event, actor: event.actor });
    }
  }
}
