import { isFilePath } from "./is-file-path.ts";
import { isIdentifierPhrase } from "./is-identifier-phrase.ts";
import type { SecretNameKind } from "./secret-name-kind.ts";
import { shannonEntropy } from "./shannon-entropy.ts";

// Whether a literal assigned to (or said of) a secret name is a credential rather than a stand-in
// for one. False positives cost: the scanner blocks code an agent writes, so fill-ins, variables,
// words and numbers are never credentials, and machine-made secrets must look random.

// Values that stand for a secret rather than being one.
const placeholder =
  /^[$%<{]|^\[|[_-]here$|your[_-]?|placeholder|change[_-]?me|example|sample|dummy|redacted|fake|mock|stub|test|xxx|\*\*\*|\.\.\.|^(?:none|null|nil|undefined|true|false|yes|no|on|off|todo|tbd|n\/a|required|optional|string|secret|password|token|foo|bar|baz|foobar|hunter2)$/i;
// A value that names the secret it stands for (`password: "db_password"`, `token: my-secret-token`).
const namesASecret = /pass(?:word|wd)|secret|token|api[_-]?key|credential/i;
const pathOrUrl = /^(?:\.{0,2}\/|~\/|[a-z][a-z0-9+.-]*:\/\/)/i;

function classes(value: string): { lower: boolean; upper: boolean; digit: boolean; symbol: boolean; count: number } {
  const lower = /[a-z]/.test(value);
  const upper = /[A-Z]/.test(value);
  const digit = /\d/.test(value);
  const symbol = /[^A-Za-z0-9]/.test(value);
  return { lower, upper, digit, symbol, count: [lower, upper, digit, symbol].filter(Boolean).length };
}

/** The entropy a random value of this length has at least; 3.5 bits from 16 characters on. */
function entropyFloor(length: number): number {
  return Math.min(3.5, Math.log2(length) - 0.5);
}

export function looksLikeSecretValue(value: string, kind: SecretNameKind): boolean {
  if (value.length < 6 || value.length > 256) return false;
  if (placeholder.test(value) || namesASecret.test(value) || pathOrUrl.test(value)) return false;
  // A vendor-shaped token inside a path is still found: the vendors' rules run before this one.
  if (isFilePath(value)) return false; // `docs/setup.md`, `src/a.ts, src/b.ts`
  if (/^[\d.,:-]+$/.test(value)) return false; // numbers, versions, dates
  if (shannonEntropy(value) < 2.5) return false; // `aaaaaaaa`, `abababab`
  const c = classes(value);
  if (kind === "password") {
    // Human-made: short, but never a plain word.
    return c.count >= 3 || (value.length >= 8 && c.digit && (c.lower || c.upper)) || (value.length >= 16 && shannonEntropy(value) >= 3.5);
  }
  // Machine-made: long and random, not words and identifiers joined up.
  const minLength = kind === "key" ? 16 : 12;
  if (value.length < minLength || isIdentifierPhrase(value)) return false;
  if (!(c.digit && (c.lower || c.upper)) && !(value.length >= 20 && c.lower && c.upper)) return false;
  return shannonEntropy(value) >= entropyFloor(value.length);
}
