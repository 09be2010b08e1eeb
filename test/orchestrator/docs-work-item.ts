import { queueLabel } from "../support/command-world.ts";
import type { OrchestratorWorld } from "../support/orchestrator-deps.ts";
import type { InMemoryIssue, InMemoryRepo } from "../support/in-memory-github.ts";

// A work item on acme/rocket started by alice's label, as the webhook inbox queues it.

export async function startWorkItem(world: OrchestratorWorld, options: { label?: string; files?: Record<string, string> } = {}): Promise<{ repo: InMemoryRepo; issue: InMemoryIssue }> {
  const repo = world.github.repo("acme", "rocket");
  repo.push({ "README.md": "# Rocket\n\nRun `rocket launch`.\n", ...options.files });
  repo.permissions.set("alice", "write");
  const issue = repo.openIssue({ title: "Document the launch command", body: "The README does not say what `rocket launch` does.", author: "alice" });
  const label = options.label ?? "pitwall:docs";
  issue.labels.push(label);
  await queueLabel(world, repo, issue, label, "alice");
  return { repo, issue };
}
