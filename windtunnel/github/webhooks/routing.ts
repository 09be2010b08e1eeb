// Which raised events reach the app under test, beyond "installed on the repo and subscribed":
// - an event that needs an installation permission (check_run needs checks, deployment needs
//   deployments …) is not delivered to an installation without it (read is enough);
// - `check_run.rerequested` / `requested_action` (and check_suite `requested` / `rerequested`)
//   go only to the app owning the run or suite; `created` and `completed` go to every app with
//   the checks permission, whoever owns the run.
import { isRecord } from "../openapi/spec-types.ts";
import type { World } from "../core/world.ts";

const PERMISSION_FOR: Record<string, string> = {
  check_run: "checks",
  check_suite: "checks",
  deployment: "deployments",
  deployment_status: "deployments",
  status: "statuses",
};

const OWNER_ONLY: Record<string, { subject: string; actions: string[] }> = {
  check_run: { subject: "check_run", actions: ["rerequested", "requested_action"] },
  check_suite: { subject: "check_suite", actions: ["requested", "rerequested"] },
};

const at = (value: unknown, key: string): unknown => (isRecord(value) ? value[key] : undefined);

export function reachesApp(w: World, event: string, payload: Record<string, unknown>): boolean {
  const permission = PERMISSION_FOR[event];
  if (permission !== undefined) {
    const installationId = at(payload.installation, "id");
    const installation = typeof installationId === "number" ? w.state.installations.get(installationId) : undefined;
    if (!installation?.permissions[permission]) return false;
  }
  const ownerOnly = OWNER_ONLY[event];
  if (ownerOnly && typeof payload.action === "string" && ownerOnly.actions.includes(payload.action)) {
    return at(at(payload[ownerOnly.subject], "app"), "id") === w.app.id;
  }
  return true;
}
