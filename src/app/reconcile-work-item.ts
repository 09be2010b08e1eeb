import type { WorkItemRecord } from "../domain/types.ts";
import { latestPassRun } from "../store/pass-runs.ts";
import { reconcileComments } from "./reconcile-comments.ts";
import { reconcileIssueState } from "./reconcile-issue-state.ts";
import { reconcilePassPr } from "./reconcile-pass-pr.ts";
import type { SweepContext } from "./sweep-context.ts";

/**
 * One open work item compared with GitHub: its issue closed or its label removed; commands on
 * its issue; at a gate, its pass PR
 * (commands, closed or merged, reviews, CI). What a lost webhook would have started is started
 * through the webhook's own path; what was taken up already is left alone.
 */
export async function reconcileWorkItem(ctx: SweepContext, item: WorkItemRecord): Promise<void> {
  if (await reconcileIssueState(ctx, item)) return;
  await reconcileComments(ctx, item, item.issueNumber, false);
  if (item.state !== "awaiting_gate" || item.currentPass === null) return;
  const run = await latestPassRun(ctx.sql, item.id, item.currentPass);
  if (!run || run.prNumber === null || run.headSha === null) return;
  await reconcileComments(ctx, item, run.prNumber, true);
  await reconcilePassPr(ctx, item, { ...run, prNumber: run.prNumber, headSha: run.headSha });
}
