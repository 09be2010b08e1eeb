// Deterministic ids: each kind counts up from its own base so ids look like GitHub's (large,
// distinct per kind) and two runs of the same scenario produce the same numbers.

const bases = {
  user: 1_000,
  repo: 500_000,
  issue: 2_000_000,
  pull: 3_000_000,
  comment: 4_000_000,
  label: 5_000_000,
  review: 6_000_000,
  reaction: 7_000_000,
  checkRun: 8_000_000,
  checkSuite: 9_000_000,
  status: 10_000_000,
  deployment: 11_000_000,
  deploymentStatus: 12_000_000,
  ruleset: 13_000_000,
  issueEvent: 14_000_000,
  app: 20_000,
} as const;

export type IdKind = keyof typeof bases;

export type IdSource = (kind: IdKind) => number;

export function createIdSource(): IdSource {
  const next = new Map<IdKind, number>();
  return (kind) => {
    const id = next.get(kind) ?? bases[kind] + 1;
    next.set(kind, id + 1);
    return id;
  };
}

/** GitHub's legacy global node id: base64 of `0<len>:<Type><id>` (e.g. `MDQ6VXNlcjE=` for user 1). */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString("base64");
}

/** GitHub timestamps: ISO 8601 in UTC without milliseconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
