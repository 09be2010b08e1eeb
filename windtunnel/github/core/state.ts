import type { FakeState } from "../types.ts";

export function createState(): FakeState {
  return {
    users: new Map(),
    repos: new Map(),
    installations: new Map(),
    tokens: new Map(),
    issues: new Map(),
    pulls: new Map(),
    comments: new Map(),
    labels: new Map(),
    reviews: new Map(),
    reactions: new Map(),
    checkRuns: new Map(),
    statuses: new Map(),
    deployments: new Map(),
    deploymentStatuses: new Map(),
    apps: new Map(),
    manifestCodes: new Map(),
    rulesets: new Map(),
    refs: new Map(),
    blobs: new Map(),
    trees: new Map(),
    commits: new Map(),
    events: [],
    deliveries: [],
    issueEvents: [],
  };
}
