// `build-cache-v3-linux-x64-node22`, `release-2024-q3-build7`: words and identifiers joined by
// separators name something. A machine-made secret is random and does not read like that.

/** At least three parts joined by `-`, `_` or `.`, each a word with an optional number or a number. */
export function isIdentifierPhrase(value: string): boolean {
  const parts = value.split(/[-_.]/);
  return parts.length >= 3 && parts.every((part) => /^(?:[A-Za-z][a-z]*|[A-Z]+)\d*$|^\d+$/.test(part));
}
