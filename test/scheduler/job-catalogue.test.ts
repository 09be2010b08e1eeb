import { describe, expect, it } from "vitest";
import {
  JobPayloadError,
  jobCatalogue,
  jobHandlers,
  jobKinds,
  newJob,
  parseJobPayload,
  retryDelayMs,
  startWorker,
  type CatalogueHandlers,
  type JobKind,
  type JobOptions,
  type JobPayload,
  type JobRequest,
  type QueuedJob,
  type WorkflowPriorityContext,
} from "../../src/scheduler/index.ts";

// The job catalogue is the one table producers and consumers share: a payload made for a kind
// comes back from the queue (as JSON) as the same payload, a payload of the wrong shape is
// refused on both sides with the kind named, and a kind's priority comes from the policy.

/** One payload of every kind: the type makes this list complete. */
const samples: { [K in JobKind]: JobPayload<K> } = {
  start_work_item: { installationId: 1, owner: "acme", repo: "shop", issueNumber: 7, issueTitle: "Cart total is wrong", label: "pitwall:bug", sender: "alice", issueAuthor: "bob", deliveryId: "d-1" },
  run_pass: { workItemId: 3, passId: "fix", iteration: 1 },
  run_verifier: { workItemId: 3, verifierRunId: 9 },
  command: { installationId: 1, owner: "acme", repo: "shop", issueNumber: 7, isPullRequest: false, workItemId: 3, commentId: 11, body: "/pause", author: "carol", createdAt: "2026-12-01T10:00:00Z", editedLines: ["/pause"] },
  run_commands: { installationId: 1, owner: "acme", repo: "shop", issueNumber: 7, isPullRequest: true, workItemId: 3, commentId: 11, body: "/approve", author: "carol", permission: "write" },
  github_event: { installationId: 1, workItemId: 3, passRunId: 4, event: { kind: "pr_closed", merged: true, mergeSha: "abc", headSha: "def", sender: "carol" } },
  lint_definitions: { installationId: 1, owner: "acme", repo: "shop", prNumber: 12, headSha: "def", baseRef: "main" },
  ordinary_gate: { installationId: 1, owner: "acme", repo: "shop", prNumber: 12, headSha: "def", headRef: "feature" },
  budget_period_started: { workItemId: 3, passId: "fix", iteration: 2 },
  stop_work_item: { workItemId: 3, cancel: false, hold: "label_removed", reason: "the label was removed", actor: "alice", canWrite: true, card: true },
  settle_work_item: { workItemId: 3, card: false },
  release_hold: { workItemId: 3, hold: "installation_suspended", actor: "alice" },
  issue_reopened: { workItemId: 3, actor: "alice" },
  follow_installation: { installationId: 1, change: "repos_added", repos: [{ owner: "acme", name: "shop" }], actor: "alice", deliveryId: "d-2" },
  create_labels: { installationId: 1, owner: "acme", repo: "shop" },
  deploy_time_limit: { workItemId: 3, passRunId: 4, deploymentId: 5, deadline: "2026-12-01T11:00:00.000Z" },
  advance_gate: { workItemId: 3 },
  reconcile: { installationId: 1, round: "every-5m-5928", afterWorkItemId: 17 },
};

const kinds = Object.keys(jobCatalogue) as JobKind[];
const workflowKinds: JobKind[] = ["run_pass", "run_verifier", "budget_period_started", "deploy_time_limit"];

/** `newJob` for any kind in a loop (its arguments' types depend on the kind, checked above by `samples`). */
const anyJob = newJob as (kind: JobKind, payload: unknown, options?: JobOptions, context?: WorkflowPriorityContext) => JobRequest;

describe("the job catalogue", () => {
  it("names every kind once, and jobKinds names exactly the catalogue's kinds", () => {
    expect(Object.values(jobKinds).sort()).toEqual([...kinds].sort());
  });

  it.each(kinds)("round-trips a %s job through the queue's JSON", (kind) => {
    const job = anyJob(kind, samples[kind], { dedupeKey: `k:${kind}`, lockKey: "acme/shop#7" }, { workflow: { priority: 70 } });
    expect(job).toMatchObject({ kind, payload: samples[kind], dedupeKey: `k:${kind}`, lockKey: "acme/shop#7" });
    const stored: unknown = JSON.parse(JSON.stringify(job.payload));
    expect(parseJobPayload(kind, stored)).toEqual(samples[kind]);
  });

  it("refuses a wrong payload when it is made, naming the kind and the field", () => {
    const wrong = { workItemId: "3", passId: "fix", iteration: 1 } as unknown as JobPayload<"run_pass">;
    expect(() => newJob(jobKinds.runPass, wrong, {}, { workflow: undefined })).toThrow(JobPayloadError);
    expect(() => newJob(jobKinds.runPass, wrong, {}, { workflow: undefined })).toThrow(/a run_pass job's payload does not fit its schema: workItemId: /);
    try {
      anyJob("release_hold", { workItemId: 3, hold: "lunch", actor: "alice" });
    } catch (error) {
      expect(error).toBeInstanceOf(JobPayloadError);
      expect((error as JobPayloadError).kind).toBe("release_hold");
      expect((error as Error).message).toContain("hold:");
    }
    expect.assertions(5);
  });

  it("makes a wrong payload or a missing priority context a type error", () => {
    // @ts-expect-error: a run_pass payload has no `verifierRunId` and needs a `passId`.
    expect(() => newJob(jobKinds.runPass, { workItemId: 3, verifierRunId: 9, iteration: 1 }, {}, { workflow: undefined })).toThrow(JobPayloadError);
    // @ts-expect-error: a pass runs at its workflow's priority, so the workflow must be handed in.
    expect(newJob(jobKinds.runPass, samples.run_pass, {}).priority).toBe(50);
    // @ts-expect-error: an unknown kind is not in the catalogue.
    expect(() => newJob("run_everything", {}, {})).toThrow(/no such kind of job/);
    // @ts-expect-error: a job made by hand skips the checks and the policy, so the queue takes only newJob's.
    const handMade: JobRequest = { kind: "settle_work_item", payload: samples.settle_work_item, priority: 100 };
    expect(handMade.priority).toBe(100);
  });

  it("refuses a stored payload that does not fit at once, without retrying, naming the kind", async () => {
    const handled: unknown[] = [];
    const handlers = jobHandlers(Object.fromEntries(kinds.map((kind) => [kind, (payload: unknown) => Promise.resolve(void handled.push(payload))])) as unknown as CatalogueHandlers);
    const jobs: QueuedJob[] = [
      { id: 1, kind: "run_pass", payload: samples.run_pass, attempts: 1, maxAttempts: 5 },
      { id: 2, kind: "settle_work_item", payload: { workItemId: 3 }, attempts: 1, maxAttempts: 5 },
    ];
    const failed: [number, string, Date | null][] = [];
    const logged: [object, string][] = [];
    const worker = startWorker({
      queue: {
        claim: () => Promise.resolve(jobs.shift()),
        complete: () => Promise.resolve(),
        fail: (job, _workerId, { error, retryAt }) => Promise.resolve(void failed.push([job.id, error, retryAt])),
      },
      handlers,
      clock: { now: () => new Date("2026-12-01T12:00:00Z") },
      log: { info: () => {}, error: (fields, message) => void logged.push([fields, message]) },
      workerId: "w-1",
      concurrency: 1,
      pollMs: 60_000,
    });
    await worker.whenIdle();
    await worker.stop();
    expect(handled).toEqual([samples.run_pass]);
    expect(failed).toEqual([[2, "a settle_work_item job's payload does not fit its schema: card: Invalid input: expected boolean, received undefined", null]]);
    expect(logged).toEqual([[expect.objectContaining({ jobId: 2, kind: "settle_work_item", retryInMs: null }), "job settle_work_item failed"]]);
    expect(retryDelayMs(new JobPayloadError("run_pass", "x"), 1, 5)).toBeNull();
  });
});

describe("the priority policy", () => {
  it("runs a work item's jobs at its workflow's priority, ordinary (50) when it has none", () => {
    for (const kind of workflowKinds) {
      expect(anyJob(kind, samples[kind], {}, { workflow: { priority: 80 } }).priority).toBe(80);
      expect(anyJob(kind, samples[kind], {}, { workflow: { priority: 0 } }).priority).toBe(0);
      expect(anyJob(kind, samples[kind], {}, { workflow: {} }).priority).toBe(50);
      expect(anyJob(kind, samples[kind], {}, { workflow: undefined }).priority).toBe(50);
    }
  });

  it("answers people first, then pull request checks, then upkeep", () => {
    const fixed = Object.fromEntries(kinds.filter((kind) => !workflowKinds.includes(kind)).map((kind) => [kind, anyJob(kind, samples[kind]).priority]));
    expect(fixed).toEqual({
      start_work_item: 100,
      command: 100,
      run_commands: 100,
      github_event: 100,
      stop_work_item: 100,
      settle_work_item: 100,
      release_hold: 100,
      issue_reopened: 100,
      follow_installation: 100,
      advance_gate: 100,
      lint_definitions: 60,
      ordinary_gate: 60,
      create_labels: 50,
      reconcile: 50,
    });
  });
});
