/** The sweep spent the GitHub calls it may make this time; the next one continues. */
export class SweepBudgetSpent extends Error {
  constructor() {
    super("the sweep spent its GitHub calls for this round");
    this.name = "SweepBudgetSpent";
  }
}

/** The sweep stops while fewer calls than this are left of the installation's rate limit: they are for the work. */
export const sweepRateLimitReserve = 100;

/**
 * The GitHub calls one sweep of an installation may make. The sweep shares the installation's
 * rate limit with the work it catches up on, so it reads a little each round, and stops early
 * when GitHub's last answer (`x-ratelimit-remaining`) says little is left.
 */
export class SweepBudget {
  private left: number;
  private readonly rateLimitLeft: () => Promise<number | undefined>;

  constructor(calls: number, rateLimitLeft: () => Promise<number | undefined> = () => Promise.resolve(undefined)) {
    this.left = calls;
    this.rateLimitLeft = rateLimitLeft;
  }

  /** Runs a read that costs `calls` requests, or throws SweepBudgetSpent when they are not left. */
  async read<T>(read: () => Promise<T>, calls = 1): Promise<T> {
    const limit = await this.rateLimitLeft();
    if (this.left < calls || (limit !== undefined && limit < sweepRateLimitReserve + calls)) throw new SweepBudgetSpent();
    this.left -= calls;
    return read();
  }
}
