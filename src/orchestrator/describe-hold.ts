import type { LifecycleHold } from "../domain/work-item-state.ts";

/** What releases each lifecycle hold, in the words the card and replies use. */
export function describeHold(hold: LifecycleHold, label: string | null): string {
  switch (hold) {
    case "label_removed":
      return `re-add the \`${label ?? "workflow"}\` label to resume`;
    case "issue_closed":
      return "reopen the issue and reply `/resume` to run the current pass again";
    case "repo_removed":
      return "add the repository back to the app's installation to resume";
    case "installation_suspended":
      return "unsuspend the app's installation to resume";
  }
}
