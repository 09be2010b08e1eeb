import { looksLikeRandomToken, randomTokenMinLength } from "./looks-like-random-token.ts";
import { looksLikeSecretValue } from "./looks-like-secret-value.ts";
import { secretNameKind, type SecretNameKind } from "./secret-name-kind.ts";
import type { PatternRule } from "./secret-rule.ts";

// Credentials known by where they stand rather than by a vendor's prefix: the password in a URL,
// a value assigned to a secret-looking name (env, ini, YAML, properties, JSON, shell, code), a
// password said in prose, an Authorization header, and — last, with the strictest guards — a long
// random-looking token on its own. Each pattern may only start where the previous character could
// not continue what it matches, and every quantifier is bounded or atomic, so a scan stays linear.

// Unquoted code: `process.env.DB_PASSWORD`, `settings.TOKEN`, `readTokenFromDisk`.
const codePath = /^[A-Za-z_$#][\w$]*(?:(?:\.|\?\.|::|->)[A-Za-z_$#][\w$]*)+$/;
const codeIdentifier = /^[A-Za-z_$][\w$]*$/;

/** The text on the match's line before `start` and after `end`, at most 256 characters each way (a scan stays linear). */
function lineAround(input: string, start: number, end: number): { before: string; after: string } {
  const before = input.slice(Math.max(0, start - 256), start);
  const after = input.slice(end, end + 256);
  const newline = after.indexOf("\n");
  return { before: before.slice(before.lastIndexOf("\n") + 1), after: (newline < 0 ? after : after.slice(0, newline)).replace(/\r$/, "") };
}

/**
 * The assignment is a whole line of an env, ini, properties or YAML file (`export DB_PASSWORD=…`,
 * `  password: …  # prod`): an unquoted value there is a literal, not a variable.
 */
function isConfigLine(input: string, start: number, end: number): boolean {
  const { before, after } = lineAround(input, start, end);
  return /^\s*(?:export\s+|set\s+|-\s+)?["']?$/.test(before) && /^\s*(?:[#;].*)?$/.test(after);
}

function acceptQuoted(secret: string, match: RegExpExecArray): boolean {
  const kind = secretNameKind(match.groups?.name ?? "");
  if (kind === undefined) return false;
  if (kind === "key" && !isConfigLine(match.input, match.index, match.index + match[0].length)) return false;
  return looksLikeSecretValue(secret, kind);
}

function acceptUnquoted(secret: string, match: RegExpExecArray): boolean {
  const kind = secretNameKind(match.groups?.name ?? "");
  if (kind === undefined) return false;
  const end = (match.indices?.groups?.secret?.[1]) ?? match.index + match[0].length;
  // Longer than a value, or code going on: a call, a member, an index.
  if (/^[^\s"'`,;(){}[\]<>]|^[.([]/.test(match.input.slice(end, end + 1))) return false;
  if (codePath.test(secret)) return false;
  const configLine = isConfigLine(match.input, match.index, end);
  if (kind === "key" && !configLine) return false;
  if (codeIdentifier.test(secret) && !/\d/.test(secret)) return false;
  // Outside a config line an unquoted value may be code: only a long random one counts, or a
  // password with a character no identifier has (a `Password=…;` in a connection string).
  return looksLikeSecretValue(secret, configLine || (kind === "password" && /[^\w$]/.test(secret)) ? kind : "token");
}

function acceptInText(secret: string, match: RegExpExecArray): boolean {
  const name = (match.groups?.name ?? "").toLowerCase();
  const kind: SecretNameKind = /^(?:pass|pw|pin)/.test(name) ? "password" : "token";
  if (codePath.test(secret) || (codeIdentifier.test(secret) && !/\d/.test(secret))) return false;
  return looksLikeSecretValue(secret, kind);
}

function acceptUrlPassword(secret: string, match: RegExpExecArray): boolean {
  const user = match.groups?.user ?? "";
  if (secret === user || secret.length < 3) return false;
  if (/^(?:[$%<{[*x]|pass(?:word|wd)?$|pwd$|pw$|secret$|changeme$)/i.test(secret)) return false;
  return !/example|placeholder|your[_-]?|redacted|change[_-]?me/i.test(secret);
}

// Only a name that ends like a secret's is a candidate (the lookbehind), so ordinary `a=b` costs nothing.
const name = String.raw`(?<![A-Za-z0-9_.$-])(?=(?<name>[$A-Za-z_-][A-Za-z0-9_.-]{0,63}))\k<name>(?<=(?:pass(?:word|wd|phrase|code)?|pwd|pw|secret|token|key|auth|credentials?|dsn|string))["']?[ \t]{0,8}(?::=|=>|[:=])[ \t]{0,8}`;

export const credentialRules: PatternRule[] = [
  {
    // scheme://user:password@host — any scheme: postgres, mysql, redis, amqp, https, mongodb+srv.
    kind: "url-credentials",
    pattern: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/(?<user>[^\s:/?#@"'`<>]{0,128}):(?<secret>[^\s/?#@"'`<>]{1,256})@(?=[A-Za-z0-9[])/dg,
    accept: acceptUrlPassword,
  },
  {
    kind: "authorization-header",
    pattern: /(?<![A-Za-z0-9-])(?:proxy-)?authorization["']?[ \t]{0,8}[:=][ \t]{0,8}["']?(?:bearer|basic|token|digest)[ \t]{1,8}(?=(?<secret>[A-Za-z0-9._~+/=-]{8,1024}))\k<secret>/dgi,
    accept: (secret) => !/^(?:[$<{[]|x{4}|\*{3})/i.test(secret) && /\d/.test(secret) && /[A-Za-z]/.test(secret),
  },
  {
    kind: "generic-secret",
    // (?=(?<x>…))\k<x> matches like an atomic group: the engine never backtracks into the name or the value.
    pattern: new RegExp(String.raw`${name}(?<quote>["'\x60])(?=(?<secret>[^"'\x60\r\n]{1,256}))\k<secret>\k<quote>`, "dgi"),
    accept: acceptQuoted,
  },
  {
    kind: "generic-secret",
    // The value is looked at, not consumed, so a name inside it (`?code=1&token=…`) is tried too;
    // at most 256 characters are looked at from each name.
    pattern: new RegExp(String.raw`${name}(?=(?<secret>[^\s"'\x60,;(){}[\]<>]{1,256}))`, "dgi"),
    accept: acceptUnquoted,
  },
  {
    // "the db password is …", "token for prod was …", "passphrase is: …" — followed by a value that is not a word.
    kind: "password-in-text",
    pattern:
      /(?<![A-Za-z])(?<name>pass(?:words?|wd|phrase|code)|pwd|pw|pin|secret|token|api[ _-]?key)(?:[ \t]+(?:for|of|on|to)[ \t]+[^\s]{1,40})?[ \t]{1,4}(?:is|was)(?:[ \t]+(?:set[ \t]+to|now|still|currently|just))?[ \t]*:?[ \t]{1,4}["'`*]{0,2}(?<secret>[^\s"'`*]{0,127}[^\s"'`*.,;:!?)\]])/dgi,
    accept: acceptInText,
  },
  {
    kind: "high-entropy-string",
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{${randomTokenMinLength},}={0,2}`, "dg"),
    accept: looksLikeRandomToken,
  },
];
