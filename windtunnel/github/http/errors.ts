// GitHub's error bodies: `{ message, errors?, documentation_url, status }` with the status as a
// string (GitHub added it in 2024). Routes throw these; the dispatcher renders them and fills
// documentation_url from the operation when the route does not name one.

export interface ValidationErrorItem {
  /** the refused value, which GitHub echoes for some fields (a label name) */
  value?: string;
  resource: string;
  code: "missing" | "missing_field" | "invalid" | "already_exists" | "unprocessable" | "custom";
  field?: string;
  message?: string;
  /** the deployments API lists the commit's contexts and their states in a 409 */
  contexts?: { context: string; state: string }[];
}

export class GitHubError extends Error {
  readonly status: number;
  readonly errors: (ValidationErrorItem | string)[] | undefined;
  readonly documentationUrl: string | undefined;

  constructor(status: number, message: string, options: { errors?: (ValidationErrorItem | string)[]; documentationUrl?: string } = {}) {
    super(message);
    this.name = "GitHubError";
    this.status = status;
    this.errors = options.errors;
    this.documentationUrl = options.documentationUrl;
  }

  toBody(fallbackDocs: string): Record<string, unknown> {
    return {
      message: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      documentation_url: this.documentationUrl ?? fallbackDocs,
      status: String(this.status),
    };
  }
}

export const notFound = (message = "Not Found"): GitHubError => new GitHubError(404, message);

export const unprocessable = (message: string): GitHubError => new GitHubError(422, message);

/** 422 "Validation Failed" with GitHub's structured `errors` list. */
export const validationFailed = (...errors: ValidationErrorItem[]): GitHubError =>
  new GitHubError(422, "Validation Failed", { errors });

export const forbiddenForIntegration = (): GitHubError => new GitHubError(403, "Resource not accessible by integration");
