import type { PassEventDelivery } from "./inbox.ts";

/**
 * The identity on GitHub of what a pass-PR webhook reports, when it has one that the sweep can
 * find again: an approving review by its id, a CI result by its check run and conclusion (or the
 * status's own id), a close by the PR, the head it closed at and whether it merged (closed, reopened
 * and merged at the same head is a second event). Either path takes each up once.
 * Pushes and button presses have none: each delivery of those is its own event.
 */
export function passEventKey(delivery: PassEventDelivery): string | undefined {
  const repo = `${delivery.payload.repository.owner.login}/${delivery.payload.repository.name}`.toLowerCase();
  switch (delivery.name) {
    case "pull_request_review":
      return `review:${delivery.payload.review.id}`;
    case "check_run":
      return delivery.payload.action === "completed" ? `check-run:${delivery.payload.check_run.id}:${delivery.payload.check_run.conclusion ?? ""}` : undefined;
    case "status":
      // Each status GitHub records has its own id; a CI re-run on the same commit posts new ones.
      return delivery.payload.id === undefined ? `status:${repo}@${delivery.payload.sha}:${delivery.payload.context}:${delivery.payload.state}` : `status:${repo}:${delivery.payload.id}`;
    case "pull_request":
      return delivery.payload.action === "closed" ? `pr-closed:${repo}#${delivery.payload.pull_request.number}@${delivery.payload.pull_request.head.sha}:${delivery.payload.pull_request.merged === true ? "merged" : "closed"}` : undefined;
    case "deployment_status":
      return undefined;
  }
}
