import { describe, expect, it } from "vitest";
import { dollarsToNano, formatUsd, nanoToUsd, sumNano, usdToNano } from "../../src/domain/index.ts";

const sumUsd = (amounts: string[]) => nanoToUsd(sumNano(amounts.map(usdToNano)));

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
    expect(formatUsd(usdToNano("4.8"))).toBe("$4.80");
    expect(formatUsd(usdToNano("0.004"))).toBe("$0.0040");
    expect(formatUsd(usdToNano("0"))).toBe("$0.00");
    expect(formatUsd(usdToNano("1.005"))).toBe("$1.01");
  });

  it("rounds up a cap and down what is left, so the two never read the same when they differ", () => {
    expect(formatUsd(usdToNano("0.800000001"), "up")).toBe("$0.81");
    expect(formatUsd(usdToNano("0.799999999"), "down")).toBe("$0.79");
    expect(formatUsd(usdToNano("0.8"), "up")).toBe("$0.80");
    expect(formatUsd(usdToNano("0.8"), "down")).toBe("$0.80");
    expect(formatUsd(usdToNano("0.00123456"), "up")).toBe("$0.0013");
    expect(formatUsd(usdToNano("0.00123456"), "down")).toBe("$0.0012");
    expect(formatUsd(usdToNano("-1.005"), "down")).toBe("-$1.01");
  });

  it("parses config dollars by their decimal digits, not their binary value", () => {
    expect(0.1 + 0.2).toBe(0.30000000000000004);
    expect(dollarsToNano(0.1 + 0.2)).toBe(300_000_000n);
    expect(dollarsToNano(0.1) + dollarsToNano(0.2)).toBe(dollarsToNano(0.3));
    expect(dollarsToNano(5)).toBe(5_000_000_000n);
    expect(dollarsToNano(0.000000001)).toBe(1n);
    // String(1e-7) is "1e-7", which a decimal parser would refuse.
    expect(dollarsToNano(1e-7)).toBe(100n);
    expect(dollarsToNano(12.345678912)).toBe(12_345_678_912n);
    expect(dollarsToNano(-2.5)).toBe(-2_500_000_000n);
    expect(() => dollarsToNano(Number.NaN)).toThrow("not a dollar amount");
    expect(() => dollarsToNano(Number.POSITIVE_INFINITY)).toThrow("not a dollar amount");
  });

  it("parses a dollar string exactly and refuses what is not one", () => {
    expect(usdToNano("0.1") + usdToNano("0.2")).toBe(usdToNano("0.3"));
    expect(usdToNano(" 7 ")).toBe(7_000_000_000n);
    expect(usdToNano("-0.000000001")).toBe(-1n);
    expect(() => usdToNano("1e-7")).toThrow("not a dollar amount");
    expect(() => usdToNano("$1")).toThrow("not a dollar amount");
  });

  it("sums nano-dollars", () => {
    expect(sumNano([])).toBe(0n);
    expect(sumNano([100_000_000n, 200_000_000n])).toBe(300_000_000n);
  });
});
