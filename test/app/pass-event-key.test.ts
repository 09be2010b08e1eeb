import { describe, expect, it } from "vitest";
import { passEventKey } from "../../src/app/pass-event-key.ts";
import type { PassEventDelivery } from "../../src/app/inbox.ts";

const base = { repository: { name: "Rocket", owner: { login: "Acme" } }, sender: { login: "carol", type: "User" }, installation: { id: 1 } };

describe("passEventKey", () => {
  it("names a review by its id, whichever delivery carries it", () => {
    const review: PassEventDelivery = { name: "pull_request_review", payload: { ...base, action: "submitted", review: { id: 42, state: "approved", commit_id: "abc", user: base.sender }, pull_request: { number: 2 } } };
    expect(passEventKey(review)).toBe("review:42");
  });

  it("names a CI result by its check run and conclusion, or a status by its own id", () => {
    const check = (action: string, conclusion: string | null): PassEventDelivery => ({ name: "check_run", payload: { ...base, action, check_run: { id: 7, name: "ci/test", head_sha: "abc", status: "completed", conclusion } } });
    expect(passEventKey(check("completed", "success"))).toBe("check-run:7:success");
    expect(passEventKey(check("completed", "failure"))).toBe("check-run:7:failure");
    // Buttons and re-runs are each their own event.
    expect(passEventKey(check("rerequested", null))).toBeUndefined();
    expect(passEventKey({ name: "status", payload: { ...base, id: 11, sha: "abc", state: "success", context: "ci/lint" } })).toBe("status:acme/rocket:11");
  });

  it("keeps each status of a CI re-run on the same commit apart (success, failure, success again)", () => {
    const status = (id: number, state: string): PassEventDelivery => ({ name: "status", payload: { ...base, id, sha: "abc", state, context: "ci/test" } });
    const keys = [status(1, "success"), status(2, "failure"), status(3, "success")].map(passEventKey);
    expect(new Set(keys).size).toBe(3);
  });

  it("tells a close apart from a merge at the same head (closed, reopened, merged)", () => {
    const closed = (merged: boolean): PassEventDelivery => ({ name: "pull_request", payload: { ...base, action: "closed", pull_request: { number: 3, merged, merge_commit_sha: merged ? "m" : null, head: { sha: "h", ref: "pitwall/1/spec" } } } });
    expect(passEventKey(closed(false))).not.toBe(passEventKey(closed(true)));
  });

  it("names a close by the PR, the head it closed at and whether it merged; pushes and deployments have no key", () => {
    const pull = (action: string): PassEventDelivery => ({ name: "pull_request", payload: { ...base, action, pull_request: { number: 3, merged: true, merge_commit_sha: "m", head: { sha: "h", ref: "pitwall/1/spec" } } } });
    expect(passEventKey(pull("closed"))).toBe("pr-closed:acme/rocket#3@h:merged");
    expect(passEventKey(pull("synchronize"))).toBeUndefined();
    expect(passEventKey({ name: "deployment_status", payload: { ...base, action: "created", deployment_status: { state: "success" }, deployment: { id: 5 } } })).toBeUndefined();
  });
});
