import type { LabelEventFacts } from "../orchestrator/sweep-reads.ts";

/**
 * The event that put a starting label on the issue as it is now: for each label still on it, the
 * LATEST time it was added (an earlier add was undone by an unlabel, and its actor did not put this
 * label there); of those, the earliest, whose webhook would have started the work item first.
 */
export function labelingEvent(events: readonly LabelEventFacts[], labels: readonly string[]): LabelEventFacts | undefined {
  const latest = labels.flatMap((label) => {
    const event = events.findLast((candidate) => candidate.event === "labeled" && candidate.label === label);
    return event ? [event] : [];
  });
  return latest.sort((a, b) => events.indexOf(a) - events.indexOf(b))[0];
}
