import { configPath } from "../../definitions/config.schema.ts";
import { formatProblem } from "../../definitions/definition-problem.ts";
import { pinWorkflow, resolveDefinitions } from "../../definitions/resolve-definitions.ts";
import { postComment } from "../../github/comments.ts";
import { getDefaultBranchHead, readRepoFile, readRepoMarkdownFiles } from "../../github/contents.ts";
import type { Repo } from "../../github/octokit.ts";
import { describeMissingProviders } from "../../providers/create-providers.ts";
import { createWorkItem, updateWorkItem } from "../../store/work-items.ts";
import { applyDecision } from "./apply-decision.ts";
import type { EngineDeps } from "./deps.ts";
import type { StartWorkItemPayload } from "./jobs.ts";
import { performEffects } from "./perform-effects.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";

/**
 * `issues.labeled` with a `pitwall:<workflow>` label: create the work item (once per issue), pin
 * its definitions at the default branch's current commit, post the status card and queue the
 * first pass — or, when nothing can be dispatched, say exactly why on the card.
 */
export async function startWorkItem(deps: EngineDeps, job: StartWorkItemPayload): Promise<void> {
  const gh = await deps.githubFor(job.installationId);
  const repo: Repo = { owner: job.owner, repo: job.repo };
  const head = await getDefaultBranchHead(gh, repo);
  const resolved = resolveDefinitions(deps.bundled, {
    configText: await readRepoFile(gh, repo, configPath, head.sha),
    workflowFiles: await readRepoMarkdownFiles(gh, repo, ".github/pitwall/workflows", head.sha),
    agentFiles: await readRepoMarkdownFiles(gh, repo, ".github/pitwall/agents", head.sha),
  });
  const pinned = resolved.ok ? pinWorkflow(resolved.set, resolved.config, job.label) : undefined;
  if (pinned && !pinned.ok) {
    // An unknown workflow label: tell the person who added it, without creating a work item.
    await postComment(gh, repo, job.issueNumber, `🏁 Pitwall: ${pinned.message}\n\nKnown workflow labels: ${knownLabels(resolved)}.`);
    return;
  }
  const workflowName = pinned?.pinned.workflow.name ?? job.label.replace(/^pitwall:/, "");
  const { created, workItem } = await createWorkItem(deps.sql, {
    installationId: job.installationId,
    repo: { owner: job.owner, name: job.repo },
    issueNumber: job.issueNumber,
    issueTitle: job.issueTitle,
    workflow: workflowName,
    initiator: job.sender,
    now: deps.clock.now(),
  });
  if (!created && workItem.state !== "blocked") {
    deps.log.info({ workItemId: workItem.id, deliveryId: job.deliveryId }, "work item already exists; label event ignored");
    return;
  }
  await updateWorkItem(
    deps.sql,
    workItem.id,
    { pinnedSha: head.sha, workflow: workflowName, definitions: pinned?.ok ? pinned.pinned : null },
    deps.clock.now(),
  );

  const refusal = !resolved.ok
    ? `Pitwall cannot start: fix these problems on the default branch, then remove and re-add the \`${job.label}\` label.\n${resolved.problems.map((problem) => `- \`${formatProblem(problem)}\``).join("\n")}`
    : deps.providers.size === 0
      ? `${describeMissingProviders()} Then remove and re-add the \`${job.label}\` label. Nothing was sent to any model.`
      : undefined;
  if (refusal !== undefined || !pinned?.ok) {
    const reason = refusal ?? "the workflow could not be pinned";
    await applyDecision(deps, workItem.id, { type: "dispatch_refused", reason: firstLine(reason) }, { actor: "pitwall", action: "blocked", detail: firstLine(reason), commitSha: head.sha });
    await refreshStatusCard(deps, gh, workItem.id, reason);
    deps.log.warn({ workItemId: workItem.id, reason }, "work item blocked");
    return;
  }
  const firstPass = pinned.pinned.workflow.passes[0];
  if (!firstPass) throw new Error(`workflow ${workflowName} has no passes`);
  const { item, effects } = await applyDecision(
    deps,
    workItem.id,
    { type: "start_requested", firstPass: firstPass.id },
    { actor: job.sender, action: "started", detail: `${workflowName} workflow via label ${job.label}`, commitSha: head.sha },
  );
  await refreshStatusCard(deps, gh, item.id);
  await performEffects(deps, gh, item, effects);
}

function knownLabels(resolved: ReturnType<typeof resolveDefinitions>): string {
  if (!resolved.ok) return "(definitions could not be loaded)";
  return [...resolved.set.workflows.values()].map((workflow) => `\`${workflow.label}\``).join(", ") || "(none)";
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
