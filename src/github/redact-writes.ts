import { scanSecrets } from "../agents/secret-scanner.ts";
import type { GitHub } from "./octokit.ts";
import { redactText } from "./redact-text.ts";

// The edge every write of an installation passes: whatever a writer forgot, no text Pitwall sends
// to GitHub — titles, bodies, comments, commit messages, merge titles and messages, check-run
// output and annotations, deployment descriptions — carries a credential. Each string field of a
// write's parameters is redacted, except the identifiers GitHub must get verbatim (SHAs, refs, ids,
// a workflow's inputs). File contents are never rewritten: a file that holds a secret is refused,
// as the safe-output check before a pass commits already does.

/** Parameters that are not text people read: sent as they are. */
const verbatim = new Set([
  "method", "url", "baseUrl", "headers", "request", "mediaType", "owner", "repo", "sha", "head_sha", "ref", "head", "base", "basehead",
  "parents", "tree", "base_tree", "external_id", "inputs", "client_payload", "encoding", "mode", "type", "path", "content", "state",
  "state_reason", "conclusion", "status", "merge_method", "labels", "name", "environment", "task", "assignees", "reviewers", "per_page", "page",
]);

/** A file's content on its way into a blob, a tree or the contents API. */
function fileContents(route: string, options: Record<string, unknown>): { path: string; content: string }[] {
  if (/\/git\/blobs$/.test(route) && typeof options["content"] === "string") {
    return [{ path: "(blob)", content: options["encoding"] === "base64" ? Buffer.from(options["content"], "base64").toString("utf8") : options["content"] }];
  }
  if (/\/git\/trees$/.test(route) && Array.isArray(options["tree"])) {
    return (options["tree"] as { path?: unknown; content?: unknown }[]).flatMap((entry) => (typeof entry.content === "string" ? [{ path: String(entry.path), content: entry.content }] : []));
  }
  if (/\/contents\/\{path\}$/.test(route) && typeof options["content"] === "string") {
    return [{ path: String(options["path"]), content: Buffer.from(options["content"], "base64").toString("utf8") }];
  }
  return [];
}

function redactValue(value: unknown): unknown {
  if (typeof value === "string") return redactText(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, redactValue(field)]));
  return value;
}

/** Thrown instead of sending a file that holds a credential; the message names the file and the kind, never the value. */
export class SecretInFileError extends Error {}

export function redactWrites(gh: GitHub): GitHub {
  gh.hook.before("request", (options) => {
    if (options.method === "GET" || options.method === "HEAD") return;
    const parameters = options as unknown as Record<string, unknown>;
    for (const file of fileContents(String(options.url), parameters)) {
      const [finding] = scanSecrets(file.content);
      if (finding) throw new SecretInFileError(`Pitwall refused to write ${file.path}: line ${finding.line} looks like a secret (${finding.kind}: ${finding.preview}); secrets are never committed`);
    }
    for (const [key, value] of Object.entries(parameters)) if (!verbatim.has(key)) parameters[key] = redactValue(value);
  });
  return gh;
}
