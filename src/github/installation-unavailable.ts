import { NonRetryableError } from "../scheduler/job-errors.ts";
import { hasStatus, type GitHub } from "./octokit.ts";

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
 * Turns GitHub's answers for a gone installation into InstallationUnavailableError: 401 "Bad
 * credentials" (the token died with the installation), 403 "This installation has been
 * suspended", and 404 for the installation's token itself.
 */
export function watchInstallation(gh: GitHub, installationId: number): GitHub {
  gh.hook.error("request", (error, options) => {
    const message = error instanceof Error ? error.message : String(error);
    const tokenRequest = typeof options.url === "string" && options.url.includes("/access_tokens");
    if (hasStatus(error, 401) || (hasStatus(error, 403) && /suspended/i.test(message)) || (tokenRequest && hasStatus(error, 404))) {
      throw new InstallationUnavailableError(installationId, message);
    }
    throw error;
  });
  return gh;
}
