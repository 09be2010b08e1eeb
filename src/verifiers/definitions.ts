import { matchesGlob } from "node:path";
import { configPath, resolveDefinitions, type BundledDefinitions, type DefinitionFile } from "../definitions/index.ts";
import { afterText, oldPath, type ChangedFile, type Finding } from "./change.ts";

// A change to workflows, agents or `.github/pitwall.yml` is loaded the way Pitwall will load it
// once merged: the change's files over the base's, after any bundled defaults. Each
// problem in a file this change touches becomes a finding at its line.

export const definitionsVerifier = "definitions";

export const workflowGlobs = ["workflows/*.md", ".github/pitwall/workflows/*.md"] as const;
export const agentGlobs = ["agents/*.md", ".github/pitwall/agents/*.md"] as const;

export interface DefinitionsOptions {
  /**
   * The definition files at the base of the change (a superset is fine: only definition paths are
   * read). A file the change touches is taken from the change instead.
   */
  baseFiles: readonly DefinitionFile[];
  /** Defaults that load before the repository's own files, when checking a repository that is not Pitwall itself. */
  bundled?: BundledDefinitions;
}

type DefinitionKind = "workflow" | "agent" | "config";

/** Whether Pitwall reads this path as a workflow, an agent or its config. */
export function definitionKind(path: string): DefinitionKind | undefined {
  if (path === configPath) return "config";
  if ((path.split("/").at(-1) ?? "").toLowerCase() === "readme.md") return undefined;
  if (workflowGlobs.some((glob) => matchesGlob(path, glob))) return "workflow";
  if (agentGlobs.some((glob) => matchesGlob(path, glob))) return "agent";
  return undefined;
}

export function verifyDefinitions(files: readonly ChangedFile[], options: DefinitionsOptions): Finding[] {
  const touched = files.filter((file) => definitionKind(file.path) !== undefined || definitionKind(oldPath(file)) !== undefined);
  if (touched.length === 0) return [];

  const texts = new Map<string, string>();
  for (const file of options.baseFiles) if (definitionKind(file.path) !== undefined) texts.set(file.path, file.text);
  for (const file of touched) texts.delete(oldPath(file));
  for (const file of touched) if (file.status !== "removed" && definitionKind(file.path) !== undefined) texts.set(file.path, afterText(file));

  const of = (kind: DefinitionKind, repo: boolean): DefinitionFile[] =>
    [...texts.keys()]
      .filter((path) => definitionKind(path) === kind && path.startsWith(".github/") === repo)
      .sort()
      .map((path) => ({ path, text: texts.get(path) ?? "" }));
  const notShadowed = (bundled: readonly DefinitionFile[]) => bundled.filter((file) => !texts.has(file.path));
  const resolved = resolveDefinitions(
    {
      workflowFiles: [...notShadowed(options.bundled?.workflowFiles ?? []), ...of("workflow", false)],
      agentFiles: [...notShadowed(options.bundled?.agentFiles ?? []), ...of("agent", false)],
    },
    { configText: texts.get(configPath), workflowFiles: of("workflow", true), agentFiles: of("agent", true) },
  );
  const problems = resolved.ok ? resolved.set.problems : resolved.problems;

  const changed = new Set(touched.filter((file) => file.status !== "removed").map((file) => file.path));
  return problems
    .filter((problem) => changed.has(problem.file))
    .map((problem) => ({
      verifier: definitionsVerifier,
      path: problem.file,
      startLine: problem.line,
      endLine: problem.line,
      startColumn: problem.column,
      severity: "error" as const,
      title: problem.file === configPath ? "Invalid Pitwall config" : `Invalid ${definitionKind(problem.file) ?? "definition"}`,
      message: problem.field ? `${problem.field}: ${problem.message}` : problem.message,
    }));
}
