import { createHash } from "node:crypto";

// The pass-outcome cache: a pass's approved outputs, kept under a key of
// everything that determined them, so a re-run of the work item reuses every pass whose inputs
// did not change and runs exactly the passes downstream of a change. Pure: the orchestrator
// reads the repo and hands the facts in.
//
// What decides a pass's outcome:
// - the key: agent (name, version, system prompt), tier, the pass's definition, the issue's
//   text, its input artifacts by blob SHA, and where its outputs go;
// - what its agent read of the repo (`RepoReads`): each file with its blob SHA, and the file
//   listing when it listed or searched. Files the work item itself committed are not outside
//   inputs: they are its own products, and a change to them reaches later passes through the
//   artifacts, not behind their back.

export interface OutcomeKeyParts {
  agent: string;
  agentVersion: number;
  agentPrompt: string;
  tier: string;
  /** The pass's definition as pinned (id, inputs, outputs, gate), serialised. */
  passDefinition: string;
  issue: { title: string; body: string };
  /** Input artifact → its blob SHA, or null when the artifact is missing. */
  inputs: Readonly<Record<string, string | null>>;
  /** The folder the pass's artifacts are written to. */
  outputFolder: string;
}

export function passOutcomeKey(parts: OutcomeKeyParts): string {
  const inputs = Object.entries(parts.inputs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = JSON.stringify([parts.agent, parts.agentVersion, parts.agentPrompt, parts.tier, parts.passDefinition, parts.issue.title, parts.issue.body, inputs, parts.outputFolder]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** Git's blob SHA of a text (what the tree lists for a file with this content). */
export function gitBlobSha(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** What an agent read of the repo: files with their blob SHAs (null: absent), and the listing if it looked at one. */
export type RepoReads = {
  files: Record<string, string | null>;
  listing: string[] | null;
};

/** The reads of several iterations as one: the first SHA seen of a file is what the pass started from. */
export function mergeReads(...all: readonly (RepoReads | null | undefined)[]): RepoReads {
  const files: Record<string, string | null> = {};
  let listing: string[] | null = null;
  for (const reads of all) {
    if (!reads) continue;
    for (const [path, sha] of Object.entries(reads.files)) if (!(path in files)) files[path] = sha;
    listing ??= reads.listing;
  }
  return { files, listing };
}

/**
 * Whether the repo still reads as it did: every file read has the same blob SHA, and the listing
 * the same paths, leaving out the work item's own products. Returns what changed.
 */
export function readsStillHold(recorded: RepoReads, now: { files: Readonly<Record<string, string | null>>; listing: readonly string[] | null }, ownProducts: ReadonlySet<string>): { holds: boolean; changed: string[] } {
  const changed: string[] = [];
  for (const [path, sha] of Object.entries(recorded.files)) {
    if (ownProducts.has(path)) continue;
    if ((now.files[path] ?? null) !== sha) changed.push(path);
  }
  if (recorded.listing !== null) {
    const outside = (paths: readonly string[]) => new Set(paths.filter((path) => !ownProducts.has(path)));
    const before = outside(recorded.listing);
    const after = outside(now.listing ?? []);
    for (const path of before) if (!after.has(path) && !(path in recorded.files)) changed.push(`${path} (removed)`);
    for (const path of after) if (!before.has(path) && !(path in recorded.files)) changed.push(`${path} (added)`);
  }
  return { holds: changed.length === 0, changed: changed.sort() };
}

/** The paths whose file on the default branch is no longer what the pass's approved outcome had (a person edited them). */
export function editedSinceApproval(approved: Readonly<Record<string, string | null>>, onDefaultBranch: Readonly<Record<string, string | null>>): string[] {
  return Object.keys(approved)
    .filter((path) => (onDefaultBranch[path] ?? null) !== approved[path])
    .sort();
}
