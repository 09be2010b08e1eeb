import { buildPrompt } from "../../agents/build-prompt.ts";
import { runAgent } from "../../agents/run-agent.ts";
import { writesOutsideAccess } from "../../agents/write-access.ts";
import { nanoToUsd } from "../../cost/money.ts";
import { renderCostSummary } from "../../cost/render-cost-summary.ts";
import { commentMarker, upsertComment } from "../../github/comments.ts";
import { commitFiles } from "../../github/commit-files.ts";
import { getDefaultBranchHead, readRepoFile } from "../../github/contents.ts";
import { getIssue } from "../../github/issues.ts";
import type { GitHub, Repo } from "../../github/octokit.ts";
import { upsertCheckRun } from "../../github/check-runs.ts";
import { ensurePullRequest } from "../../github/pull-requests.ts";
import { mergePriceOverrides, defaultPriceTable, priceCall, priceTableDate } from "../../providers/prices.ts";
import { candidatesForTier, defaultTierMap } from "../../providers/routing.ts";
import { appendLedger, listLedger, workItemSpend } from "../../store/ledger.ts";
import { startPassRun, updatePassRun, type PassRunRecord } from "../../store/pass-runs.ts";
import { getWorkItem, type WorkItemRecord } from "../../store/work-items.ts";
import { applyDecision } from "./apply-decision.ts";
import { artifactFolder, passBranch } from "./artifact-path.ts";
import type { EngineDeps } from "./deps.ts";
import { gateExternalId, renderGateSummary } from "./gate-summary.ts";
import type { RunPassPayload } from "./jobs.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";

/**
 * Runs one pass: its agent through the provider layer, then one commit with its artifacts on
 * `pitwall/<issue>/<pass>`, the pull request, the `pitwall/gate` check run and the cost summary.
 */
export async function runPass(deps: EngineDeps, job: RunPassPayload): Promise<void> {
  const start = await getWorkItem(deps.sql, job.workItemId);
  // `running` here means an earlier attempt of this job stopped half-way (a GitHub 5xx, a
  // crash): resume it. Every effect below is idempotent (branch, PR, comments by marker).
  const resuming = start.state === "running" && start.currentPass === job.passId;
  if (!resuming && (start.state !== "queued" || start.currentPass !== job.passId)) {
    deps.log.info({ workItemId: start.id, passId: job.passId, state: start.state }, "stale run_pass job skipped");
    return;
  }
  const definitions = start.definitions;
  const pass = definitions?.workflow.passes.find((candidate) => candidate.id === job.passId);
  const agent = pass ? definitions?.agents[pass.agent] : undefined;
  if (!definitions || !pass || !agent) throw new Error(`work item ${start.id} has no pinned definition for pass ${job.passId}`);

  const gh = await deps.githubFor(start.installationId);
  const repo: Repo = { owner: start.repo.owner, repo: start.repo.name };
  const item = resuming
    ? start
    : (await applyDecision(deps, start.id, { type: "pass_started", passId: pass.id }, { actor: "pitwall", action: `pass ${pass.id} started`, detail: `agent ${agent.name}` })).item;
  const run = await startPassRun(deps.sql, { workItemId: item.id, passId: pass.id, iteration: job.iteration, agent: agent.name, now: deps.clock.now() });
  await refreshStatusCard(deps, gh, item.id);

  const failPass = async (reason: string) => {
    await updatePassRun(deps.sql, run.id, { state: "failed", error: reason, finishedAt: deps.clock.now() });
    await applyDecision(deps, item.id, { type: "pass_failed", passId: pass.id, reason }, { actor: "pitwall", action: `pass ${pass.id} failed`, detail: reason });
    await refreshStatusCard(deps, gh, item.id);
  };

  // Config was pinned with the definitions: a later push cannot change how this work item runs.
  const settings = definitions.config;
  const tierMap = { ...defaultTierMap, ...settings.tiers };
  const prices = mergePriceOverrides(defaultPriceTable, settings.prices);
  const tier = pass.tier ?? agent.tier;
  const tierReason = pass.tier ? `set by the ${definitions.workflow.name} workflow` : `the ${agent.name} agent's default`;
  const candidates = candidatesForTier(tierMap, tier, new Set(deps.providers.keys()));
  if (candidates.length === 0) {
    await failPass(`no configured provider serves the ${tier} tier (${tierMap[tier].join(", ")}); configure one of them or change \`tiers\` in .github/pitwall.yml`);
    return;
  }

  const head = await getDefaultBranchHead(gh, repo);
  const folder = artifactFolder(settings.artifacts.folder, item.issueNumber, item.issueTitle);
  const issue = await getIssue(gh, repo, item.issueNumber);
  const artifacts: Record<string, string> = {};
  for (const input of pass.inputs.filter((name) => name !== "issue")) {
    const text = await readRepoFile(gh, repo, `${folder}/${input}`, head.sha);
    if (text !== undefined) artifacts[input] = text;
  }
  const prompt = buildPrompt(agent, pass, { repo: `${repo.owner}/${repo.repo}`, issue: { number: item.issueNumber, title: issue.title, body: issue.body }, artifacts });

  const result = await runAgent({
    agent,
    pass,
    prompt,
    candidates,
    providers: deps.providers,
    onCall: async ({ ref, response }) => {
      const price = priceCall(response.usage, ref, prices);
      await appendLedger(deps.sql, {
        workItemId: item.id,
        passRunId: run.id,
        iteration: run.iteration,
        agent: agent.name,
        provider: ref.provider,
        model: response.model || ref.model,
        tier,
        tierReason,
        ...response.usage,
        usd: nanoToUsd(BigInt(price.nanoUsd)),
        priced: price.priced,
        priceTableDate,
        latencyMs: Math.round(response.latencyMs),
        cacheHit: false,
        savingUsd: "0",
        createdAt: deps.clock.now(),
      });
    },
  });
  if (!result.ok) {
    await failPass(`the ${agent.name} agent did not produce ${pass.outputs.join(", ")}: ${result.error}`);
    return;
  }
  const files = result.submission.artifacts.map((artifact) => ({ path: `${folder}/${artifact.name}`, content: ensureTrailingNewline(artifact.content) }));
  const outside = writesOutsideAccess(files.map((file) => file.path), agent.access.write);
  if (outside.length > 0) {
    await failPass(`the ${agent.name} agent may not write ${outside.join(", ")} (its access.write is ${agent.access.write.join(", ") || "empty"})`);
    return;
  }

  const branch = passBranch(item.issueNumber, pass.id);
  const commit = await commitFiles(gh, repo, {
    branch,
    baseSha: head.sha,
    files,
    message: `pitwall: ${pass.id} for #${item.issueNumber}\n\n${result.submission.summary}\n\nAgent: ${agent.name} (${result.ref.provider}/${result.ref.model})`,
  });
  const pr = await ensurePullRequest(gh, repo, {
    head: branch,
    base: head.branch,
    title: `${pass.id}: ${item.issueTitle} (#${item.issueNumber})`,
    body: pullRequestBody(item, pass.id, pass.gate.kind, pass.gate.criteria, result.submission.summary, files.map((file) => file.path)),
  });
  const gateCheckId = await upsertCheckRun(gh, repo, {
    name: "pitwall/gate",
    headSha: commit.commitSha,
    externalId: gateExternalId(item.id, pass.id, run.iteration),
    status: "in_progress",
    title: `Waiting for ${pass.gate.required_approvals} approval${pass.gate.required_approvals === 1 ? "" : "s"}`,
    summary: renderGateSummary(pass.gate, []),
  });
  const updated = await updatePassRun(deps.sql, run.id, { state: "awaiting_gate", branch, prNumber: pr.number, headSha: commit.commitSha, gateCheckRunId: gateCheckId });
  await postCostSummary(deps, gh, item, updated, pass.id, definitions.workflow.budget_usd, result.switches);
  await applyDecision(deps, item.id, { type: "pass_opened", passId: pass.id }, { actor: "pitwall", action: `pass ${pass.id} opened #${pr.number}`, commitSha: commit.commitSha });
  await refreshStatusCard(deps, gh, item.id);
}

async function postCostSummary(
  deps: EngineDeps,
  gh: GitHub,
  item: WorkItemRecord,
  run: PassRunRecord,
  passId: string,
  budgetUsd: number | undefined,
  switches: readonly string[],
): Promise<void> {
  if (run.prNumber === null) return;
  const rows = await listLedger(deps.sql, { workItemId: item.id, passRunId: run.id });
  const body = renderCostSummary({
    title: `Cost of pass \`${passId}\` (iteration ${run.iteration})`,
    rows,
    workItemTotalUsd: await workItemSpend(deps.sql, item.id),
    budgetUsd,
    priceTableDate,
    switches,
  });
  const id = await upsertComment(gh, { owner: item.repo.owner, repo: item.repo.name }, run.prNumber, commentMarker(`cost:${passId}`), body, run.costCommentId);
  if (id !== run.costCommentId) await updatePassRun(deps.sql, run.id, { costCommentId: id });
}

function pullRequestBody(item: WorkItemRecord, passId: string, gateKind: string, criteria: readonly string[], summary: string, paths: readonly string[]): string {
  return [
    `Pass **${passId}** of the \`${item.workflow}\` workflow for #${item.issueNumber}.`,
    "",
    summary,
    "",
    `**Artifacts:** ${paths.map((path) => `\`${path}\``).join(", ")}`,
    "",
    `**Gate (${gateKind}):** reply \`/approve\` when all of these hold, or \`/reject <why>\`:`,
    ...criteria.map((criterion) => `- [ ] ${criterion}`),
    "",
    `Part of #${item.issueNumber}. Opened by Pitwall.`,
  ].join("\n");
}

function ensureTrailingNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
