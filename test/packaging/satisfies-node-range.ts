// The subset of npm's semver ranges that `engines.node` fields in the lockfile use: `||`, `>=`,
// `^`, `*` and (partial) versions with `x` or `*` wildcards. Anything else is refused by name, so
// a new form fails loudly instead of being misread.

type Version = [number, number, number];

function parseVersion(text: string): Version {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (!match) throw new Error(`not a version: "${text}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i += 1) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** The numbers a partial version gives (`13.7` → [13, 7]; `10.x` → [10]). */
function givenParts(text: string): number[] {
  const parts: number[] = [];
  for (const part of text.split(".")) {
    if (part === "x" || part === "X" || part === "*") break;
    if (!/^\d+$/.test(part)) throw new Error(`unsupported version "${text}"`);
    parts.push(Number(part));
  }
  return parts;
}

function satisfiesComparator(version: Version, comparator: string): boolean {
  if (comparator === "*" || comparator === "") return true;
  const match = /^(>=|\^)?(.+)$/.exec(comparator);
  const operator = match?.[1];
  const parts = givenParts(match?.[2] ?? "");
  if (operator === ">=") return compare(version, parts) >= 0;
  if (operator === "^") return version[0] === parts[0] && compare(version, parts) >= 0;
  return parts.every((part, i) => version[i] === part);
}

/** Whether Node `version` (e.g. "20.19.0") meets an `engines.node` range. */
export function satisfiesNodeRange(version: string, range: string): boolean {
  const parsed = parseVersion(version);
  return range.split("||").some((alternative) => {
    const comparators = alternative.trim().replace(/(>=|\^)\s+/g, "$1").split(/\s+/);
    for (const comparator of comparators) if (/^(<|>(?!=)|~|=)/.test(comparator)) throw new Error(`unsupported range "${range}"`);
    return comparators.every((comparator) => satisfiesComparator(parsed, comparator));
  });
}
