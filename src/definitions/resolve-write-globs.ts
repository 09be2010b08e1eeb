/** How an agent's `access.write` names the work item's artifact folder, whatever `artifacts.folder` says. */
export const artifactsPlaceholder = "{artifacts}";

/** The folder the bundled agents named literally before the placeholder existed (the default). */
const legacyArtifactFolder = "docs/work";

/**
 * An agent's write globs with the artifact folder filled in: `{artifacts}/**` becomes
 * `<folder>/**`. A glob under `docs/work/` (how definitions named the folder before the
 * placeholder) follows the configured folder too, so older definitions keep working when the
 * folder moves.
 */
export function resolveWriteGlobs(globs: readonly string[], folder: string): string[] {
  return globs.map((glob) => {
    if (glob === artifactsPlaceholder || glob.startsWith(`${artifactsPlaceholder}/`)) return `${folder}${glob.slice(artifactsPlaceholder.length)}`;
    if (glob.startsWith(`${legacyArtifactFolder}/`)) return `${folder}${glob.slice(legacyArtifactFolder.length)}`;
    return glob;
  });
}
