import type { DefinitionFile } from "../definitions/definition-set.ts";
import { configPath } from "../definitions/config.schema.ts";
import { toAnnotations } from "../verifiers/annotations.ts";
import { definitionKind, definitionsVerifier, findingId, verifyDefinitions } from "../verifiers/index.ts";
import type { OrchestratorDeps } from "./deps.ts";
import type { LintDefinitionsPayload } from "./jobs.ts";
import type { Repo } from "./github-port.ts";

const definitionFolders = ["workflows", "agents", ".github/pitwall/workflows", ".github/pitwall/agents"];

/**
 * Any pull request that changes workflows, agents or `.github/pitwall*` gets `pitwall/definitions`:
 * the files loaded as Pitwall will load them once merged, each problem annotated at its line.
 */
export async function lintDefinitions(deps: OrchestratorDeps, job: LintDefinitionsPayload): Promise<void> {
  const github = await deps.githubFor(job.installationId);
  const repo: Repo = { owner: job.owner, repo: job.repo };
  const files = await github.changedFilesWithContent(repo, job.baseRef, job.headSha);
  if (!files.some((file) => definitionKind(file.path) !== undefined || (file.previousPath !== undefined && definitionKind(file.previousPath) !== undefined))) return;
  const baseFiles: DefinitionFile[] = (await Promise.all(definitionFolders.map((folder) => github.readRepoMarkdownFiles(repo, folder, job.baseRef)))).flat();
  const config = await github.readRepoFile(repo, configPath, job.baseRef);
  if (config !== undefined) baseFiles.push({ path: configPath, text: config });
  const findings = verifyDefinitions(files, { baseFiles, bundled: deps.bundled }).map((finding) => ({ ...finding, id: findingId(finding) }));
  const lineCounts = new Map(files.filter((file) => file.after !== undefined).map((file) => [file.path, (file.after ?? "").split("\n").length] as const));
  const { annotations, unplaced } = toAnnotations(findings, lineCounts);
  const failed = findings.some((finding) => finding.severity === "error");
  await github.upsertCheckRun(repo, {
    name: `pitwall/${definitionsVerifier}`,
    headSha: job.headSha,
    externalId: `definitions:${job.prNumber}:${job.headSha.slice(0, 12)}`,
    status: "completed",
    conclusion: failed ? "failure" : "success",
    title: failed ? `${findings.length} problem${findings.length === 1 ? "" : "s"} in the definitions` : "The definitions load",
    summary: failed
      ? [
          "Pitwall would not load these definitions once merged; each problem is annotated at its line.",
          ...unplaced.map((finding) => `- \`${finding.path}:${finding.startLine}\`: ${finding.message}`),
        ].join("\n")
      : `Every workflow, agent and config file this pull request changes loads, and every cross-check passes (${files.length} changed file${files.length === 1 ? "" : "s"}).`,
    annotations,
  });
}
