import { describe, expect, it } from "vitest";
import { satisfiesNodeRange } from "./satisfies-node-range.ts";

describe("satisfiesNodeRange", () => {
  it.each([
    ["20.20.2", ">=22", false],
    ["22.0.0", ">=22.0.0", true],
    ["22.19.0", ">=22.20.0", false],
    ["20.20.2", ">= 20", true],
    ["20.20.2", "^20.19.0 || >=22.12.0", true],
    ["20.18.0", "^20.19.0 || >=22.12.0", false],
    ["23.11.0", "^20.19.0 || ^22.13.0 || >=24", false],
    ["25.2.0", "^22.12.0 || ^24.0.0 || >=26.0.0", false],
    ["24.21.0", "^22.12.0 || ^24.0.0 || >=26.0.0", true],
    ["20.20.2", "18 || 20 || >=22", true],
    ["21.0.0", "18 || 20 || >=22", false],
    ["14.7.0", "^13.7", false],
    ["13.8.0", "^13.7", true],
    ["9.0.0", "6.* || 8.* || >= 10.*", false],
    ["10.1.0", ">= 10.x", true],
    ["0.1.0", "*", true],
  ])("%s meets %s: %s", (version, range, expected) => {
    expect(satisfiesNodeRange(version, range)).toBe(expected);
  });

  it("refuses a form it does not know rather than guess", () => {
    expect(() => satisfiesNodeRange("20.0.0", ">=18 <21")).toThrow('unsupported range ">=18 <21"');
  });
});
