import type { Probot } from "probot";
import type { Logger } from "pino";
import type { OwnApp } from "../orchestrator/github-port.ts";
import type { Clock } from "../domain/clock.ts";
import type { JobRequest } from "../scheduler/new-job.ts";
import { enqueueJob } from "../store/jobs.ts";
import type { Sql } from "../store/sql.ts";
import { acceptDelivery, commentJob, definitionsLintJob, editedCommentJob, labeledJob, ordinaryGateJob, passEventJob, type CommentPayload, type LabeledPayload, type PassEventDelivery } from "./inbox.ts";
import { installationJob, issueLifecycleJob, type InstallationPayload } from "./lifecycle-job.ts";

export interface WebhookSubscriptionDeps {
  sql: Sql;
  clock: Clock;
  log: Logger;
  ownApp: () => Promise<OwnApp>;
  /** Wakes the worker: a job was enqueued. */
  wake: () => void;
}

/** Webhooks → inbox → queue: each delivery Pitwall reads is recorded and becomes a job. */
export function subscribeWebhooks(app: Probot, { sql, clock, log, ownApp, wake }: WebhookSubscriptionDeps): void {
  // The guard has verified the signature before these run; they only record and enqueue.
  const accept = async (context: { id: string; name: string; payload: unknown }, toJob: (tx: Sql) => Promise<JobRequest | undefined>) => {
    const result = await acceptDelivery(sql, { id: context.id, name: context.name, payload: context.payload, receivedAt: clock.now() }, toJob);
    log.info({ deliveryId: context.id, event: context.name, result }, "webhook accepted");
    if (result === "enqueued") wake();
  };
  app.on("issues.labeled", (context) => accept(context, () => Promise.resolve(labeledJob(context.id, context.payload as LabeledPayload))));
  app.on("issue_comment.created", (context) => accept(context, (tx) => commentJob(tx, context.id, context.payload as CommentPayload)));
  app.on("issue_comment.edited", (context) => accept(context, (tx) => editedCommentJob(tx, context.id, context.payload as CommentPayload)));
  // Any pull request that changes definitions gets pitwall/definitions, and any that is not a pass
  // PR a passing pitwall/gate. The delivery is recorded by the pass-event handler below when it is
  // about a pass PR, so this one only enqueues (each job is deduplicated per head).
  app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], async (context) => {
    const jobs = [definitionsLintJob(context.id, context.payload), ordinaryGateJob(context.payload)].filter((job) => job !== undefined);
    if (jobs.length === 0) return;
    for (const job of jobs) await enqueueJob(sql, { ...job, runAt: clock.now() });
    wake();
  });
  // Reviews, the repo's CI, deployments, pushes and merges on pass PRs move gates.
  app.on(["pull_request_review.submitted", "check_run.completed", "check_run.rerequested", "check_run.requested_action", "status", "deployment_status.created", "pull_request.synchronize", "pull_request.closed"], (context) =>
    accept(context, (tx) => passEventJob(tx, context.id, { name: context.name, payload: context.payload } as PassEventDelivery)),
  );

  // A work item follows its issue and its installation (README: "A work item follows its issue").
  // The app's own login (`<slug>[bot]`), asked of GitHub the first time a bot closes an issue.
  const appLogin = async () => (await ownApp()).login;
  app.on(["issues.unlabeled", "issues.closed", "issues.reopened", "issues.transferred", "issues.deleted"], async (context) => {
    const own = context.payload.action === "closed" && context.payload.sender.type === "Bot" ? await appLogin() : undefined;
    await accept(context, (tx) => issueLifecycleJob(tx, context.id, context.payload, own));
  });
  app.on(["installation", "installation_repositories"], (context) => accept(context, (tx) => installationJob(tx, context.id, context.name, context.payload as InstallationPayload, clock.now())));
}
