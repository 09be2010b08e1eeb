import { describe, expect, it } from "vitest";
import { fitToLimit, githubLimits } from "../../src/domain/fit-to-limit.ts";

describe("fitToLimit", () => {
  it("leaves a text that fits as it is, at the limit exactly", () => {
    expect(fitToLimit("a".repeat(256), githubLimits.title)).toBe("a".repeat(256));
  });

  it("cuts a title at 256 characters with an ellipsis and no note", () => {
    const fitted = fitToLimit("word ".repeat(100), githubLimits.title);
    expect(fitted.length).toBeLessThanOrEqual(256);
    expect(fitted.endsWith("word…")).toBe(true);
  });

  it("never splits a grapheme: a family emoji stays whole or goes whole", () => {
    const family = "👩‍👩‍👧";
    const fitted = fitToLimit(`${"ab".repeat(24)}${family.repeat(4)}`, githubLimits.labelName);
    expect(fitted.length).toBeLessThanOrEqual(50);
    expect(fitted).toBe(`${"ab".repeat(24)}…`);
    const accents = fitToLimit("e\u0301".repeat(40), 21);
    expect(accents).toBe(`${"e\u0301".repeat(10)}…`);
  });

  it("ends a long body with the ellipsis and a note naming where the whole text lives", () => {
    const fitted = fitToLimit("x".repeat(100_000), githubLimits.body, { wholeAt: "the whole summary is in commit abc1234" });
    expect(fitted.length).toBeLessThanOrEqual(65_536);
    expect(fitted).toMatch(/x…\n\n_\(cut to GitHub's limit of 65,536 characters; the whole summary is in commit abc1234\)_$/);
  });

  it("measures in UTF-8 bytes when asked (check-run output)", () => {
    const fitted = fitToLimit("é".repeat(40_000), githubLimits.checkOutput, { bytes: true });
    expect(Buffer.byteLength(fitted, "utf8")).toBeLessThanOrEqual(65_535);
    expect(fitted).toContain("é…");
    expect(fitted).toContain("65,535 bytes");
  });
});
