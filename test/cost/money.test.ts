import { describe, expect, it } from "vitest";
import { formatUsd, nanoToUsd, sumUsd, usdToNano } from "../../src/cost/index.ts";

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
});
