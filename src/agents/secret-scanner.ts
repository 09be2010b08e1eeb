// Credentials never reach a model, and a model's output never commits one. This scanner runs on
// text before it goes into a prompt and on model output before it is written to a branch. It is
// pure: no I/O, no clock, no randomness.
//
// Every pattern runs in linear time: a quantifier that can backtrack is bounded, and a token pattern
// may only start where the previous character could not belong to the token (a lookbehind), so a
// long run of token characters is tried from its start only. Private-key blocks are found by hand.

export interface SecretFinding {
  kind: string;
  /** 1-based */
  line: number;
  /** 1-based, in UTF-16 code units */
  column: number;
  /** a safe preview like "AKIA…MPLE" (never the whole secret) */
  preview: string;
}

interface Span {
  kind: string;
  start: number;
  end: number;
  report: boolean;
}

interface PatternRule {
  kind: string;
  /** Global, with indices (`dg`). A `secret` group, when present, is the part reported and redacted. */
  pattern: RegExp;
  accept?: (secret: string, match: RegExpExecArray) => boolean;
  /** False for a rule that only shields text from later rules. */
  report?: boolean;
}

interface ProceduralRule {
  kind: string;
  /** [start, end) ranges in order, not overlapping. */
  find: (text: string) => Array<[number, number]>;
}

type Rule = PatternRule | ProceduralRule;

/** Shannon entropy in bits per character (per code point). */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  let length = 0;
  for (const ch of value) {
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
    length += 1;
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const genericEntropyThreshold = 3.5;
const genericMinLength = 16;

/** Rejects obvious fill-ins such as `ghp_xxxx…` or `AKIA0000…`: real tokens are random. */
function looksRandom(body: string): boolean {
  return shannonEntropy(body) >= 2.5;
}

function jwtHeaderHasAlg(token: string): boolean {
  const header = token.slice(0, token.indexOf("."));
  const json = Buffer.from(header, "base64url").toString("utf8");
  if (!json.includes('"alg"')) return false;
  let decoded: unknown;
  try {
    decoded = JSON.parse(json);
  } catch {
    return false;
  }
  return typeof decoded === "object" && decoded !== null && "alg" in decoded && typeof decoded.alg === "string";
}

// Assignment keys whose values are credentials: the identifier's last segment must end with one.
const secretKeyName = /(?:api[_-]?key|secret(?:[_-]?key)?|token|password|passwd|client[_-]?secret|access[_-]?key|private[_-]?key)$/i;
// Values that stand for a secret rather than being one.
const placeholderValue =
  /^[$%]|your[_-]|[_-]here$|placeholder|change[_-]?me|example|sample|dummy|redacted|fake|xxxx|\*\*\*\*|\.\.\./i;
// Unquoted values that are code: `process.env.OPENAI_API_KEY`, `settings.TOKEN`, `readTokenFromDisk`.
const codePath = /^[A-Za-z_$][\w$]*(?:(?:\.|::)[A-Za-z_$][\w$]*)+$/;
const codeIdentifier = /^[A-Za-z_$][\w$]*$/;

function acceptGeneric(secret: string, match: RegExpExecArray): boolean {
  const name = match.groups?.name ?? "";
  const lastSegment = name.slice(name.lastIndexOf(".") + 1);
  if (!secretKeyName.test(lastSegment)) return false;
  if (placeholderValue.test(secret)) return false;
  const quoted = (match.groups?.quote ?? "") !== "";
  if (!quoted) {
    if (codePath.test(secret)) return false;
    if (codeIdentifier.test(secret) && !/\d/.test(secret)) return false;
    const end = match.index + match[0].length;
    if (match.input[end] === "(") return false;
  }
  return shannonEntropy(secret) >= genericEntropyThreshold;
}

const privateKeyKind = "private-key";
const pemBegin = /-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----/g;
const pemEnd = /-----END (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----/g;
const pemBodyLine = /^[A-Za-z0-9+/=]+$/;
const pemHeaderLine = /^(?:Proc-Type|DEK-Info|Comment):/;

/** The length of the line break at `at` (1 or 2), or 0 if there is none. */
function lineBreakAt(text: string, at: number): number {
  if (text[at] === "\n") return 1;
  return text[at] === "\r" && text[at + 1] === "\n" ? 2 : 0;
}

/** BEGIN through END; a block without an END runs through the key-looking lines that follow it. */
function findPrivateKeys(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const begin = new RegExp(pemBegin.source, "g");
  const end = new RegExp(pemEnd.source, "g");
  let endExhausted = false; // once no END follows some point, none follows any later one
  for (let m = begin.exec(text); m !== null; m = begin.exec(text)) {
    const start = m.index;
    let stop = -1;
    if (!endExhausted) {
      end.lastIndex = start + m[0].length;
      const e = end.exec(text);
      if (e === null) endExhausted = true;
      else stop = e.index + e[0].length;
    }
    if (stop < 0) {
      stop = start + m[0].length;
      let afterHeader = false;
      for (let lineBreak = lineBreakAt(text, stop); lineBreak > 0; lineBreak = lineBreakAt(text, stop)) {
        const lineStart = stop + lineBreak;
        const newline = text.indexOf("\n", lineStart);
        const line = text.slice(lineStart, newline < 0 ? text.length : newline).replace(/\r$/, "");
        const header = pemHeaderLine.test(line);
        if (!(pemBodyLine.test(line) || header || (afterHeader && line === ""))) break;
        afterHeader = header;
        stop = lineStart + line.length;
      }
    }
    ranges.push([start, stop]);
    begin.lastIndex = stop;
  }
  return ranges;
}

// A key may only start where a value could not continue, so a run of value characters is tried once.
const genericValueChars = String.raw`A-Za-z0-9_+/=.~!@#$%^*:|\-`;

// Ordered from most to least specific: where spans overlap, the earlier rule wins.
const rules: Rule[] = [
  // A shield: base64 image data is never reported, whatever shapes it happens to contain.
  { kind: "data-url", report: false, pattern: /data:[a-z]{1,20}\/[\w.+-]{1,100}(?:;[\w=.-]{1,100}){0,5};base64,[A-Za-z0-9+/=]+/dgi },
  { kind: privateKeyKind, find: findPrivateKeys },
  {
    kind: "aws-access-key-id",
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/dg,
    accept: (secret) => looksRandom(secret.slice(4)),
  },
  {
    kind: "aws-secret-access-key",
    pattern:
      /(?<![A-Za-z0-9])(?:aws[_-]?)?secret[_-]?access[_-]?key["']?[ \t]{0,8}(?::=|=>|[:=])[ \t]{0,8}["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    accept: looksRandom,
  },
  {
    kind: "github-fine-grained-token",
    pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/dg,
    accept: (secret) => looksRandom(secret.slice(11)),
  },
  {
    kind: "github-token",
    pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/dg,
    accept: (secret) => looksRandom(secret.slice(4)),
  },
  {
    kind: "slack-webhook-url",
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,250}/dg,
    accept: (secret) => looksRandom(secret.slice(secret.indexOf("/", 24) + 1)),
  },
  {
    kind: "slack-token",
    pattern: /(?<![A-Za-z0-9-])xox[abprs]-[A-Za-z0-9-]{20,250}(?![A-Za-z0-9-])/dg,
    accept: (secret) => /\d/.test(secret) && looksRandom(secret.slice(5)),
  },
  {
    kind: "anthropic-api-key",
    pattern: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{32,250}(?![A-Za-z0-9_-])/dg,
    accept: (secret) => shannonEntropy(secret.slice(7)) >= 3,
  },
  {
    kind: "openai-api-key",
    pattern: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250}|[A-Za-z0-9]{40,250})(?![A-Za-z0-9_-])/dg,
    accept: (secret) => /\d/.test(secret) && shannonEntropy(secret.slice(3)) >= 3,
  },
  {
    kind: "stripe-live-key",
    pattern: /(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_])/dg,
    accept: (secret) => looksRandom(secret.slice(8)),
  },
  {
    kind: "google-api-key",
    pattern: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/dg,
    accept: (secret) => looksRandom(secret.slice(4)),
  },
  {
    kind: "jwt",
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,2048}\.[A-Za-z0-9_-]{2,16384}\.[A-Za-z0-9_-]{8,2048}(?![A-Za-z0-9_-])/dg,
    accept: jwtHeaderHasAlg,
  },
  {
    kind: "generic-secret",
    pattern: new RegExp(
      // (?=(?<x>…))\k<x> matches like an atomic group: the engine never backtracks into the name or the value.
      String.raw`(?<![${genericValueChars}])(?=(?<name>[$A-Za-z_\-][A-Za-z0-9_.\-]{0,63}))\k<name>["']?[ \t]{0,8}(?::=|=>|[:=])[ \t]{0,8}(?<quote>["'\x60]?)` +
        String.raw`(?=(?<secret>[${genericValueChars}]{${genericMinLength},256}))\k<secret>(?![${genericValueChars}])`,
      "dg",
    ),
    accept: acceptGeneric,
  },
];

function findRuleSpans(text: string, rule: Rule): Span[] {
  if ("find" in rule) return rule.find(text).map(([start, end]) => ({ kind: rule.kind, start, end, report: true }));
  const spans: Span[] = [];
  for (const match of text.matchAll(rule.pattern)) {
    const range = match.indices?.groups?.secret ?? match.indices?.[0];
    if (range === undefined) continue;
    const secret = text.slice(range[0], range[1]);
    if (rule.accept !== undefined && !rule.accept(secret, match)) continue;
    spans.push({ kind: rule.kind, start: range[0], end: range[1], report: rule.report ?? true });
  }
  return spans;
}

/** Rule by rule, most specific first, keeps each span that overlaps none already kept. Linear per rule. */
function findSpans(text: string): Span[] {
  let kept: Span[] = [];
  for (const rule of rules) {
    const merged: Span[] = [];
    let i = 0;
    for (const candidate of findRuleSpans(text, rule)) {
      for (let next = kept[i]; next !== undefined && next.end <= candidate.start; next = kept[++i]) merged.push(next);
      const previous = merged.at(-1);
      const next = kept[i];
      const clashes = (previous !== undefined && previous.end > candidate.start) || (next !== undefined && next.start < candidate.end);
      if (!clashes) merged.push(candidate);
    }
    kept = merged.concat(kept.slice(i));
  }
  return kept.filter((span) => span.report);
}

function preview(kind: string, secret: string): string {
  if (kind === privateKeyKind) return `${/^-----BEGIN ([A-Z ]+)-----/.exec(secret)?.[1] ?? "PRIVATE KEY"}…`;
  const shown = Math.min(4, Math.floor(secret.length / 5));
  return shown === 0 ? "…" : `${secret.slice(0, shown)}…${secret.slice(-shown)}`;
}

function toFindings(text: string, spans: Span[]): SecretFinding[] {
  const findings: SecretFinding[] = [];
  let line = 1;
  let lineStart = 0;
  let nextBreak = text.indexOf("\n");
  for (const span of spans) {
    while (nextBreak >= 0 && nextBreak < span.start) {
      line += 1;
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf("\n", lineStart);
    }
    findings.push({ kind: span.kind, line, column: span.start - lineStart + 1, preview: preview(span.kind, text.slice(span.start, span.end)) });
  }
  return findings;
}

/** Every credential in `text`, in order of appearance, each reported once under its most specific kind. */
export function scanSecrets(text: string): SecretFinding[] {
  return toFindings(text, findSpans(text));
}

/** Replaces every match with `[REDACTED:<kind>]`, returning the new text and the findings. */
export function redactSecrets(text: string): { text: string; findings: SecretFinding[] } {
  const spans = findSpans(text);
  let out = "";
  let cursor = 0;
  for (const span of spans) {
    out += `${text.slice(cursor, span.start)}[REDACTED:${span.kind}]`;
    cursor = span.end;
  }
  return { text: out + text.slice(cursor), findings: toFindings(text, spans) };
}
