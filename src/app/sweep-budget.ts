/** The sweep spent the GitHub calls it may make this time; the next one continues. */
export class SweepBudgetSpent extends Error {
  constructor() {
    super("the sweep spent its GitHub calls for this round");
    this.name = "SweepBudgetSpent";
  }
}

/**
 * The GitHub calls one sweep of an installation may make. The sweep shares the installation's
 * rate limit with the work it catches up on, so it reads a little each round and stops early.
 */
export class SweepBudget {
  private left: number;

  constructor(calls: number) {
    this.left = calls;
  }

  /** Runs a read that costs `calls` requests, or throws SweepBudgetSpent when they are not left. */
  async read<T>(read: () => Promise<T>, calls = 1): Promise<T> {
    if (this.left < calls) throw new SweepBudgetSpent();
    this.left -= calls;
    return read();
  }
}
