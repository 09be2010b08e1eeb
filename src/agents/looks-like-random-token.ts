import { shannonEntropy } from "./shannon-entropy.ts";

// A long run of token characters with no name or prefix to go by is a credential only when it
// looks machine-random: upper and lower case and digits mixed, high entropy, and none of what
// code and documents are full of — hashes and UUIDs (hex), paths and kebab-case phrases, long
// identifiers, base64 of readable text (GitHub node ids, JSON), data too long to be a key.

export const randomTokenMinLength = 24;
const maxLength = 256;

/** Most of it decodes from base64 to readable text: encoded data, not a random secret. */
function encodesText(candidate: string): boolean {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(candidate)) return false;
  const bytes = Buffer.from(candidate, candidate.includes("-") || candidate.includes("_") ? "base64url" : "base64");
  if (bytes.length < 12) return false;
  let printable = 0;
  for (const byte of bytes) if ((byte >= 0x20 && byte < 0x7f) || byte === 0x0a || byte === 0x0d || byte === 0x09) printable += 1;
  return printable / bytes.length >= 0.9;
}

/** Words joined by separators (`src/agents/secret-scanner.ts`, `Placeholder-Secret-Value-9`). */
function isPhrase(candidate: string): boolean {
  return candidate.split(/[-_./+=:]+/).every((part) => /^(?:[A-Za-z]+|\d+)?$/.test(part));
}

/** Share of characters in word-like runs (`Code`, `execution`): high in identifiers, low in random text. */
function wordiness(candidate: string): number {
  let inWords = 0;
  for (const run of candidate.match(/[A-Z]?[a-z]{3,}/g) ?? []) inWords += run.length;
  return inWords / candidate.length;
}

export function looksLikeRandomToken(candidate: string): boolean {
  if (candidate.length < randomTokenMinLength || candidate.length > maxLength) return false;
  // An object id behind a word (`msg_01…`, `user_01…`, `chatcmpl-…`): vendors' token prefixes have rules of their own.
  if (/^[a-z]{2,12}[_-]/.test(candidate)) return false;
  // A regular expression's character class (`0-9A-HJKMNP-TV-Z`).
  if (/0-9|A-Z|a-z/.test(candidate)) return false;
  if (/^[0-9a-fA-F-]+$/.test(candidate)) return false;
  if (!(/[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /\d/.test(candidate))) return false;
  if (isPhrase(candidate) || wordiness(candidate) > 0.4) return false;
  if (shannonEntropy(candidate) < Math.min(4, Math.log2(candidate.length) - 0.7)) return false;
  return !encodesText(candidate);
}
