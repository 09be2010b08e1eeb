import { z } from "zod";
import { NonRetryableError } from "../scheduler/job-errors.ts";

// GitHub answers 422 when it finds a request invalid: "Validation Failed" with a list of the
// fields it refused, or "Invalid request." when the request breaks the schema (a check run's
// summary over 65,535 characters). The same request fails the same way every time, so the job
// must not retry it; other 422s ("Reference already exists", "Update is not a fast forward")
// come from races that a retry resolves and stay as they are.

const refusedField = z.union([
  z.string(),
  z.object({ resource: z.string().optional(), field: z.string().optional(), code: z.string().optional(), message: z.string().optional() }),
]);
const refusal = z.object({
  status: z.literal(422),
  request: z.object({ method: z.string(), url: z.string() }),
  response: z.object({ data: z.object({ message: z.string(), errors: z.array(refusedField).optional() }) }),
});

/** GitHub refused a request as invalid; the message names what it refused and each field. */
export class GitHubValidationError extends NonRetryableError {
  /** kept, so code that tells a 422 apart (`hasStatus`) still does */
  readonly status = 422;
  readonly fields: readonly string[];
  /** GitHub's code for each refused field (`already_exists`, `invalid`, `custom` …). */
  readonly codes: readonly string[];

  constructor(message: string, fields: readonly string[], options?: ErrorOptions & { codes?: readonly string[] }) {
    super(message, options);
    this.name = "GitHubValidationError";
    this.fields = fields;
    this.codes = options?.codes ?? [];
  }
}

/** Octokit's RequestError for a validation 422 as a GitHubValidationError; anything else unchanged. */
export function toGitHubValidationError(error: unknown): unknown {
  const parsed = refusal.safeParse(error);
  if (!parsed.success) return error;
  const { request, response } = parsed.data;
  const { message, errors = [] } = response.data;
  if (message !== "Validation Failed" && !message.startsWith("Invalid request.")) return error;
  const what = subjectOf(request.method, request.url);
  const details = errors.map((item) =>
    typeof item === "string" ? item : `${item.field ? `\`${item.field}\`` : "a field"}${item.resource ? ` (${item.resource})` : ""}: ${item.message ?? item.code ?? "invalid"}`,
  );
  const fields = errors.flatMap((item) => (typeof item !== "string" && item.field ? [item.field] : []));
  const codes = errors.flatMap((item) => (typeof item !== "string" && item.code ? [item.code] : []));
  const text = details.length > 0 ? `GitHub refused ${what}'s ${details.join("; ")}` : `GitHub refused ${what}: ${message.replace(/^Invalid request\.\s*/, "")}`;
  return new GitHubValidationError(`${text} (not retried: GitHub would refuse the same request again)`, fields, { cause: error, codes });
}

/** What a request writes, in words: "the pull request", "the comment", or its method and path. */
function subjectOf(method: string, url: string): string {
  const path = new URL(url, "https://api.github.com").pathname.replace(/^\/api\/v3/, "");
  const kinds: [RegExp, string][] = [
    [/\/pulls\/\d+\/reviews(\/\d+)?$/, "the review"],
    [/\/pulls(\/\d+)?$/, "the pull request"],
    [/\/issues(\/\d+)?\/comments(\/\d+)?$/, "the comment"],
    [/\/issues\/\d+\/labels$|\/labels(\/[^/]+)?$/, "the label"],
    [/\/issues(\/\d+)?$/, "the issue"],
    [/\/check-runs(\/\d+)?$/, "the check run"],
  ];
  return kinds.find(([pattern]) => pattern.test(path))?.[1] ?? `${method} ${path}`;
}
