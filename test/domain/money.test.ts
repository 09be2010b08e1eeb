import { describe, expect, it } from "vitest";
import { formatUsd, nanoToUsd, sumUsd, usdToNano } from "../../src/domain/index.ts";

describe("money", () => {
  it("sums exactly where floating point would drift", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumUsd(["0.1", "0.2"])).toBe("0.300000000");
    expect(sumUsd(Array.from({ length: 1000 }, () => "0.000000001"))).toBe("0.000001000");
  });

  it("round-trips nano-dollars", () => {
    expect(usdToNano("4.8")).toBe(4_800_000_000n);
    expect(nanoToUsd(123n)).toBe("0.000000123");
    expect(usdToNano("12.345678912")).toBe(12_345_678_912n);
  });

  it("formats to the cent, keeping small amounts visible", () => {
    expect(formatUsd("4.8")).toBe("$4.80");
    expect(formatUsd("0.004")).toBe("$0.0040");
    expect(formatUsd("0")).toBe("$0.00");
    expect(formatUsd("1.005")).toBe("$1.01");
  });

  it("rounds up a cap and down what is left, so the two never read the same when they differ", () => {
    expect(formatUsd("0.800000001", "up")).toBe("$0.81");
    expect(formatUsd("0.799999999", "down")).toBe("$0.79");
    expect(formatUsd("0.8", "up")).toBe("$0.80");
    expect(formatUsd("0.8", "down")).toBe("$0.80");
    expect(formatUsd("0.00123456", "up")).toBe("$0.0013");
    expect(formatUsd("0.00123456", "down")).toBe("$0.0012");
    expect(formatUsd("-1.005", "down")).toBe("-$1.01");
  });
});
