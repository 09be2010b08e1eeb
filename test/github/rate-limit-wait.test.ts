import { describe, expect, it } from "vitest";
import { RequestError } from "@octokit/request-error";
import { toRateLimitWait } from "../../src/github/rate-limit-wait.ts";
import { WaitError, retryDelayMs, waitDelayMs } from "../../src/scheduler/job-errors.ts";

// GitHub's rate-limit answers as documented (docs.github.com "Rate limits for the REST API"):
// a secondary limit with or without `retry-after`, a primary one with `x-ratelimit-remaining: 0`
// and `x-ratelimit-reset` (epoch seconds), on 403 or 429.
const now = new Date("2026-12-07T03:00:00Z");
const epoch = (date: Date) => String(Math.floor(date.getTime() / 1000));

function githubError(status: number, message: string, headers: Record<string, string>): RequestError {
  return new RequestError(message, status, {
    request: { method: "POST", url: "https://api.github.com/repos/acme/rocket/pulls", headers: {} },
    response: { status, url: "https://api.github.com/repos/acme/rocket/pulls", headers, data: { message } },
  });
}

describe("toRateLimitWait", () => {
  it("waits as long as a secondary limit's retry-after says", () => {
    const wait = toRateLimitWait(githubError(403, "You have exceeded a secondary rate limit.", { "retry-after": "60" }), now);
    expect(wait).toBeInstanceOf(WaitError);
    expect(wait).toMatchObject({ waitingFor: "GitHub", reason: "secondary rate limit", retryAfterMs: 60_000 });
  });

  it("waits a minute for a secondary limit that names no time, as GitHub advises", () => {
    expect(toRateLimitWait(githubError(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", {}), now)).toMatchObject({ retryAfterMs: 60_000 });
  });

  it("waits for a primary limit's reset, measured against GitHub's own Date header", () => {
    // GitHub's clock is 5 minutes ahead of Pitwall's: the wait is still the 90 s GitHub means.
    const github = new Date(now.getTime() + 300_000);
    const wait = toRateLimitWait(githubError(429, "API rate limit exceeded for installation ID 777.", { "x-ratelimit-remaining": "0", "x-ratelimit-reset": epoch(new Date(github.getTime() + 90_000)), date: github.toUTCString() }), now);
    expect(wait).toMatchObject({ waitingFor: "GitHub", reason: "rate limit", retryAfterMs: 91_000 });
  });

  it("leaves other 403s (a permission GitHub refuses) as they were", () => {
    const refused = githubError(403, "Resource not accessible by integration", { "x-ratelimit-remaining": "4999" });
    expect(toRateLimitWait(refused, now)).toBe(refused);
    const serverError = githubError(500, "Server Error", {});
    expect(toRateLimitWait(serverError, now)).toBe(serverError);
  });
});

describe("waitDelayMs", () => {
  it("honours what the other side asked for, else backs off from 2 s to every 5 minutes, and stops after its budget", () => {
    expect(waitDelayMs(new WaitError("GitHub", "secondary rate limit", 60_000), 0)).toBe(60_000);
    expect([0, 1, 2, 10].map((waits) => waitDelayMs(new WaitError("anthropic", "overloaded"), waits))).toEqual([2_000, 4_000, 8_000, 300_000]);
    expect(waitDelayMs(new WaitError("anthropic", "overloaded"), 60)).toBeNull();
    // Once its waits are spent, a wait is an ordinary failure: retried while attempts last.
    expect(retryDelayMs(new WaitError("anthropic", "overloaded", 5_000), 1, 5)).toBe(5_000);
  });
});
