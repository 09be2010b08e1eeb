import type { PassEventDelivery } from "./inbox.ts";

/**
 * The identity on GitHub of what a pass-PR webhook reports, when it has one that the sweep can
 * find again: an approving review by its id, a CI result by its check run (or status context) and
 * conclusion, a close by the PR and the head it closed at. Either path takes each up once.
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
      return `status:${repo}@${delivery.payload.sha}:${delivery.payload.context}:${delivery.payload.state}`;
    case "pull_request":
      return delivery.payload.action === "closed" ? `pr-closed:${repo}#${delivery.payload.pull_request.number}@${delivery.payload.pull_request.head.sha}` : undefined;
    case "deployment_status":
      return undefined;
  }
}
