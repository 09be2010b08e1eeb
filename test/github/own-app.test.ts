import { describe, expect, it } from "vitest";
import { isOwnComment } from "../../src/github/own-app.ts";

const own = { id: 4242, login: "pitwall[bot]" };

describe("isOwnComment", () => {
  it("trusts a comment by the app's own bot, with or without GitHub naming the app", () => {
    expect(isOwnComment({ user: { login: "Pitwall[bot]" }, performed_via_github_app: { id: 4242 } }, own)).toBe(true);
    expect(isOwnComment({ user: { login: "pitwall[bot]" }, performed_via_github_app: null }, own)).toBe(true);
  });

  it("does not trust a person, another app's bot, or a person acting through this app", () => {
    expect(isOwnComment({ user: { login: "mallory" }, performed_via_github_app: null }, own)).toBe(false);
    expect(isOwnComment({ user: { login: "github-actions[bot]" }, performed_via_github_app: { id: 15368 } }, own)).toBe(false);
    expect(isOwnComment({ user: { login: "mallory" }, performed_via_github_app: { id: 4242 } }, own)).toBe(false);
    expect(isOwnComment({ user: { login: "pitwall[bot]" }, performed_via_github_app: { id: 15368 } }, own)).toBe(false);
    expect(isOwnComment({ user: null }, own)).toBe(false);
  });
});
