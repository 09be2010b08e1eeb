// Reads the coverage and test-selection settings out of the config files test runners use, well
// enough to compare two versions of one file: thresholds (with the line each sits on) and the
// entries of include/exclude lists (with theirs). It does not evaluate code: a threshold held in a
// variable is not seen. Pure.

import { tokenizeScript, type ScriptToken } from "./tokenize-script.ts";

export type CoverageConfigFormat = "vite" | "jest" | "package-json" | "json-rc" | "pyproject" | "setup-cfg" | "coveragerc" | "pytest-ini";

export interface ThresholdSetting {
  /** Where the setting lives, e.g. `test.coverage.thresholds.branches` or `tool.coverage.report.fail_under`. */
  key: string;
  /** A percentage; `check-coverage` switches count as 1 (on) or 0 (off). */
  value: number;
  /** 1-based */
  line: number;
}

export interface ListEntry {
  /** The list, e.g. `test.coverage.include`. */
  list: string;
  /** An include-like list loses coverage when an entry goes; an exclude-like one when an entry comes. */
  kind: "include" | "exclude";
  value: string;
  /** 1-based */
  line: number;
}

export interface CoverageSettings {
  thresholds: ThresholdSetting[];
  entries: ListEntry[];
}

/** The format of a file that holds coverage or test-selection settings, by its name; undefined for any other file. */
export function coverageConfigFormat(path: string): CoverageConfigFormat | undefined {
  const name = path.split("/").at(-1) ?? path;
  if (/^(?:vitest|vite)\.config\.[cm]?[jt]s$/.test(name)) return "vite";
  if (/^jest\.config\.(?:[cm]?[jt]s|json)$/.test(name)) return "jest";
  if (name === "package.json") return "package-json";
  if (/^\.(?:nycrc|c8rc)(?:\.json|\.ya?ml)?$/.test(name)) return "json-rc";
  if (name === "pyproject.toml") return "pyproject";
  if (name === "setup.cfg" || name === "tox.ini") return "setup-cfg";
  if (name === ".coveragerc") return "coveragerc";
  if (name === "pytest.ini") return "pytest-ini";
  return undefined;
}

const thresholdKeys = new Set(["lines", "branches", "functions", "statements", "fail_under"]);
const switchKeys = new Set(["check-coverage", "checkCoverage"]);
const includeKeys = new Set(["include", "collectCoverageFrom", "testMatch", "source"]);
const excludeKeys = new Set(["exclude", "coveragePathIgnorePatterns", "testPathIgnorePatterns", "omit", "exclude_lines", "exclude_also"]);
/** Lists of regular expressions: one per line, commas included. */
const regexListKeys = new Set(["exclude_lines", "exclude_also", "partial_branches"]);

function listKind(key: string): ListEntry["kind"] | undefined {
  if (includeKeys.has(key)) return "include";
  if (excludeKeys.has(key)) return "exclude";
  return undefined;
}

/** In an include list, a `!pattern` entry (jest, nyc) excludes. */
function entryKind(kind: ListEntry["kind"], value: string): ListEntry["kind"] {
  return kind === "include" && value.startsWith("!") ? "exclude" : kind;
}

function lastSegment(key: string): string {
  return key.slice(key.lastIndexOf(".") + 1);
}

/** The settings in one version of a file of the given format. */
export function readCoverageSettings(format: CoverageConfigFormat, text: string): CoverageSettings {
  const settings = structuredSettings(format, text);
  return { thresholds: [...settings.thresholds, ...commandLineThresholds(format, text)], entries: settings.entries };
}

function structuredSettings(format: CoverageConfigFormat, text: string): CoverageSettings {
  switch (format) {
    case "vite":
      // Vite's own `exclude`s (optimizeDeps, build) are not about tests: only `test` and `coverage` count.
      return keep(scanScript(text), (key) => key.split(".").some((segment) => segment === "test" || segment === "coverage"));
    case "jest":
    case "json-rc":
      return scanScript(text);
    case "package-json":
      return keep(scanScript(text), (key) => /^(?:jest|nyc|c8)\./.test(key));
    case "pyproject":
      return keep(scanToml(text), (key) => key.startsWith("tool.coverage."));
    case "setup-cfg":
      return keep(scanIni(text), (key) => key.startsWith("coverage:"));
    case "coveragerc":
      return scanIni(text);
    case "pytest-ini":
      return { thresholds: [], entries: [] };
  }
}

function keep(settings: CoverageSettings, wanted: (key: string) => boolean): CoverageSettings {
  return { thresholds: settings.thresholds.filter((t) => wanted(t.key)), entries: settings.entries.filter((e) => wanted(e.list)) };
}

/** `--cov-fail-under=90` (pytest-cov) anywhere, and c8/nyc `--lines 90` style flags in package.json scripts. */
function commandLineThresholds(format: CoverageConfigFormat, text: string): ThresholdSetting[] {
  const flags = format === "package-json" ? /--(cov-fail-under|lines|branches|functions|statements)(?:=|\s+)(\d+(?:\.\d+)?)/g : /--(cov-fail-under)(?:=|\s+)(\d+(?:\.\d+)?)/g;
  const found: ThresholdSetting[] = [];
  const ordinals = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, index) => {
    for (const match of line.matchAll(flags)) {
      const flag = `--${match[1] ?? ""}`;
      const ordinal = ordinals.get(flag) ?? 0;
      ordinals.set(flag, ordinal + 1);
      found.push({ key: ordinal === 0 ? flag : `${flag}#${ordinal + 1}`, value: Number(match[2]), line: index + 1 });
    }
  });
  return found;
}

// --- JavaScript, TypeScript, JSON and flat YAML -------------------------------------------------

interface Frame {
  open: "{" | "[" | "(";
  key: string | undefined;
  /** For an array: the index of the element being read. */
  index: number;
}

const closers: Record<string, Frame["open"]> = { "}": "{", "]": "[", ")": "(" };

function framePath(frames: readonly Frame[]): string[] {
  const segments: string[] = [];
  frames.forEach((frame, depth) => {
    if (frame.key !== undefined) segments.push(frame.key);
    else if (frame.open === "{" && frames[depth - 1]?.open === "[") segments.push(`[${frames[depth - 1]?.index ?? 0}]`);
  });
  return segments;
}

/** Thresholds and list entries of object literals in a script, JSON, or flat YAML file. */
function scanScript(text: string): CoverageSettings {
  const settings: CoverageSettings = { thresholds: [], entries: [] };
  const frames: Frame[] = [];
  const ordinals = new Map<string, number>();
  const thresholdKey = (key: string) => {
    const ordinal = ordinals.get(key) ?? 0;
    ordinals.set(key, ordinal + 1);
    return ordinal === 0 ? key : `${key}#${ordinal + 1}`;
  };
  let pendingKey: string | undefined;
  let negative = false;
  const tokens = tokenizeScript(text);
  tokens.forEach((token, index) => {
    const previous = tokens[index - 1];
    const afterKey = pendingKey !== undefined && (previous?.value === ":" || previous?.value === "=" || (negative && previous?.value === "-"));
    if (!afterKey) negative = false;
    const path = () => [...framePath(frames), ...(pendingKey === undefined ? [] : [pendingKey])].join(".");
    if (token.type === "punct") {
      // `key: value`, and `const name = value` (an assignment to anything else names no setting).
      const declares = token.value === "=" && previous?.type === "name" && /^(?:const|let|var)$/.test(tokens[index - 2]?.value ?? "");
      if ((token.value === ":" && (previous?.type === "name" || previous?.type === "string")) || declares) {
        pendingKey = previous?.value;
        negative = false;
      } else if (token.value === "-" && afterKey) {
        negative = true;
      } else if (token.value === "{" || token.value === "[" || token.value === "(") {
        frames.push({ open: token.value, key: afterKey ? pendingKey : undefined, index: 0 });
        pendingKey = undefined;
      } else if (token.value in closers) {
        const open = closers[token.value];
        while (frames.length > 0 && frames.at(-1)?.open !== open) frames.pop();
        frames.pop();
        pendingKey = undefined;
      } else if (token.value === ",") {
        const top = frames.at(-1);
        if (top?.open === "[") top.index += 1;
        pendingKey = undefined;
      } else {
        // Anything else (an operator, the `?` of a conditional) ends a simple `key: value`.
        pendingKey = undefined;
      }
      return;
    }
    if (afterKey && pendingKey !== undefined) {
      recordValue(settings, pendingKey, token, negative, () => thresholdKey(path()), path);
      // A value like `process.env.X` or `[` is not a plain value; only the first token is.
      if (tokens[index + 1]?.value !== ":") pendingKey = undefined;
      negative = false;
      return;
    }
    const top = frames.at(-1);
    const next = tokens[index + 1];
    if (token.type === "string" && top?.open === "[" && top.key !== undefined && next?.value !== ":") {
      const kind = listKind(top.key);
      if (kind !== undefined) settings.entries.push({ list: framePath(frames).join("."), kind: entryKind(kind, token.value), value: token.value, line: token.line });
    }
  });
  return settings;
}

/** The setting a plain value after `key:` makes, if its key names one. */
function recordValue(settings: CoverageSettings, key: string, token: ScriptToken, negative: boolean, thresholdKey: () => string, path: () => string): void {
  if (token.type === "number" && thresholdKeys.has(key)) {
    settings.thresholds.push({ key: thresholdKey(), value: (negative ? -1 : 1) * Number(token.value), line: token.line });
  } else if (token.type === "name" && switchKeys.has(key) && (token.value === "true" || token.value === "false")) {
    settings.thresholds.push({ key: thresholdKey(), value: token.value === "true" ? 1 : 0, line: token.line });
  } else if (token.type === "string") {
    const kind = listKind(key);
    if (kind !== undefined) settings.entries.push({ list: path(), kind: entryKind(kind, token.value), value: token.value, line: token.line });
  }
}

// --- TOML (pyproject.toml) ---------------------------------------------------------------------

const tomlString = /"((?:\\.|[^"\\])*)"|'([^']*)'/g;

/** Stripped of a trailing `# comment` outside strings. */
function withoutComment(line: string): string {
  let quote = "";
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quote) {
      if (ch === "\\" && quote === '"') i += 1;
      else if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "#") return line.slice(0, i);
  }
  return line;
}

function scanToml(text: string): CoverageSettings {
  const settings: CoverageSettings = { thresholds: [], entries: [] };
  const lines = text.split(/\r?\n/);
  let section = "";
  for (let index = 0; index < lines.length; index += 1) {
    const line = withoutComment(lines[index] ?? "").trim();
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?$/.exec(line);
    if (header) {
      section = (header[1] ?? "").replaceAll(/["'\s]/g, "");
      continue;
    }
    const assignment = /^("[^"]*"|'[^']*'|[\w.-]+)\s*=\s*(.*)$/.exec(line);
    if (!assignment) continue;
    const key = [section, (assignment[1] ?? "").replaceAll(/["']/g, "")].filter(Boolean).join(".");
    const value = assignment[2] ?? "";
    const name = lastSegment(key);
    if (thresholdKeys.has(name) && /^[+-]?\d+(?:\.\d+)?$/.test(value)) {
      settings.thresholds.push({ key, value: Number(value), line: index + 1 });
      continue;
    }
    const kind = listKind(name);
    if (kind === undefined) continue;
    // A string or an array of strings, which may run over several lines.
    let depth = 0;
    for (let at = index, rest = value; at < lines.length; at += 1, rest = withoutComment(lines[at] ?? "")) {
      for (const match of rest.matchAll(tomlString)) settings.entries.push({ list: key, kind, value: match[1] ?? match[2] ?? "", line: at + 1 });
      const bare = rest.replaceAll(tomlString, "");
      depth += (bare.match(/\[/g)?.length ?? 0) - (bare.match(/\]/g)?.length ?? 0);
      if (depth <= 0) {
        index = at;
        break;
      }
    }
  }
  return settings;
}

// --- INI (setup.cfg, tox.ini, .coveragerc) -----------------------------------------------------

function scanIni(text: string): CoverageSettings {
  const settings: CoverageSettings = { thresholds: [], entries: [] };
  let section = "";
  let current: { key: string; kind: ListEntry["kind"] | undefined } | undefined;
  const addValues = (value: string, line: number) => {
    if (current?.kind === undefined) return;
    const pieces = regexListKeys.has(lastSegment(current.key)) ? [value] : value.split(",");
    for (const piece of pieces.map((p) => p.trim()).filter(Boolean)) settings.entries.push({ list: current.key, kind: current.kind, value: piece, line });
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (/^\s*[#;]/.test(raw) || raw.trim() === "") return;
    if (/^\s/.test(raw)) {
      addValues(raw.trim(), line);
      return;
    }
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header) {
      section = (header[1] ?? "").trim();
      current = undefined;
      return;
    }
    const assignment = /^([\w.-]+)\s*[=:]\s*(.*)$/.exec(raw);
    if (!assignment) {
      current = undefined;
      return;
    }
    const name = assignment[1] ?? "";
    const key = `${section}.${name}`;
    const value = (assignment[2] ?? "").trim();
    current = { key, kind: listKind(name) };
    if (thresholdKeys.has(name) && /^[+-]?\d+(?:\.\d+)?$/.test(value)) settings.thresholds.push({ key, value: Number(value), line });
    else addValues(value, line);
  });
  return settings;
}
