import { NonRetryableError } from "../scheduler/job-errors.ts";

/**
 * The installation behind a job was uninstalled or suspended (or its repository removed from
 * it): no retry will help, and nothing can be said on GitHub until it is back. The GitHub port
 * throws it; a use case may catch it.
 */
export class InstallationUnavailableError extends NonRetryableError {
  readonly installationId: number;
  constructor(installationId: number, why: string) {
    super(`installation ${installationId} is unavailable: ${why}`);
    this.name = "InstallationUnavailableError";
    this.installationId = installationId;
  }
}
