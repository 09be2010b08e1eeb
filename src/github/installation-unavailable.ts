import { InstallationUnavailableError } from "../orchestrator/installation-unavailable-error.ts";
import { hasStatus } from "./octokit.ts";

/**
 * GitHub's answers for a gone installation as InstallationUnavailableError: 401 "Bad
 * credentials" (the token died with the installation), 403 "This installation has been
 * suspended", and 404 for the installation's token itself. Anything else comes back as it was.
 */
export function toInstallationUnavailable(error: unknown, url: unknown, installationId: number): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const tokenRequest = typeof url === "string" && url.includes("/access_tokens");
  if (hasStatus(error, 401) || (hasStatus(error, 403) && /suspended/i.test(message)) || (tokenRequest && hasStatus(error, 404))) {
    return new InstallationUnavailableError(installationId, message);
  }
  return error;
}
