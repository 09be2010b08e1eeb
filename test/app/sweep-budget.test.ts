import { describe, expect, it } from "vitest";
import { SweepBudget, SweepBudgetSpent, sweepRateLimitReserve } from "../../src/app/sweep-budget.ts";

describe("SweepBudget", () => {
  it("lets a round make its calls, then stops it without making the next", async () => {
    const budget = new SweepBudget(3);
    let made = 0;
    const read = () => Promise.resolve(++made);
    expect(await budget.read(read, 2)).toBe(1);
    expect(await budget.read(read)).toBe(2);
    await expect(budget.read(read)).rejects.toBeInstanceOf(SweepBudgetSpent);
    expect(made).toBe(2);
  });

  it("stops while GitHub says little is left of the installation's rate limit, whatever the round has left", async () => {
    let left: number | undefined = sweepRateLimitReserve + 1;
    const budget = new SweepBudget(100, () => Promise.resolve(left));
    expect(await budget.read(() => Promise.resolve("read"))).toBe("read");
    left = sweepRateLimitReserve;
    await expect(budget.read(() => Promise.resolve("read"))).rejects.toBeInstanceOf(SweepBudgetSpent);
    // Before GitHub has answered anything, only the round's own count applies.
    left = undefined;
    expect(await budget.read(() => Promise.resolve("read"))).toBe("read");
  });
});
