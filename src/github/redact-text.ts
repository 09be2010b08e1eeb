import { redactSecrets } from "../agents/secret-scanner.ts";

// Everything Pitwall writes to GitHub (comments, titles, bodies, check-run output and annotations,
// commit messages) passes here once, in the writers of this folder: people's comments and models'
// output are copied into it, and a credential in them must not be published again. Redact first,
// then cut to GitHub's limits: a marker can be longer than the secret it replaces.

/** `text` with every credential replaced by `[REDACTED:<kind>]`. */
export function redactText(text: string): string {
  return redactSecrets(text).text;
}
