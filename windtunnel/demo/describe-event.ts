import { statusMarker, type EventRecord } from "../index.ts";

// One timeline line for an event the fake GitHub delivered (the demo prints them as they happen).

function actorOf(event: EventRecord): string {
  const sender = event.payload.sender as { login?: string } | undefined;
  return sender?.login ?? "github";
}

/** Who did what, in a few words; undefined for events the timeline leaves out. */
export function describeEvent(event: EventRecord): string | undefined {
  const what = describeWhat(event);
  return what === undefined ? undefined : `${actorOf(event).padEnd(16)} ${what}`;
}

function describeWhat(event: EventRecord): string | undefined {
  const payload = event.payload as {
    label?: { name: string };
    issue?: { number: number; title: string };
    comment?: { body: string };
    pull_request?: { number: number; title: string; head: { ref: string }; base: { ref: string }; merged?: boolean };
    check_run?: { name: string; status: string; conclusion: string | null };
    ref?: string;
  };
  const key = `${event.event}.${event.action ?? ""}`;
  switch (key) {
    case "issues.opened":
      return `opened issue #${payload.issue?.number} "${payload.issue?.title}"`;
    case "issues.labeled":
      return `labelled #${payload.issue?.number} ${payload.label?.name}`;
    case "issue_comment.created":
    case "issue_comment.edited":
      return describeComment(event.action ?? "", payload.issue?.number ?? 0, payload.comment?.body ?? "");
    case "pull_request.opened":
      return `opened PR #${payload.pull_request?.number} "${payload.pull_request?.title}" (${payload.pull_request?.head.ref} → ${payload.pull_request?.base.ref})`;
    case "pull_request.closed":
      return payload.pull_request?.merged ? `merged PR #${payload.pull_request.number}` : `closed PR #${payload.pull_request?.number}`;
    // A check run created already completed sends `created` and then `completed` with the same
    // state: the verb tells the two deliveries apart, so a verifier does not look duplicated.
    case "check_run.created":
      return `created check run ${payload.check_run?.name}: ${payload.check_run?.status}${payload.check_run?.conclusion ? ` (${payload.check_run.conclusion})` : ""}`;
    case "check_run.completed":
      return `completed check run ${payload.check_run?.name} (${payload.check_run?.conclusion ?? "no conclusion"})`;
    case "push.":
      return `pushed ${payload.ref?.replace("refs/heads/", "")}`;
    case "deployment.created":
      return `created deployment to ${(event.payload["deployment"] as { environment: string }).environment}`;
    case "deployment_status.created":
      return `deployment status: ${(event.payload["deployment_status"] as { state: string }).state}`;
    case "issues.closed":
      return `closed issue #${payload.issue?.number}`;
    default:
      return undefined;
  }
}

function describeComment(action: string, number: number, body: string): string {
  if (body.startsWith(statusMarker)) {
    const state = /\*\*State:\*\* (.+)/.exec(body)?.[1] ?? "";
    const current = /\| \*\*(\w[\w-]*)\*\* \|/.exec(body)?.[1];
    return `${action === "created" ? "posted" : "updated"} status card on #${number}: ${state}${current ? ` (pass ${current})` : ""}`;
  }
  if (body.startsWith("<!-- pitwall:cost:")) {
    const total = /\*\*(?:This pass|All calls of the work item):\*\* ([^·]+)/.exec(body)?.[1]?.trim() ?? "";
    return `${action === "created" ? "posted" : "updated"} cost summary on #${number}: ${total}`;
  }
  const first = body.split("\n").find((line) => line.trim() !== "") ?? "";
  return `commented on #${number}: ${first.length > 90 ? `${first.slice(0, 87)}…` : first}`;
}
