// Credentials never reach a model, and a model's output never commits one. This scanner runs on
// text before it goes into a prompt and on model output before it is written to a branch. It is
// pure: no I/O, no clock, no randomness.
//
// Every pattern runs in linear time: a quantifier that can backtrack is bounded, and a token pattern
// may only start where the previous character could not belong to the token (a lookbehind), so a
// long run of token characters is tried from its start only. Private-key blocks are found by hand.

import { credentialRules } from "./credential-rules.ts";
import { encodesDigest } from "./encodes-digest.ts";
import { encodesImageOrFont } from "./encodes-image-or-font.ts";
import type { SecretRule as Rule } from "./secret-rule.ts";
import { shannonEntropy } from "./shannon-entropy.ts";

export { shannonEntropy } from "./shannon-entropy.ts";

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

// Ordered from most to least specific: where spans overlap, the earlier rule wins.
const rules: Rule[] = [
  // Shields: public SSH keys, Stripe's test and publishable keys.
  { kind: "ssh-public-key", report: false, pattern: /(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp(?:256|384|521)) AAAA[A-Za-z0-9+/]{20,8192}={0,2}/dg },
  { kind: "stripe-public-key", report: false, pattern: /(?<![A-Za-z0-9_])(?:[spr]k_test_|pk_live_)[A-Za-z0-9]{10,247}(?![A-Za-z0-9_])/dg },
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
    kind: "gitlab-token",
    pattern: /(?<![A-Za-z0-9_-])gl(?:pat|dt|ptt|rt|cbt|soat|ft|imt|oas|agent)-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/dg,
    accept: (secret) => looksRandom(secret.slice(secret.indexOf("-") + 1)),
  },
  {
    kind: "npm-token",
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/dg,
    accept: (secret) => looksRandom(secret.slice(4)),
  },
  {
    kind: "pypi-token",
    pattern: /(?<![A-Za-z0-9_-])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])/dg,
  },
  {
    kind: "huggingface-token",
    pattern: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34}(?![A-Za-z0-9_])/dg,
    accept: (secret) => looksRandom(secret.slice(3)),
  },
  {
    kind: "sendgrid-api-key",
    pattern: /(?<![A-Za-z0-9_.-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/dg,
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
  // Shields after the vendors' rules, so a vendor-shaped key inside one is still reported: base64
  // image and font data, integrity hashes (npm, pnpm, yarn, go.sum, SRI, OCI) of their digest's
  // exact size, and password hashes (bcrypt, argon2, scrypt, pbkdf2), which let no one in.
  {
    kind: "data-url",
    report: false,
    pattern: /data:(?<type>[a-z]{1,20}\/[\w.+-]{1,100})(?:;[\w=.-]{1,100}){0,5};base64,(?<payload>[A-Za-z0-9+/]+={0,2})/dgi,
    accept: (_secret, match) => encodesImageOrFont(match.groups?.type ?? "", match.groups?.payload ?? ""),
  },
  {
    kind: "integrity-hash",
    report: false,
    pattern: /(?<![A-Za-z0-9])(?<algorithm>sha(?:1|256|384|512)|h1)[-:](?<digest>[A-Za-z0-9+/]{27,128}={0,2})(?![A-Za-z0-9+/=])/dg,
    accept: (_secret, match) => encodesDigest(match.groups?.algorithm ?? "", match.groups?.digest ?? ""),
  },
  {
    kind: "password-hash",
    report: false,
    pattern:
      /(?<![\w$])\$(?:2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}(?![./A-Za-z0-9])|(?:argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha(?:1|256|512))?)(?:\$[^\s$"'`]{1,128}){1,3}\$[A-Za-z0-9+/.]{16,128}={0,2}(?![A-Za-z0-9+/.=$]))/dg,
  },
  ...credentialRules,
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
