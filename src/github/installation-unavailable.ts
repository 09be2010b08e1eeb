import { NonRetryableError } from "../scheduler/job-errors.ts";
import { hasStatus } from "./octokit.ts";

/**
 * The installation behind a job was uninstalled or suspended (or its repository removed from
 * it): no retry will help, and nothing can be said on GitHub until it is back.
 */
export class InstallationUnavailableError extends NonRetryableError {
  readonly installationId: number;
  constructor(installationId: number, why: string) {
    super(`installation ${installationId} is unavailable: ${why}`);
    this.name = "InstallationUnavailableError";
    this.installationId = installationId;
  }
}

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
