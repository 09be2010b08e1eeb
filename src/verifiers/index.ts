import type { ChangedFile, Finding } from "./change.ts";
import { verifyDefinitions, type DefinitionsOptions } from "./definitions.ts";
import { verifySecrets } from "./secrets.ts";
import { verifyTestTampering, type TestTamperingOptions } from "./test-tampering.ts";
import { verifyWriteScope } from "./write-scope.ts";

export { afterText, beforeText, oldPath, severities, severityRank, type ChangedFile, type Finding, type Severity } from "./change.ts";
export { coverageConfigFormat, readCoverageSettings, type CoverageConfigFormat, type CoverageSettings, type ListEntry, type ThresholdSetting } from "./coverage-config.ts";
export { agentGlobs, definitionKind, definitionsVerifier, verifyDefinitions, workflowGlobs, type DefinitionsOptions } from "./definitions.ts";
export { addedLines, diffLineArrays, diffLines, hunkNewRange, newLineForOldLine, removedLines, splitLines, type Hunk, type NumberedLine } from "./line-diff.ts";
export { secretsVerifier, verifySecrets } from "./secrets.ts";
export { findingId, normaliseMessage, rankFindings, type RankedFindings, type RankOptions, type SummarisedFindings } from "./signal.ts";
export { defaultTestGlobs, isTestPath, testTamperingVerifier, verifyTestTampering, type TestTamperingOptions } from "./test-tampering.ts";
export { verifyWriteScope, writeScopeVerifier, type WriteScopeOptions } from "./write-scope.ts";

export interface DeterministicVerifierOptions {
  /** The agent's `access.write`; the write-scope verifier runs only when it is given. */
  writeGlobs?: readonly string[];
  /** The definitions verifier runs only when it is given (and the change touches definitions). */
  definitions?: DefinitionsOptions;
  testTampering?: TestTamperingOptions;
}

/** Every deterministic verifier over one change, findings in verifier order. */
export function verifyChange(files: readonly ChangedFile[], options: DeterministicVerifierOptions = {}): Finding[] {
  return [
    ...verifyTestTampering(files, options.testTampering),
    ...verifySecrets(files),
    ...(options.writeGlobs === undefined ? [] : verifyWriteScope(files, { writeGlobs: options.writeGlobs })),
    ...(options.definitions === undefined ? [] : verifyDefinitions(files, options.definitions)),
  ];
}
