import { ownLabels } from "../orchestrator/own-labels.ts";
import { enqueueJob } from "../store/jobs.ts";
import { findWorkItemByIssue } from "../store/work-items.ts";
import { labeledJob } from "./inbox.ts";
import { sweepLabelPrefix } from "./start-caught-up-work-item.ts";
import { repositoryOf, type SweepContext } from "./sweep-context.ts";

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
      // The first starting label still on the issue is the one its webhook would have started.
      const event = events.find((candidate) => candidate.event === "labeled" && labels.includes(candidate.label));
      if (!event?.actor) continue;
      const job = labeledJob(`${sweepLabelPrefix}${event.id}`, {
        action: "labeled",
        label: { name: event.label },
        issue: { number: issue.number, title: issue.title, user: issue.author === null ? null : { login: issue.author } },
        repository: repositoryOf({ owner: repo.owner, name: repo.repo }),
        sender: event.actor,
        installation: { id: ctx.installationId },
      });
      if (!job) continue;
      await enqueueJob(ctx.sql, { ...job, runAt: ctx.now });
      ctx.log.info({ installationId: ctx.installationId, repo: `${repo.owner}/${repo.repo}`, issueNumber: issue.number, label: event.label }, "sweep: a starting label without a work item; starting it");
    }
  }
}
