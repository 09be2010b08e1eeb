import type { GitHub } from "../../github/octokit.ts";
import { closeIssue } from "../../github/issues.ts";
import type { WorkItemRecord } from "../../store/work-items.ts";
import type { Effect } from "../work-item-state.ts";
import type { EngineDeps } from "./deps.ts";
import { jobKinds, workItemLockKey } from "./jobs.ts";

export async function performEffects(deps: EngineDeps, gh: GitHub, item: WorkItemRecord, effects: readonly Effect[]): Promise<void> {
  for (const effect of effects) {
    switch (effect.kind) {
      case "enqueue_pass":
        await deps.enqueue({
          kind: jobKinds.runPass,
          payload: { workItemId: item.id, passId: effect.passId, iteration: 1 },
          dedupeKey: `run_pass:${item.id}:${effect.passId}:1`,
          lockKey: workItemLockKey(item.repo.owner, item.repo.name, item.issueNumber),
          priority: item.definitions?.workflow.priority ?? 50,
        });
        break;
      case "close_issue":
        await closeIssue(gh, { owner: item.repo.owner, repo: item.repo.name }, item.issueNumber);
        break;
      default:
        assertNever(effect);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled effect ${JSON.stringify(value)}`);
}
