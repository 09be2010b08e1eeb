import { redactSecrets } from "../agents/secret-scanner.ts";

/** `docs/work/<issue>-<slug>/<name>`: where a work item's artifacts live. */
export function artifactFolder(folder: string, issueNumber: number, title: string): string {
  return `${folder}/${issueNumber}-${slugify(title)}`;
}

/** A path-safe slug of an issue title; a credential in the title is redacted first, so no piece of it lands in a path. */
export function slugify(title: string): string {
  const slug = redactSecrets(title)
    .text    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug || "work-item";
}

/** The branch a pass commits to. */
export function passBranch(issueNumber: number, passId: string): string {
  return `pitwall/${issueNumber}/${passId}`;
}
