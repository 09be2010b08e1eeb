import { RequestError } from "@octokit/request-error";
import { describe, expect, it } from "vitest";
import { GitHubValidationError, toGitHubValidationError } from "../../src/github/github-validation-error.ts";
import { hasStatus } from "../../src/github/octokit.ts";
import { NonRetryableError, retryDelayMs } from "../../src/scheduler/job-errors.ts";

// Octokit's RequestError for GitHub's validation 422 becomes a permanent error naming the field;
// 422s that come from races (a ref that already exists) and other statuses stay retryable.

function requestError(status: number, method: "POST" | "PATCH", url: string, data: unknown): RequestError {
  return new RequestError("GitHub said no", status, { request: { method, url, headers: {} }, response: { status, url, headers: {}, data } });
}

function permanent(error: unknown): GitHubValidationError {
  if (!(error instanceof GitHubValidationError)) throw new Error(`not a GitHubValidationError: ${String(error)}`);
  return error;
}

describe("toGitHubValidationError", () => {
  it("names the refused field and the thing refused, and is not retried", () => {
    const error = toGitHubValidationError(
      requestError(422, "POST", "https://api.github.com/repos/acme/rocket/pulls", {
        message: "Validation Failed",
        errors: [{ resource: "Issue", code: "custom", field: "title", message: "title is too long (maximum is 256 characters)" }],
      }),
    );
    expect(error).toBeInstanceOf(NonRetryableError);
    expect(permanent(error).fields).toEqual(["title"]);
    expect(permanent(error).message).toBe("GitHub refused the pull request's `title` (Issue): title is too long (maximum is 256 characters) (not retried: GitHub would refuse the same request again)");
    expect(hasStatus(error, 422)).toBe(true);
    expect(retryDelayMs(error, 1, 5)).toBeNull();
  });

  it("takes GitHub's schema refusal of a check run as permanent too", () => {
    const error = toGitHubValidationError(requestError(422, "PATCH", "https://api.github.com/repos/acme/rocket/check-runs/9", { message: "Invalid request.\n\nOnly 65535 characters are allowed; 70000 were supplied." }));
    expect(permanent(error).message).toMatch(/^GitHub refused the check run: Only 65535 characters are allowed; 70000 were supplied\./);
    expect(retryDelayMs(error, 1, 5)).toBeNull();
  });

  it("leaves race 422s and other errors as they are, so they are retried", () => {
    const race = requestError(422, "POST", "https://api.github.com/repos/acme/rocket/git/refs", { message: "Reference already exists" });
    expect(toGitHubValidationError(race)).toBe(race);
    const outage = requestError(502, "POST", "https://api.github.com/repos/acme/rocket/pulls", { message: "Server Error" });
    expect(toGitHubValidationError(outage)).toBe(outage);
    expect(retryDelayMs(toGitHubValidationError(outage), 1, 5)).toBe(1000);
  });
});
