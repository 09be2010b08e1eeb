import { verifierHolder } from "../domain/verifier-holder.ts";
import { buildVerifierPrompt } from "../agents/build-prompt.ts";
import { ContextBudget } from "../agents/context-budget.ts";
import { runAgent } from "../agents/run-agent.ts";
import { verdictContract, type Verdict } from "../agents/submission.schema.ts";
import { findingId } from "../verifiers/signal.ts";
import { artifactFolder } from "./artifact-path.ts";
import type { EngineDeps } from "./deps.ts";
import type { RunVerifierPayload } from "./jobs.ts";
import { budgetOf } from "../domain/budget-policy.ts";
import { agentTools, postPassCostSummary, recordContextCuts, recordModelCall, recordRedactions, routeModels } from "./model-calls.ts";
import { advanceGate } from "./gate/advance-gate.ts";
import { guardSpending } from "./spend-guard.ts";
import { mentions } from "./budget-gate.ts";
import { currentGate, type CurrentGate } from "./gate/current-gate.ts";
import { fenceWorkItem, WorkItemStopped } from "./work-item-fence.ts";
import { publishVerifierCheck, verifierActions, verifierExternalId } from "./verifier-check.ts";
import type { Repo } from "./github-port.ts";
import type { VerifierFinding } from "../domain/types.ts";

/** One file bigger than this is named, not shown, whatever the budget. */
const maxFileBytes = 40_000;

/**
 * Runs one gate verifier on one commit of a pass PR as the check run `pitwall/<verifier>`, then
 * lets the gate act on it.
 */
export async function runVerifier(deps: EngineDeps, job: RunVerifierPayload): Promise<void> {
  const verifierRun = await deps.store.getVerifierRun(job.verifierRunId);
  const gate = await currentGate(deps, job.workItemId);
  if (!gate || gate.run.id !== verifierRun.passRunId || gate.run.headSha !== verifierRun.headSha || verifierRun.state === "completed") {
    deps.log.info({ verifierRunId: verifierRun.id }, "stale run_verifier job skipped");
    // An earlier attempt that stopped half-way may still hold a reservation.
    await deps.store.settleReservation(verifierRun.passRunId, deps.clock.now(), verifierHolder(verifierRun.id));
    return;
  }
  if (gate.item.hold !== null) {
    // Held by GitHub's lifecycle (label removed, installation suspended …): it spends nothing now
    // and runs when the hold is released.
    deps.log.info({ verifierRunId: verifierRun.id, hold: gate.item.hold }, "run_verifier job waits for the hold to be released");
    await deps.store.settleReservation(verifierRun.passRunId, deps.clock.now(), verifierHolder(verifierRun.id));
    return;
  }
  try {
    await runVerifierOnGate(deps, gate, verifierRun.id);
  } catch (error) {
    if (!(error instanceof WorkItemStopped)) throw error;
    await deps.store.settleReservation(verifierRun.passRunId, deps.clock.now(), verifierHolder(verifierRun.id));
    deps.log.info({ verifierRunId: verifierRun.id, reason: error.message }, "verifier stopped: the work item was stopped while it ran");
  }
}

async function runVerifierOnGate(deps: EngineDeps, gate: CurrentGate, verifierRunId: number): Promise<void> {
  const verifierRun = await deps.store.getVerifierRun(verifierRunId);
  const { item, pass, run } = gate;
  const definitions = item.definitions;
  const agent = definitions?.agents[verifierRun.verifier];
  if (!definitions || !agent) throw new Error(`work item ${item.id} has no pinned verifier ${verifierRun.verifier}`);
  // Every model call and GitHub write first checks that nothing stopped the work item meanwhile.
  const fence = fenceWorkItem(deps, item.id, item.stopEpoch);
  const github = fence.guard(await deps.githubFor(item.installationId));
  const repo: Repo = { owner: item.repo.owner, repo: item.repo.name };
  const externalId = verifierExternalId(item.id, pass.id, run.iteration, agent.name, run.headSha);
  const checkRunId = await github.upsertCheckRun(
    repo,
    { name: `pitwall/${agent.name}`, headSha: run.headSha, externalId, status: "in_progress", title: `${agent.name} is reviewing`, summary: `Judging pass \`${pass.id}\` against its gate criteria.`, actions: verifierActions },
    verifierRun.checkRunId,
  );
  await deps.store.updateVerifierRun(verifierRun.id, { state: "running", checkRunId });

  const folder = artifactFolder(definitions.config.artifacts.folder, item.issueNumber, item.issueTitle);
  const readArtifacts = async (names: readonly string[]) => {
    const found: Record<string, string> = {};
    for (const name of names) {
      const text = await github.readRepoFile(repo, `${folder}/${name}`, run.headSha);
      if (text !== undefined) found[name] = text;
    }
    return found;
  };
  const inputs = await readArtifacts(pass.inputs.filter((name) => name !== "issue"));
  const outputs = await readArtifacts(pass.outputs);
  const pullFiles = await github.pullRequestFiles(repo, run.prNumber);
  // One budget for the whole context, like a pass's agent: the issue first, then the changed files.
  const budget = new ContextBudget(agent.context_budget_bytes);
  const issue = agent.context.includes("issue") ? budget.issue({ number: item.issueNumber, ...(await github.getIssue(repo, item.issueNumber)) }) : undefined;
  const changed = pullFiles.filter((candidate) => !candidate.path.startsWith(`${folder}/`));
  const readable: { label: string; text: string }[] = [];
  for (const file of changed) {
    const content = file.status === "removed" ? undefined : await github.readRepoFile(repo, file.path, run.headSha);
    if (content === undefined) continue;
    if (Buffer.byteLength(content) <= maxFileBytes) readable.push({ label: file.path, text: content });
    else budget.omitted.push(`${file.path} (${Buffer.byteLength(content).toLocaleString("en-US")} bytes)`);
  }
  const shown = new Map(budget.items(readable).included.map((file) => [file.label, file.text]));
  const changedFiles = changed.map((file) => ({ path: file.path, content: shown.get(file.path) }));
  await recordContextCuts(deps, item.id, agent.name, budget.omitted, run.headSha);
  const route = routeModels(definitions, undefined, agent, deps);
  // A verifier reserves for its own calls on the pass run, call by call, like the pass's agent.
  const guard = await guardSpending(deps, item, { passRunId: run.id, holder: verifierHolder(verifierRun.id), approvalKey: `${pass.id}:${run.iteration}`, prices: route.prices });
  const result = await runAgent<Verdict>({
    agent,
    submit: verdictContract(),
    prompt: buildVerifierPrompt(agent, { repo: `${repo.owner}/${repo.repo}`, issue, passId: pass.id, criteria: pass.gate.criteria, inputs, outputs, changedFiles, omitted: budget.omitted }),
    candidates: route.candidates,
    providers: deps.providers,
    // Verifiers read; a verifier never writes, whatever its definition says.
    tools: agentTools({ ...agent, access: { write: [] }, tools: agent.tools.filter((tool) => tool !== "write_file" && tool !== "edit_file") }, github.repoSnapshot(repo, run.headSha)).tools,
    beforeCall: async (next) => {
      await fence.check();
      return guard.beforeCall(next);
    },
    onCall: (call) => recordModelCall(deps, { workItemId: item.id, passRunId: run.id, iteration: run.iteration, agent: agent.name, tier: route.tier, tierReason: route.reason, prices: route.prices, reservationId: guard.reservationId }, call),
  }).finally(() => guard.settle());
  await recordRedactions(deps, item.id, agent.name, result.redactions);
  // No verdict is not a pass: the check ends neutral and the gate stays closed (fail closed).
  const findings: VerifierFinding[] = result.ok
    ? result.submission.findings.map((finding) => ({
        id: findingId({ verifier: agent.name, path: finding.path ?? "", startLine: finding.line ?? 0, message: finding.message }),
        path: finding.path,
        startLine: finding.line,
        endLine: finding.line,
        severity: finding.severity,
        title: `${agent.name}: ${finding.severity}`,
        message: finding.message,
      }))
    : [];
  // A budget with no room for its next call stops it without a verdict; `/approve budget` runs it again.
  const budgetStop = guard.stopped?.reason ?? null;
  const rerun = `An owner can run it again with \`/approve budget\` on #${item.issueNumber}.`;
  await deps.store.updateVerifierRun(verifierRun.id, {
    verdict: result.ok ? result.submission.verdict : null,
    summary: result.ok ? result.submission.summary : budgetStop ? `No verdict: stopped by a budget: ${budgetStop}. ${rerun}` : `No verdict: ${result.error}`,
    findings,
    budgetStop,
  });
  if (guard.stopped) {
    await github.postComment(repo, item.issueNumber, `🏁 ${mentions(guard.stopped.budget.owners)} the \`${agent.name}\` verifier of pass \`${pass.id}\` stopped: ${guard.stopped.reason}. ${rerun}`);
  }
  await publishVerifierCheck(deps, github, gate, verifierRun.id);
  // The pass's cost summary counts its verifiers' calls too: edit it in place.
  const current = await deps.store.getPassRun(run.id);
  const withSwitches = result.switches.length === 0 ? current : await deps.store.updatePassRun(run.id, { switches: [...current.switches, ...result.switches.map((line) => `${agent.name}: ${line}`)] });
  await postPassCostSummary(deps, github, item, withSwitches, pass.id, budgetOf(definitions.workflow));

  // When every verifier of this commit has reported, a failure goes back to the agent.
  await advanceGate(deps, github, item.id);
}
