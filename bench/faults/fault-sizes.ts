// How big each scenario runs: the CI size keeps `npm run faults` to a few minutes on 2 cores;
// the full size is the (1,000 copies, 24 killed runs, every ordering).

export interface FaultSizes {
  name: "ci" | "full";
  /** a: copies of one delivery sent at once */
  copies: number;
  /** b: work items running when a replica is killed */
  killedMidRun: number;
  /** c: runs with a replica killed at a random point */
  killedRuns: number;
  /** d: orderings of a work item's events tried (all of them when there are fewer) */
  orderings: number;
  /** e: work items with 10% of their deliveries dropped */
  droppedItems: number;
  /** f: the corpus's comments delivered (all of them at full size) */
  hostileComments: number;
  /**
   * The longest wait for the replicas to settle (FAULTS_SETTLE_MS): a dead replica's jobs must be
   * back within it. A minute at CI size: a worker is known dead once its heartbeat is half a minute old.
   */
  settleMs: number;
}

export function faultSizes(name: "ci" | "full", settleMs?: number): FaultSizes {
  const sizes: FaultSizes = name === "full"
    ? { name, copies: 1000, killedMidRun: 12, killedRuns: 24, orderings: 120, droppedItems: 24, hostileComments: Number.POSITIVE_INFINITY, settleMs: 180_000 }
    : { name, copies: 300, killedMidRun: 4, killedRuns: 3, orderings: 4, droppedItems: 6, hostileComments: 10, settleMs: 60_000 };
  return settleMs === undefined ? sizes : { ...sizes, settleMs };
}
