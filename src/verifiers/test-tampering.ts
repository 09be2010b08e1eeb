import { matchesGlob } from "node:path";
import { afterText, beforeText, oldPath, type ChangedFile, type Finding, type Severity } from "./change.ts";
import { coverageConfigFormat, readCoverageSettings, type ListEntry, type ThresholdSetting } from "./coverage-config.ts";
import { diffLines, hunkNewRange, newLineForOldLine, splitLines, type Hunk } from "./line-diff.ts";

// An implementer that cannot make a test pass may be tempted to change the test instead: delete
// it, skip it, drop or soften its assertions, or lower the coverage bar. Each of those, in the
// change, becomes a finding at the line that does it.

export const testTamperingVerifier = "test-tampering";

export const defaultTestGlobs: readonly string[] = [
  "**/*.test.*",
  "**/*.spec.*",
  "**/test/**",
  "**/tests/**",
  "**/__tests__/**",
  "**/test_*.py",
  "**/*_test.py",
  "**/*_test.go",
  "**/*Test.java",
  "**/spec/**/*_spec.rb",
];

export interface TestTamperingOptions {
  /** What a test file looks like; `defaultTestGlobs` when absent. */
  testGlobs?: readonly string[];
}

export function isTestPath(path: string, testGlobs: readonly string[] = defaultTestGlobs): boolean {
  return testGlobs.some((glob) => matchesGlob(path, glob));
}

export function verifyTestTampering(files: readonly ChangedFile[], options: TestTamperingOptions = {}): Finding[] {
  const testGlobs = options.testGlobs ?? defaultTestGlobs;
  const findings: Finding[] = [];
  for (const file of files) {
    const wasTest = file.status !== "added" && isTestPath(oldPath(file), testGlobs);
    const isTest = file.status !== "removed" && isTestPath(file.path, testGlobs);
    if (wasTest && !isTest) {
      findings.push(deletedTest(file));
    } else if (isTest) {
      findings.push(...testFileChanges(file, wasTest));
    }
    findings.push(...coverageChanges(file));
  }
  return findings;
}

function finding(path: string, startLine: number, endLine: number, severity: Severity, title: string, message: string, startColumn?: number): Finding {
  return { verifier: testTamperingVerifier, path, startLine, endLine, ...(startColumn === undefined ? {} : { startColumn }), severity, title, message };
}

function deletedTest(file: ChangedFile): Finding {
  const path = oldPath(file);
  return file.status === "removed"
    ? finding(path, 1, 1, "error", "Test file deleted", `This change deletes the test file ${path}.`)
    : finding(path, 1, 1, "error", "Test file moved out of the tests", `This change renames the test file ${path} to ${file.path}, which no longer looks like a test, so it will not run.`);
}

// --- markers that skip, focus or postpone tests ------------------------------------------------

type Language = "js" | "python" | "jvm" | "go" | "ruby" | "other";

function languageOf(path: string): Language {
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? "";
  if (/^(?:[cm]?[jt]sx?|vue|svelte|coffee)$/.test(extension)) return "js";
  if (extension === "py") return "python";
  if (/^(?:java|kt|kts|scala|groovy)$/.test(extension)) return "jvm";
  if (extension === "go") return "go";
  if (extension === "rb") return "ruby";
  return "other";
}

interface Marker {
  pattern: RegExp;
  /** What the marker does to the test, for the message. */
  effect: "skips" | "focuses" | "postpones";
  languages: readonly Language[];
}

const markerTitles: Record<Marker["effect"], string> = { skips: "Test skipped", focuses: "Test focused", postpones: "Test postponed" };

const allLanguages: readonly Language[] = ["js", "python", "jvm", "go", "ruby", "other"];

const markers: readonly Marker[] = [
  { pattern: /\b(?:it|test|describe|suite|context|bench)\.skip(?:If)?\b/, effect: "skips", languages: allLanguages },
  { pattern: /\b(?:it|test|describe|suite)\.todo\b/, effect: "postpones", languages: allLanguages },
  { pattern: /(?:\b[\w$]+)?\.only\s*\(/, effect: "focuses", languages: allLanguages },
  { pattern: /(?<![\w$.])(?:xit|xtest|xdescribe|xcontext)\s*\(/, effect: "skips", languages: ["js", "ruby", "other"] },
  { pattern: /(?<![\w$.])(?:fit|fdescribe|fcontext)\s*\(/, effect: "focuses", languages: ["js", "ruby", "other"] },
  { pattern: /@pytest\.mark\.skip/, effect: "skips", languages: ["python", "other"] },
  { pattern: /@unittest\.skip/, effect: "skips", languages: ["python", "other"] },
  { pattern: /\bpytest\.skip\s*\(|\bself\.skipTest\s*\(/, effect: "skips", languages: ["python", "other"] },
  { pattern: /(?<![\w@])@(?:Disabled|Ignore)\b/, effect: "skips", languages: ["jvm", "other"] },
  { pattern: /\bt\.Skip(?:f|Now)?\s*\(/, effect: "skips", languages: ["go", "other"] },
];

const commentStart = /^\s*(?:\/\/|#|\/\*|\*|<!--)/;

/** The line with the contents of its string literals removed, so test names and messages do not count as code. */
function codeOf(line: string): string {
  return line.replaceAll(/(["'`])(?:\\.|(?!\1).)*\1/g, "$1$1");
}

function isComment(line: string): boolean {
  return commentStart.test(line);
}

function markerIn(line: string, language: Language): { marker: Marker; column: number; text: string } | undefined {
  if (isComment(line)) return undefined;
  const code = codeOf(line);
  for (const marker of markers) {
    if (!marker.languages.includes(language)) continue;
    const match = marker.pattern.exec(code);
    if (match) return { marker, column: match.index + 1, text: match[0].replace(/\s*\($/, "") };
  }
  return undefined;
}

// --- assertions -------------------------------------------------------------------------------

const assertion = /\bexpect(?:\.soft)?\s*\(|\bassert\w*(?=\s*[(.!]|\s+\S)|\bshould\.|\.should\b|\bt\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\b|\brequire\.[A-Z]\w*/g;
const importLine = /^\s*(?:import\b|from\s+\S+\s+import\b|(?:const|let|var)\s+[\w{}\s,]+=\s*require\s*\()/;
const strongMatcher = /\.(?:toBe|toEqual|toStrictEqual|toMatchObject)\s*\(|\bassert(?:Equals?|Same|StrictEqual|DeepEqual)\s*\(|\bassert\.(?:strict|deep|deepStrict)?[Ee]qual\s*\(/g;
const weakMatcher = /\.(?:toBeDefined|toBeTruthy|toBeFalsy)\s*\(|\.not\.(?:toBeNull|toBeUndefined)\s*\(|\bassert(?:IsNotNone|NotNull)\s*\(|\bassert\.ok\s*\(/g;

function count(pattern: RegExp, line: string): number {
  return line.match(pattern)?.length ?? 0;
}

function assertionsIn(line: string): number {
  return isComment(line) || importLine.test(line) ? 0 : count(assertion, codeOf(line));
}

function uncommented(line: string): string {
  return line
    .replace(/^\s*(?:\/\/+|#+|\/\*+|\*+|<!--)\s?/, "")
    .replace(/\s*(?:\*\/|-->)\s*$/, "")
    .trim();
}

/** Skip and focus markers on added lines, unless the same line was only moved within the file. */
function markerFindings(file: ChangedFile, hunks: readonly Hunk[], language: Language, existed: boolean): Finding[] {
  const findings: Finding[] = [];
  const moved = new Map<string, number>();
  for (const hunk of hunks) for (const line of hunk.oldLines) if (markerIn(line, language)) moved.set(line.trim(), (moved.get(line.trim()) ?? 0) + 1);
  for (const hunk of hunks) {
    hunk.newLines.forEach((text, index) => {
      const found = markerIn(text, language);
      if (!found) return;
      const left = moved.get(text.trim()) ?? 0;
      if (left > 0) {
        moved.set(text.trim(), left - 1);
        return;
      }
      const line = hunk.newStart + index;
      findings.push(
        existed
          ? finding(file.path, line, line, "error", markerTitles[found.marker.effect], `\`${found.text}\` ${found.marker.effect} tests: ${found.marker.effect === "focuses" ? "the other tests in this file stop running" : "they no longer run"}.`, found.column)
          : finding(file.path, line, line, "warning", "New test not run", `\`${found.text}\` ${found.marker.effect} a test this change adds, so it does not run.`, found.column),
      );
    });
  }
  return findings;
}

function testFileChanges(file: ChangedFile, existed: boolean): Finding[] {
  const language = languageOf(file.path);
  const before = existed ? beforeText(file) : "";
  const after = afterText(file);
  const hunks = diffLines(before, after);
  const newLineCount = splitLines(after).length;
  const findings: Finding[] = markerFindings(file, hunks, language, existed);
  if (!existed) return findings;

  // Assertions: removed, commented out, or weakened.
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  const total = (lines: readonly string[]) => lines.reduce((sum, line) => sum + assertionsIn(line), 0);
  const assertionsBefore = total(oldLines);
  const assertionsAfter = total(newLines);
  let commentedOutTotal = 0;
  const losses: { hunk: Hunk; lost: number }[] = [];
  for (const hunk of hunks) {
    const removedCode = new Set(hunk.oldLines.filter((line) => assertionsIn(line) > 0).map((line) => line.trim()));
    let commentedOut = 0;
    hunk.newLines.forEach((text, index) => {
      if (!isComment(text) || !removedCode.has(uncommented(text))) return;
      commentedOut += assertionsIn(uncommented(text));
      const line = hunk.newStart + index;
      findings.push(finding(file.path, line, line, "warning", "Assertion commented out", "This change comments out an assertion, so the test no longer checks it."));
    });
    commentedOutTotal += commentedOut;
    const lost = hunk.oldLines.reduce((sum, line) => sum + assertionsIn(line), 0) - hunk.newLines.reduce((sum, line) => sum + assertionsIn(line), 0) - commentedOut;
    if (lost > 0) losses.push({ hunk, lost });

    const code = (lines: readonly string[], pattern: RegExp) => lines.reduce((sum, line) => sum + (isComment(line) ? 0 : count(pattern, codeOf(line))), 0);
    const strongerBefore = code(hunk.oldLines, strongMatcher) - code(hunk.newLines, strongMatcher);
    const weakerAfter = code(hunk.newLines, weakMatcher) - code(hunk.oldLines, weakMatcher);
    if (strongerBefore > 0 && weakerAfter > 0) {
      hunk.newLines.forEach((text, index) => {
        const match = isComment(text) ? null : new RegExp(weakMatcher.source).exec(codeOf(text));
        if (!match) return;
        const line = hunk.newStart + index;
        findings.push(finding(file.path, line, line, "warning", "Assertion weakened", `An exact matcher was replaced by \`${match[0].replace(/^\.|\s*\($/g, "")}\`, which passes for many wrong values.`, match.index + 1));
      });
    }
  }
  if (assertionsAfter + commentedOutTotal < assertionsBefore) {
    for (const { hunk, lost } of losses) {
      const { startLine, endLine } = hunkNewRange(hunk, newLineCount);
      findings.push(
        finding(file.path, startLine, endLine, "error", "Assertions removed", `This change removes ${lost} assertion${lost === 1 ? "" : "s"} here; the file had ${assertionsBefore} and now has ${assertionsAfter}.`),
      );
    }
  }
  return findings.sort((a, b) => a.startLine - b.startLine);
}

// --- coverage ---------------------------------------------------------------------------------

function coverageChanges(file: ChangedFile): Finding[] {
  const format = coverageConfigFormat(file.path) ?? (file.status === "renamed" ? coverageConfigFormat(oldPath(file)) : undefined);
  if (format === undefined) return [];
  const before = beforeText(file);
  const after = afterText(file);
  const old = readCoverageSettings(coverageConfigFormat(oldPath(file)) ?? format, before);
  if (file.status === "removed") {
    const settings = old.thresholds.length + old.entries.filter((entry) => entry.kind === "include").length;
    if (settings === 0) return [];
    return [finding(file.path, 1, 1, "error", "Coverage config deleted", `This change deletes ${file.path}, and with it ${settings} coverage threshold or include setting${settings === 1 ? "" : "s"}.`)];
  }
  const current = readCoverageSettings(format, after);
  const hunks = diffLines(before, after);
  const newLineCount = splitLines(after).length;
  const findings: Finding[] = [];

  const oldThresholds = byKey(old.thresholds, (t) => t.key);
  const newThresholds = byKey(current.thresholds, (t) => t.key);
  for (const [key, [was]] of oldThresholds) {
    if (was === undefined) continue;
    const now = newThresholds.get(key)?.[0];
    const name = key.replace(/#\d+$/, "");
    if (now === undefined) {
      const line = newLineForOldLine(hunks, was.line, newLineCount);
      findings.push(finding(file.path, line, line, "error", "Coverage threshold removed", `This change removes the coverage threshold ${name} (${describe(was)}).`));
    } else if (now.value < was.value) {
      const title = isSwitch(now) ? "Coverage check turned off" : "Coverage threshold lowered";
      findings.push(finding(file.path, now.line, now.line, "error", title, `This change lowers ${name} from ${describe(was)} to ${describe(now)}.`));
    }
  }

  const oldEntries = byKey(old.entries, entryKey);
  const newEntries = byKey(current.entries, entryKey);
  const severity: Severity = file.status === "added" ? "warning" : "error";
  for (const entry of old.entries) {
    if (entry.kind !== "include" || take(newEntries, entry)) continue;
    const line = newLineForOldLine(hunks, entry.line, newLineCount);
    findings.push(finding(file.path, line, line, severity, "Coverage or test scope narrowed", `This change removes "${entry.value}" from ${entry.list}, so fewer files are tested or measured.`));
  }
  for (const entry of current.entries) {
    if (entry.kind !== "exclude" || take(oldEntries, entry)) continue;
    findings.push(finding(file.path, entry.line, entry.line, severity, "Coverage or test scope narrowed", `This change adds "${entry.value}" to ${entry.list}, so fewer files are tested or measured.`));
  }
  return findings.sort((a, b) => a.startLine - b.startLine);
}

function isSwitch(setting: ThresholdSetting): boolean {
  return /(?:check-coverage|checkCoverage)(?:#\d+)?$/.test(setting.key);
}

function describe(setting: ThresholdSetting): string {
  return isSwitch(setting) ? (setting.value > 0 ? "on" : "off") : String(setting.value);
}

function entryKey(entry: ListEntry): string {
  return `${entry.list}\u0000${entry.value}`;
}

function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const same = map.get(key(item));
    if (same) same.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

/** Removes one entry equal to `entry` from `pool`; false when there is none. */
function take(pool: Map<string, ListEntry[]>, entry: ListEntry): boolean {
  const same = pool.get(entryKey(entry));
  if (same === undefined || same.length === 0) return false;
  same.pop();
  return true;
}
